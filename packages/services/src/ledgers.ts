import { readFile } from 'node:fs/promises';
import {
  checkLedgerRow,
  fileProblem,
  formatProblem,
  type LedgerDef,
  type LedgerValue,
  ledgerInputOf,
  ledgerRowInput,
  mergeLedgerChanges,
  nextRef,
  type Problem,
  parseLedgerInput,
  refLikePattern,
  retiredFieldProblems,
} from '@taizhang/core';
import {
  type Database,
  getLedgerRow,
  insertLedgerRow,
  LedgerRefExistsError,
  ledgerOrderFields,
  ledgerRefsLike,
  listLedgerRows,
  listSections,
  type OrganisationRow,
  type Queryable,
  StaleVersionError,
  type StoredLedgerRow,
  updateLedgerRow,
} from '@taizhang/db';
import { refusalOf, refuse, refuseProblem } from './refusals.js';
import { UserError } from './user-error.js';

/**
 * Item ledgers (台账) row by row: list, show, add and update one row, each change validated
 * by the same rules as a loaded dataset and written in one audited transaction.
 */

/** Rows a list gives when no limit is asked for. */
export const DEFAULT_LEDGER_LIMIT = 100;

/** A row that was not written, with every problem found in it. */
export class LedgerRowRejected extends UserError {
  constructor(
    readonly ledger: LedgerDef,
    what: string,
    readonly problems: readonly Problem[],
  ) {
    const { kind, message, args } = refusalOf('LEDGER_ROW_REJECTED', {
      row: ledger.rowTitle,
      what,
      count: problems.length,
    });
    super('LEDGER_ROW_REJECTED', message, problems.map(problemLine), { kind, args });
  }
}

/** An update based on a version someone has changed since; `current` is the row as it now is. */
export class LedgerVersionConflict extends UserError {
  constructor(
    readonly ledger: LedgerDef,
    readonly expectedVersion: number,
    readonly current: StoredLedgerRow,
  ) {
    const { kind, message, args } = refusalOf('LEDGER_STALE_VERSION', {
      row: ledger.rowTitle,
      ref: current.ref,
      asked: expectedVersion,
      version: current.version,
      by: current.updatedBy,
      at: beijingTime(current.updatedAt),
    });
    super('LEDGER_STALE_VERSION', message, [], { kind, args });
  }
}

/** A problem of one row: with its line when it has one (a file), else its path in the row. */
function problemLine(problem: Problem): string {
  if (problem.line !== undefined) return formatProblem(problem);
  return `${problem.path === '' ? '' : `${problem.path} `}${problem.message}（${problem.code}）`;
}

/** 2021-03-02T01:12:00Z → 2021-03-02 09:12:00, as the bureau reads a time. */
export function beijingTime(utc: string): string {
  const millis = Date.parse(utc);
  if (Number.isNaN(millis)) return utc;
  return new Date(millis + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export interface LedgerListRequest {
  /** a section code */
  section?: string | undefined;
  /** text in the ref or any text field */
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** a field, `-` first for descending */
  orderBy?: string | undefined;
}

/** Rows of a ledger, filtered and paged, in the order entered unless asked otherwise. */
export async function listLedger(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  request: LedgerListRequest = {},
): Promise<StoredLedgerRow[]> {
  if (request.section !== undefined) await knownSection(db, org, request.section);
  if (request.orderBy !== undefined) {
    const fields = [...ledgerOrderFields(ledger).keys()];
    const field = request.orderBy.replace(/^-/, '');
    if (!fields.includes(field)) {
      throw refuse('LEDGER_ORDER', { ledger: ledger.label, field, fields: fields.join('、') });
    }
  }
  return listLedgerRows(db, org.id, ledger, {
    section: request.section,
    search: request.search,
    limit: request.limit ?? DEFAULT_LEDGER_LIMIT,
    offset: request.offset ?? 0,
    orderBy: request.orderBy,
  });
}

async function knownSection(q: Queryable, org: OrganisationRow, section: string): Promise<void> {
  const sections = await listSections(q, org.id);
  if (sections.some((s) => s.code === section)) return;
  throw refuse('SECTION_UNKNOWN', { org: org.name, section }, { details: sections.map((s) => `${s.code}  ${s.name}`) });
}

/** The refusal of a clerk's row for a section not their own (`sectionName` is theirs). */
export function ledgerSectionForbidden(ledger: LedgerDef, sectionName: string): UserError {
  return refuse('LEDGER_SECTION_FORBIDDEN', { ledger: ledger.label, section: sectionName });
}

/** The refusal of a ref a ledger has no row for. */
export function ledgerRowMissing(ledger: LedgerDef, ref: string): UserError {
  return refuse('LEDGER_ROW_MISSING', { ledger: ledger.code, label: ledger.label, ref });
}

/** One row by its ref. */
export async function showLedgerRow(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  ref: string,
): Promise<StoredLedgerRow> {
  const row = await getLedgerRow(db, org.id, ledger, ref);
  if (row === undefined) throw ledgerRowMissing(ledger, ref);
  return row;
}

/**
 * A row (or the changes to one) as written — JSON text, or YAML from a .yaml file — or a form's
 * fields as an object, and where it came from (how problems name it: --json, a file, 标准输入, 表单).
 */
export type LedgerInput =
  | { text: string | Uint8Array; source: string }
  | { fields: Record<string, unknown>; source: string };

/** The bytes of an input file, or a UserError saying why they cannot be read. */
export async function readLedgerInputFile(file: string): Promise<LedgerInput> {
  try {
    return { text: await readFile(file), source: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = fileProblem(code === 'ENOENT' ? 'missing' : 'unreadable', file, code);
    throw refuseProblem(problem);
  }
}

function parsed(ledger: LedgerDef, input: LedgerInput, what: string): Record<string, unknown> {
  // A form's fields are an object already: read as a file's, without writing them out and parsing them back.
  if ('fields' in input) return ledgerInputOf(ledger, input.fields);
  const read = parseLedgerInput(ledger, input.text, input.source);
  if (!read.ok) throw new LedgerRowRejected(ledger, what, read.problems);
  return read.value;
}

/** A row written, with the warnings its rules raised: things to check that did not stop the write. */
export interface LedgerWrite {
  row: StoredLedgerRow;
  warnings: Problem[];
}

/**
 * Adds one row, checked by the ledger's rules and against the organisation's sections, in
 * one audited transaction. A null field is not set; the bookkeeping `ledger show` prints
 * (id, version, createdBy, …) is ignored, so a shown row can be added elsewhere.
 */
export async function addLedgerRow(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  input: LedgerInput,
  actor: string,
): Promise<LedgerWrite> {
  const value = ledgerRowInput(parsed(ledger, input, ''));
  const retired = retiredFieldProblems(ledger, value, undefined, input.source);
  if (retired.length > 0) throw new LedgerRowRejected(ledger, '', retired);
  const numbering = ledger.definition.numbering;
  // A row given no ref is numbered by the ledger's 编号规则, when it has one.
  const numbered = numbering !== undefined && (value.ref === undefined || value.ref === '');
  const what = typeof value.ref === 'string' && value.ref !== '' ? ` ${value.ref} ` : '';
  return db.transaction(actor, async (tx) => {
    const sections = (await listSections(tx, org.id)).map((s) => s.code);
    for (let attempt = 1; ; attempt++) {
      if (numbered) value.ref = await nextNumber(tx, org.id, ledger, numbering);
      const checked = checkLedgerRow(ledger, value, { file: input.source, sections });
      if (!checked.ok) throw new LedgerRowRejected(ledger, what, checked.problems);
      try {
        return { row: await insertLedgerRow(tx, org.id, ledger, checked.row), warnings: checked.warnings };
      } catch (error) {
        if (!(error instanceof LedgerRefExistsError)) throw error;
        // Someone else took the number meanwhile: take the next one.
        if (numbered && attempt < NUMBERING_ATTEMPTS) continue;
        const { existing } = error;
        throw refuse('LEDGER_REF_EXISTS', {
          ledger: ledger.code,
          label: ledger.label,
          ref: existing.ref,
          version: existing.version,
          by: existing.updatedBy,
          at: beijingTime(existing.updatedAt),
        });
      }
    }
  });
}

/** How many numbers a new row tries when others take them first. */
const NUMBERING_ATTEMPTS = 5;

/** The next number of a ledger's 编号规则 in this year (Beijing time), after every number it gave. */
async function nextNumber(q: Queryable, orgId: string, ledger: LedgerDef, pattern: string): Promise<string> {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  return nextRef(pattern, year, await ledgerRefsLike(q, orgId, ledger, refLikePattern(pattern, year)));
}

/**
 * Changes one row: the changes (a partial row; null clears a field) are laid over the
 * stored row, the result is checked as a whole by the ledger's rules, and written only if
 * the stored version is still `version` — otherwise LedgerVersionConflict with the row as
 * it now is. `scope` confines the change to one section (a clerk's): another section's row
 * is as if it did not exist, and no row may be moved out of it. Read, scope check, merge,
 * checks and write are one audited transaction, so no change slips between them; changes
 * that leave the row as it was write nothing.
 */
export async function updateLedger(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  ref: string,
  version: number,
  input: LedgerInput,
  actor: string,
  scope: string | null = null,
): Promise<LedgerWrite> {
  const changes = parsed(ledger, input, ` ${ref} `);
  return db.transaction(actor, async (tx) => {
    const current = await getLedgerRow(tx, org.id, ledger, ref);
    if (current === undefined || (scope !== null && current.section !== scope)) throw ledgerRowMissing(ledger, ref);
    if (current.version !== version) throw new LedgerVersionConflict(ledger, version, current);
    const retired = retiredFieldProblems(ledger, changes, current, input.source);
    if (retired.length > 0) throw new LedgerRowRejected(ledger, ` ${ref} `, retired);
    const merged = mergeLedgerChanges(current, changes, input.source);
    if (!merged.ok) throw new LedgerRowRejected(ledger, ` ${ref} `, merged.problems);
    const sections = await listSections(tx, org.id);
    const checked = checkLedgerRow(ledger, merged.value, {
      file: input.source,
      sections: sections.map((s) => s.code),
    });
    if (!checked.ok) throw new LedgerRowRejected(ledger, ` ${ref} `, checked.problems);
    if (scope !== null && checked.row.section !== scope) {
      throw ledgerSectionForbidden(ledger, sections.find((s) => s.code === scope)?.name ?? scope);
    }
    const fields: Record<string, LedgerValue> = { section: checked.row.section };
    for (const column of ledger.columns) fields[column.field] = checked.row[column.field] ?? null;
    try {
      return {
        row: await updateLedgerRow(tx, org.id, ledger, ref, version, fields),
        warnings: checked.warnings,
      };
    } catch (error) {
      // Someone else's change committed between the read above and this write.
      if (error instanceof StaleVersionError) throw new LedgerVersionConflict(ledger, version, error.current);
      throw error;
    }
  });
}
