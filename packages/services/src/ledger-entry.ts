import type { LedgerRow } from '@taizhang/contract';
import type { LedgerDef, Problem } from '@taizhang/core';
import {
  actingAs,
  countLedgerRows,
  type Database,
  getLedgerRow,
  listSections,
  type OrganisationRow,
  type StoredLedgerRow,
} from '@taizhang/db';
import { actorOf, type Caller } from './accounts/caller.js';
import {
  addLedgerRow,
  type LedgerListRequest,
  LedgerRowRejected,
  LedgerVersionConflict,
  ledgerRowMissing,
  ledgerSectionForbidden,
  listLedger,
  updateLedger,
} from './ledgers.js';
import { refuse, refuseForm, withCurrent } from './refusals.js';

/**
 * Ledger rows (台账) from a form: the same checks and audited writes as `taizhang ledger
 * add|update` (ledgers.ts), confined to the section the caller may write, with refusals
 * worded for a web page rather than a command line.
 */

export function ledgerRowView(
  ledger: LedgerDef,
  row: StoredLedgerRow,
  sectionNames: ReadonlyMap<string, string>,
  warnings: readonly Problem[] = [],
): LedgerRow {
  const fields: Record<string, unknown> = {};
  for (const column of ledger.columns) fields[column.field] = row[column.field] ?? null;
  return {
    ref: row.ref,
    section: { code: row.section, name: sectionNames.get(row.section) ?? row.section },
    version: row.version,
    fields,
    warnings: warnings.map((w) => w.message),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export async function sectionNames(db: Database, orgId: string): Promise<Map<string, string>> {
  return new Map((await listSections(db, orgId)).map((s) => [s.code, s.name]));
}

const SOURCE = '提交的数据';

/** A page of a ledger's rows, with how many the filter matches in all. */
export async function ledgerPage(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  request: LedgerListRequest,
): Promise<{ total: number; rows: LedgerRow[] }> {
  const [rows, total, names] = await Promise.all([
    listLedger(db, org, ledger, request),
    countLedgerRows(db, org.id, ledger, request),
    sectionNames(db, org.id),
  ]);
  return { total, rows: rows.map((row) => ledgerRowView(ledger, row, names)) };
}

/** One row by its ref (404 when the ledger holds none). */
export async function ledgerRowOf(db: Database, orgId: string, ledger: LedgerDef, ref: string): Promise<LedgerRow> {
  const row = await getLedgerRow(db, orgId, ledger, ref);
  if (row === undefined) throw ledgerRowMissing(ledger, ref);
  return ledgerRowView(ledger, row, await sectionNames(db, orgId));
}

/** The services' refusals in the web's terms: problems by field, the current row of a conflict. */
function translated(error: unknown, ledger: LedgerDef, names: ReadonlyMap<string, string>): unknown {
  if (error instanceof LedgerRowRejected) {
    const problems = error.problems.map((p) => ({
      field: p.path.split('/')[1] ?? '',
      path: p.path,
      message: p.message,
    }));
    return refuseForm('LEDGER_ROW_INVALID', problems, { rejected: error.message });
  }
  if (error instanceof LedgerVersionConflict) {
    return withCurrent(error, ledgerRowView(ledger, error.current, names));
  }
  return error;
}

/**
 * A ledger type owned by one section (its definition's `section`) is written by that section
 * and by those who may write any section's rows; a clerk of another section is refused (403).
 */
export function checkLedgerOwner(ledger: LedgerDef, scope: string | null, names: ReadonlyMap<string, string>): void {
  const owner = ledger.definition.section;
  if (owner === undefined || scope === null || scope === owner) return;
  throw refuse('LEDGER_OWNED_ELSEWHERE', { ledger: ledger.label, owner: names.get(owner) ?? owner });
}

export interface NewLedgerRow {
  ref?: string | undefined;
  /** section code; a clerk's own section when omitted */
  section?: string | undefined;
  fields: Record<string, unknown>;
}

/** Adds one row; a clerk only into their own section (403 otherwise). */
export async function createLedgerRow(
  db: Database,
  caller: Caller,
  org: OrganisationRow,
  ledger: LedgerDef,
  input: NewLedgerRow,
  scope: string | null,
): Promise<LedgerRow> {
  const names = await sectionNames(db, caller.orgId);
  checkLedgerOwner(ledger, scope, names);
  const row: Record<string, unknown> = { ...input.fields };
  if (input.ref !== undefined) row.ref = input.ref;
  if (input.section !== undefined) row.section = input.section;
  if (row.section === undefined) row.section = scope ?? ledger.definition.section;
  if (scope !== null && row.section !== scope) throw ledgerSectionForbidden(ledger, names.get(scope) ?? scope);
  try {
    const written = await addLedgerRow(
      actingAs(db, actorOf(caller)),
      org,
      ledger,
      { fields: row, source: SOURCE },
      caller.user.username,
    );
    return ledgerRowView(ledger, written.row, names, written.warnings);
  } catch (error) {
    throw translated(error, ledger, names);
  }
}

/**
 * Changes one row at the version it was read at. Another section's row is, for a clerk,
 * as if it did not exist (404, so its existence is not revealed to a writer), and a clerk
 * cannot hand their row to another section (403).
 */
export async function changeLedgerRow(
  db: Database,
  caller: Caller,
  org: OrganisationRow,
  ledger: LedgerDef,
  ref: string,
  request: { version: number; changes: Record<string, unknown> },
  scope: string | null,
): Promise<LedgerRow> {
  const names = await sectionNames(db, caller.orgId);
  checkLedgerOwner(ledger, scope, names);
  try {
    const written = await updateLedger(
      actingAs(db, actorOf(caller)),
      org,
      ledger,
      ref,
      request.version,
      { fields: request.changes, source: SOURCE },
      caller.user.username,
      scope,
    );
    return ledgerRowView(ledger, written.row, names, written.warnings);
  } catch (error) {
    throw translated(error, ledger, names);
  }
}
