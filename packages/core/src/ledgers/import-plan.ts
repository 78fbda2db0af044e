import type { LedgerRow, LedgerValue } from '../model.js';
import type { LedgerDef } from './catalogue.js';
import {
  canonicalDecimal,
  columnLetter,
  type HeaderMatch,
  readCell,
  type SheetCell,
  type SheetColumn,
  type SheetSection,
} from './sheet.js';
import { checkLedgerRow, ledgerRowInput } from './validate.js';

/**
 * What importing a worksheet into a ledger would do, row by row, before anything is written:
 * which rows are new, which change (and how), which are as stored, and every problem with its
 * sheet, row, column and reason. Rows match stored ones by `ref`; stored rows the sheet does
 * not hold are kept; a column the sheet does not have keeps each row's stored value.
 */

/** One problem of a worksheet's row, located as a spreadsheet user finds it. */
export interface SheetProblem {
  sheet: string;
  /** the spreadsheet's row number (the header is row 1) */
  row: number;
  /** the column's title as the sheet writes it, when one cell is at fault */
  column?: string | undefined;
  /** the cell, B7, when one cell is at fault */
  cell?: string | undefined;
  reason: string;
}

/** One field a row's import changes. */
export interface FieldChange {
  field: string;
  title: string;
  before: LedgerValue | null;
  after: LedgerValue | null;
}

export type ImportAction = 'insert' | 'update' | 'unchanged';

export interface PlannedRow {
  /** the spreadsheet's row number */
  line: number;
  ref: string;
  action: ImportAction;
  /** the whole row as it will be stored */
  row: LedgerRow;
  /** for an update: the fields that change */
  changes: FieldChange[];
}

/** A formula's cell, read as its cached value. */
export interface FormulaCell {
  row: number;
  cell: string;
  column: string;
}

export interface ImportPlan {
  sheet: string;
  rows: PlannedRow[];
  problems: SheetProblem[];
  /** cells that held formulas: read as the value the spreadsheet last computed, to be checked */
  formulas: FormulaCell[];
  counts: { inserted: number; updated: number; unchanged: number };
}

/** A worksheet's data row as read: its row number and its cells by sheet column (1-based). */
export interface SheetRow {
  line: number;
  cells: ReadonlyMap<number, SheetCell>;
}

export interface PlanContext {
  sheet: string;
  sections: readonly SheetSection[];
  /** the stored rows the sheet's refs name, by ref */
  stored: ReadonlyMap<string, LedgerRow>;
  /** a clerk's section: rows of other sections are refused */
  scope?: string | null | undefined;
}

/** Whether two stored values are the same value (12.5 and 12.50; an instant however written; JSON by content). */
export function sameValue(a: LedgerValue | undefined, b: LedgerValue | undefined, type: string): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  switch (type) {
    case 'decimal':
      return canonicalDecimal(String(x)) === canonicalDecimal(String(y));
    case 'dateTime':
      return Date.parse(String(x)) === Date.parse(String(y));
    case 'json':
      return stableJson(x) === stableJson(y);
    default:
      return x === y;
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Plans the import of a worksheet's rows (header matched by `matchHeaders`). A row with a
 * problem is left out of `rows`; the plan may be committed only when `problems` is empty.
 */
export function planImport(
  ledger: LedgerDef,
  match: HeaderMatch,
  rows: Iterable<SheetRow>,
  context: PlanContext,
): ImportPlan {
  const { sheet, sections, stored, scope } = context;
  const plan: ImportPlan = {
    sheet,
    rows: [],
    problems: [],
    formulas: [],
    counts: { inserted: 0, updated: 0, unchanged: 0 },
  };
  const problem = (row: number, reason: string, at?: { index: number; header: string }) =>
    plan.problems.push({
      sheet,
      row,
      reason,
      ...(at === undefined ? {} : { column: at.header, cell: `${columnLetter(at.index)}${row}` }),
    });
  const headerOf = new Map(match.columns.map((m) => [m.column.key, m]));
  const sectionCodes = sections.map((s) => s.code);
  const firstLine = new Map<string, number>();

  for (const { line, cells } of rows) {
    const given: Record<string, unknown> = {};
    // the columns whose cells cannot be read: the row's other problems are still told
    const unreadable = new Set<string>();
    let blank = true;
    for (const m of match.columns) {
      const cell = cells.get(m.index) ?? { value: null };
      if (cell.value !== null && cell.value !== '') blank = false;
      if (cell.formula) plan.formulas.push({ row: line, cell: `${columnLetter(m.index)}${line}`, column: m.header });
      const read = readCell(m.column, cell, sections);
      if (read.ok) given[m.column.key] = read.value;
      else {
        unreadable.add(m.column.key);
        problem(line, read.reason, m);
      }
    }
    if (blank && unreadable.size === 0) continue;
    const ref = given.ref;
    const refHeader = headerOf.get('ref');
    if (typeof ref !== 'string' || ref === '') {
      if (!unreadable.has('ref'))
        problem(line, `${refHeader?.header ?? '编号'}不能为空：导入按编号对应已有记录`, refHeader);
      continue;
    }
    const first = firstLine.get(ref);
    if (first !== undefined) {
      problem(line, `编号 ${ref} 与第 ${first} 行重复`, refHeader);
      continue;
    }
    firstLine.set(ref, line);

    const existing = stored.get(ref);
    if (existing !== undefined && scope != null && existing.section !== scope) {
      problem(line, `编号 ${ref} 是其他股室的记录，您只能导入本股室的记录`, refHeader);
      continue;
    }
    const input: Record<string, unknown> =
      existing === undefined ? {} : ledgerRowInput(Object.fromEntries(Object.entries(existing)));
    for (const [key, value] of Object.entries(given)) input[key] = value;
    if (input.section === undefined || input.section === null) {
      const fallback = existing?.section ?? scope ?? ledger.definition.section;
      if (fallback !== undefined && fallback !== null) input.section = fallback;
    }
    const clean = ledgerRowInput(input);
    const checked = checkLedgerRow(ledger, clean, { file: sheet, sections: sectionCodes });
    if (!checked.ok) {
      for (const p of checked.problems) {
        const key = p.path.split('/')[1] ?? '';
        // a cell already refused is not refused again as missing
        if (!unreadable.has(key)) problem(line, p.message, headerOf.get(key));
      }
      continue;
    }
    if (unreadable.size > 0) continue;
    if (scope != null && checked.row.section !== scope) {
      const name = sections.find((s) => s.code === scope)?.name ?? scope;
      problem(line, `您只能导入本股室（${name}）的记录`, headerOf.get('section'));
      continue;
    }
    const changes = existing === undefined ? [] : fieldChanges(ledger, existing, checked.row);
    const action: ImportAction = existing === undefined ? 'insert' : changes.length > 0 ? 'update' : 'unchanged';
    plan.counts[action === 'insert' ? 'inserted' : action === 'update' ? 'updated' : 'unchanged']++;
    plan.rows.push({ line, ref, action, row: checked.row, changes });
  }
  return plan;
}

/** The fields of a stored row that a checked row changes, its section first. */
function fieldChanges(ledger: LedgerDef, before: LedgerRow, after: LedgerRow): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.section !== after.section) {
    changes.push({ field: 'section', title: '股室', before: before.section, after: after.section });
  }
  for (const column of ledger.columns) {
    const [a, b] = [before[column.field], after[column.field]];
    if (!sameValue(a, b, column.type)) {
      changes.push({ field: column.field, title: column.title, before: a ?? null, after: b ?? null });
    }
  }
  return changes;
}

/** The problems of a header: columns named twice, and required columns a new row cannot do without. */
export function headerProblems(sheet: string, match: HeaderMatch): SheetProblem[] {
  const problems: SheetProblem[] = match.repeated.map(({ index, header, first }) => ({
    sheet,
    row: 1,
    column: header,
    cell: `${columnLetter(index)}1`,
    reason: `“${header}”与第 ${columnLetter(first)} 列对应同一字段`,
  }));
  if (!match.columns.some((m) => m.column.key === 'ref')) {
    const ref = match.absent.find((c) => c.key === 'ref');
    problems.push({ sheet, row: 1, reason: `表头中没有“${ref?.title ?? '编号'}”列：导入按编号对应已有记录` });
  }
  return problems;
}

/** The columns a sheet lacks that a new row must have: told in the preview, judged row by row. */
export function absentRequired(match: HeaderMatch): SheetColumn[] {
  return match.absent.filter((column) => column.required && column.key !== 'ref');
}
