import { createHash } from 'node:crypto';
import {
  absentRequired,
  columnLetter,
  headerProblems,
  type ImportPlan,
  type LedgerDef,
  ledgerSheetColumns,
  matchHeaders,
  planImport,
  type SheetProblem,
  type SheetSection,
  sheetNameOf,
} from '@taizhang/core';
import type { Actor } from '@taizhang/db';
import {
  type Database,
  ledgerRowsByRef,
  listSections,
  lockLedgerForImport,
  type OrganisationRow,
  type Queryable,
  recordLedgerImport,
  UpsertCount,
  upsertLedgerRows,
} from '@taizhang/db';
import { findLedger, orgLedgers } from '../ledger-catalogue.js';
import { refuse } from '../refusals.js';
import type { UserError } from '../user-error.js';
import { type ReadSheet, readLedgerSheet } from './workbook.js';
import { DEFAULT_WORKBOOK_LIMITS, guardWorkbook, type WorkbookLimits } from './zip-guard.js';

/**
 * Importing a workbook into a ledger (docs/excel.md): the file is guarded (zip-guard.ts), its
 * sheet read (workbook.ts), its header matched and every row planned and checked by core
 * (ledgers/import-plan.ts); a preview shows the plan, a commit writes it in one transaction —
 * all of it or, on any problem, nothing — with an import record beside the rows' own audit
 * records.
 */

export interface LedgerImportRequest {
  /** the workbook's bytes */
  bytes: Buffer;
  /** the file's name as the user knows it, for messages and the import record */
  file: string;
  /** the ledger's code; without it, the ledger whose name a sheet of the workbook bears */
  ledger?: string | undefined;
  /** the sheet to read; by default the one named after the ledger */
  sheet?: string | undefined;
  /** header → column title or field code, for headers worded otherwise */
  mapping?: Readonly<Record<string, string>> | undefined;
  /** a clerk's section: only its rows may be imported */
  scope?: string | null | undefined;
  limits?: Partial<WorkbookLimits> | undefined;
}

/** A header cell matched to a column, or left unmatched. */
export interface HeaderView {
  cell: string;
  header: string;
  /** the column's title it was matched to; absent when it matches none */
  title?: string | undefined;
  /** that column: `ref`, `section` or the field's code */
  key?: string | undefined;
}

/** What an import would do, and every reason it cannot. */
export interface LedgerImportPreview {
  file: string;
  ledger: { code: string; label: string };
  sheet: string;
  headers: HeaderView[];
  /** columns the sheet lacks: a new row then needs them if `required` */
  absent: { title: string; required: boolean }[];
  plan: ImportPlan;
  /** identifies this plan: a commit given it refuses if the plan has changed since */
  fingerprint: string;
}

export interface LedgerImportResult {
  file: string;
  ledger: { code: string; label: string };
  sheet: string;
  counts: ImportPlan['counts'];
}

/** The ledger a workbook is for: the one named, or the first whose name a sheet bears. */
async function ledgerOfWorkbook(
  q: Queryable,
  orgId: string,
  file: string,
  sheets: readonly string[],
  code: string | undefined,
): Promise<LedgerDef> {
  if (code !== undefined) return findLedger(q, orgId, code);
  const ledgers = await orgLedgers(q, orgId);
  for (const sheet of sheets) {
    const ledger = ledgers.find((l) => sheetNameOf(l) === sheet || l.code === sheet);
    if (ledger !== undefined) return ledger;
  }
  throw refuse('XLSX_LEDGER_UNKNOWN', { file, found: sheets.join('、') || '（无）' });
}

function fingerprintOf(plan: ImportPlan): string {
  const hash = createHash('sha256');
  for (const row of plan.rows) hash.update(JSON.stringify([row.line, row.ref, row.action, row.changes, row.row]));
  return hash.digest('hex');
}

/** A problem as one line: 工作表“群众投诉台账”第 5 行 C5（受理时间）：…. */
export function sheetProblemLine(problem: SheetProblem): string {
  const where = problem.cell === undefined ? '' : ` ${problem.cell}（${problem.column}）`;
  return `工作表“${problem.sheet}”第 ${problem.row} 行${where}：${problem.reason}`;
}

/** The refusal of a workbook with problems, each a line of its details; the preview travels with it. */
export function importRejected(preview: LedgerImportPreview): UserError {
  const { problems } = preview.plan;
  return refuse(
    'XLSX_ROWS_REJECTED',
    { file: preview.file, count: problems.length },
    { details: problems.map(sheetProblemLine), current: preview },
  );
}

interface ReadWorkbook {
  ledger: LedgerDef;
  sheet: string;
  read: ReadSheet;
}

/** Guards and reads the workbook; nothing here touches the database but to name the ledger. */
async function readWorkbook(q: Queryable, org: OrganisationRow, request: LedgerImportRequest): Promise<ReadWorkbook> {
  const limits = { ...DEFAULT_WORKBOOK_LIMITS, ...request.limits };
  const scan = await guardWorkbook(request.bytes, request.file, limits);
  const sheets = [...scan.sheets.keys()];
  const ledger = await ledgerOfWorkbook(q, org.id, request.file, sheets, request.ledger);
  const sheet = request.sheet ?? sheetNameOf(ledger);
  if (!scan.sheets.has(sheet)) {
    throw refuse('XLSX_SHEET_MISSING', { file: request.file, wanted: sheet, found: sheets.join('、') || '（无）' });
  }
  const read = await readLedgerSheet(request.bytes, request.file, sheet, scan, limits);
  if (read.headers.every((h) => h === undefined || h.trim() === '')) {
    throw refuse('XLSX_NO_HEADER', { file: request.file, sheet });
  }
  return { ledger, sheet, read };
}

/** Plans the import against the rows stored now (in `q`, which a commit has locked). */
async function planAgainst(
  q: Queryable,
  org: OrganisationRow,
  request: LedgerImportRequest,
  { ledger, sheet, read }: ReadWorkbook,
): Promise<LedgerImportPreview> {
  const sections: SheetSection[] = (await listSections(q, org.id)).map((s) => ({ code: s.code, name: s.name }));
  const columns = ledgerSheetColumns(ledger, sections);
  const match = matchHeaders(read.headers, columns, request.mapping);
  const problems = headerProblems(sheet, match);
  const refColumn = match.columns.find((m) => m.column.key === 'ref');
  const refs =
    refColumn === undefined
      ? []
      : read.rows.flatMap((row) => {
          const value = row.cells.get(refColumn.index)?.value;
          return value === null || value === undefined ? [] : [String(value).trim()];
        });
  const stored = await ledgerRowsByRef(q, org.id, ledger, refs);
  const plan: ImportPlan =
    refColumn === undefined
      ? { sheet, rows: [], problems: [], formulas: [], counts: { inserted: 0, updated: 0, unchanged: 0 } }
      : planImport(ledger, match, read.rows, { sheet, sections, stored, scope: request.scope });
  plan.problems.unshift(...problems);
  return {
    file: request.file,
    ledger: { code: ledger.code, label: ledger.label },
    sheet,
    headers: read.headers.flatMap((header, i) => {
      if (header === undefined || header.trim() === '') return [];
      const matched = match.columns.find((m) => m.index === i + 1);
      const column = matched === undefined ? {} : { title: matched.column.title, key: matched.column.key };
      return [{ cell: `${columnLetter(i + 1)}1`, header, ...column }];
    }),
    absent: match.absent.map((column) => ({
      title: column.title,
      required: absentRequired(match).includes(column),
    })),
    plan,
    fingerprint: fingerprintOf(plan),
  };
}

/** What importing the workbook would do; writes nothing. */
export async function previewLedgerImport(
  db: Database,
  org: OrganisationRow,
  request: LedgerImportRequest,
): Promise<LedgerImportPreview> {
  const workbook = await readWorkbook(db, org, request);
  return planAgainst(db, org, request, workbook);
}

/** Rows written per statement: bounded, so that no statement carries a whole file's parameters. */
const WRITE_BATCH = 5000;

/**
 * Imports the workbook: the ledger is locked against other writers, the plan made again
 * against the rows as they are, and — only when no row has a problem and, if `fingerprint`
 * is given, the plan is still the one previewed — new and changed rows are written with an
 * import record, in one transaction. Rows as stored are not touched.
 */
export async function commitLedgerImport(
  db: Database,
  org: OrganisationRow,
  request: LedgerImportRequest & { fingerprint?: string | undefined },
  actor: Actor,
  checkAccess: (ledger: LedgerDef) => Promise<void> = async () => {},
): Promise<LedgerImportResult> {
  const workbook = await readWorkbook(db, org, request);
  await checkAccess(workbook.ledger);
  return db.transaction(actor, async (tx) => {
    await lockLedgerForImport(tx, workbook.ledger);
    const preview = await planAgainst(tx, org, request, workbook);
    const { plan } = preview;
    if (plan.problems.length > 0) throw importRejected(preview);
    if (request.fingerprint !== undefined && request.fingerprint !== preview.fingerprint) {
      throw refuse('XLSX_PREVIEW_STALE', { file: request.file }, { current: preview });
    }
    const writes = plan.rows.filter((row) => row.action !== 'unchanged').map((row) => row.row);
    const count = new UpsertCount();
    for (let i = 0; i < writes.length; i += WRITE_BATCH) {
      await upsertLedgerRows(tx, org.id, workbook.ledger, writes.slice(i, i + WRITE_BATCH), count);
    }
    await recordLedgerImport(tx, org.id, {
      ledger: workbook.ledger.code,
      fileName: request.file.slice(0, 255),
      sheet: workbook.sheet,
      ...plan.counts,
    });
    return { file: request.file, ledger: preview.ledger, sheet: workbook.sheet, counts: plan.counts };
  });
}
