import type { LedgerValue } from '../model.js';
import type { LedgerDef } from './catalogue.js';
import type { LedgerColumn } from './columns.js';
import { readMoment } from './dates.js';
import { DEFAULT_REF_TITLE, DEFAULT_SECTION_TITLE } from './definition.js';

/**
 * A ledger as a worksheet (工作表): one column per field, titled in Chinese, each value the
 * kind of cell a spreadsheet shows it as (a real date, a real number), and back. No I/O: the
 * workbook itself is read and written by the services with exceljs (docs/excel.md).
 */

/** A section as a sheet names it: by its name, and by its code when read back. */
export interface SheetSection {
  code: string;
  name: string;
}

/** One column of a ledger's worksheet. */
export interface SheetColumn {
  /** `ref`, `section`, or the field's code */
  key: string;
  /** the column's title in the header row: the field's Chinese title */
  title: string;
  /** what the cells hold: the row's ref, its section, or a field's kind */
  kind: 'ref' | 'section' | LedgerColumn['kind'];
  /** the field, for a field's column */
  field?: LedgerColumn | undefined;
  /** a value must be given for a new row */
  required: boolean;
  /** the values a drop-down offers: a choice's values, 是/否, the sections' names */
  list?: readonly string[] | undefined;
  /** the column's width in characters */
  width: number;
  /** how a spreadsheet shows the cells: a date format, or text (@) so that nothing typed becomes a formula */
  numFmt: string;
}

export const YES = '是';
export const NO = '否';

/** The kinds of field whose cells are text: a spreadsheet must never read them as formulas. */
const TEXT_FORMAT = '@';
const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const NUMBER_FORMAT = 'General';

/** A worksheet's name may not hold []:*?/\ and is at most 31 characters. */
export function sheetNameOf(ledger: Pick<LedgerDef, 'label'>): string {
  return ledger.label.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

/** A column's width: its title, or the widest thing it usually holds, within reason. */
function widthFor(title: string, content: number): number {
  const titleWidth = [...title].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(60, Math.max(8, titleWidth + 2, content));
}

function fieldColumn(field: LedgerColumn, sections: readonly SheetSection[]): SheetColumn {
  const base = { key: field.field, title: field.title, field, required: field.required };
  switch (field.kind) {
    case 'date':
      return { ...base, kind: 'date', width: widthFor(field.title, 12), numFmt: DATE_FORMAT };
    case 'dateTime':
      return { ...base, kind: 'dateTime', width: widthFor(field.title, 20), numFmt: DATE_TIME_FORMAT };
    case 'integer':
    case 'decimal':
      return { ...base, kind: field.kind, width: widthFor(field.title, 10), numFmt: NUMBER_FORMAT };
    case 'boolean':
      return { ...base, kind: 'boolean', list: [YES, NO], width: widthFor(field.title, 6), numFmt: TEXT_FORMAT };
    case 'choice': {
      const values = field.values ?? [];
      const widest = Math.max(0, ...values.map((v) => widthFor(v, 0)));
      return { ...base, kind: 'choice', list: values, width: widthFor(field.title, widest), numFmt: TEXT_FORMAT };
    }
    case 'section':
      return {
        ...base,
        kind: 'section',
        list: sections.map((s) => s.name),
        width: widthFor(field.title, 16),
        numFmt: TEXT_FORMAT,
      };
    case 'stages':
    case 'facts':
      return { ...base, kind: field.kind, width: 40, numFmt: TEXT_FORMAT };
    default:
      return {
        ...base,
        kind: field.kind,
        width: widthFor(field.title, field.kind === 'text' ? 24 : 16),
        numFmt: TEXT_FORMAT,
      };
  }
}

/**
 * The columns of a ledger's worksheet: its ref, its section, then each field in the order
 * the ledger defines them. A retired field (停用) is left out: it is no longer written.
 */
export function ledgerSheetColumns(ledger: LedgerDef, sections: readonly SheetSection[]): SheetColumn[] {
  const { definition } = ledger;
  const refTitle = definition.refTitle ?? DEFAULT_REF_TITLE;
  const sectionTitle = definition.sectionTitle ?? DEFAULT_SECTION_TITLE;
  return [
    { key: 'ref', title: refTitle, kind: 'ref', required: true, width: widthFor(refTitle, 16), numFmt: TEXT_FORMAT },
    {
      key: 'section',
      title: sectionTitle,
      kind: 'section',
      required: definition.section === undefined,
      list: sections.map((s) => s.name),
      width: widthFor(sectionTitle, 16),
      numFmt: TEXT_FORMAT,
    },
    ...ledger.columns.filter((c) => c.definition.retired !== true).map((c) => fieldColumn(c, sections)),
  ];
}

/** What a cell holds, as the services read it from a workbook. */
export type CellValue = string | number | boolean | Date | null;

/** A cell as read: its value, and whether it was the cached result of a formula. */
export interface SheetCell {
  value: CellValue;
  /** the value is a formula's cached result */
  formula?: boolean | undefined;
  /** the cell holds an error value (#N/A, #DIV/0!) */
  error?: string | undefined;
  /** the cell's number format: 0.00 keeps a decimal's two places as the spreadsheet shows them */
  numFmt?: string | undefined;
}

const BEIJING_MS = 8 * 3_600_000;

/**
 * A stored value as the cell that shows it: dates and date-times as real dates (a date-time
 * at its Beijing wall-clock time, as the bureau reads it; a spreadsheet has no time zones),
 * numbers as numbers unless a float would lose a digit of the exact decimal, sections by
 * name, yes/no in words, lists of stages and facts as JSON text.
 */
export function cellOf(
  column: SheetColumn,
  value: LedgerValue | undefined,
  sections: readonly SheetSection[],
): CellValue {
  if (value === undefined || value === null) return null;
  switch (column.kind) {
    case 'section':
      return sections.find((s) => s.code === value)?.name ?? String(value);
    case 'date': {
      const [y, m, d] = String(value).split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d));
    }
    case 'dateTime': {
      const millis = Date.parse(String(value));
      return Number.isNaN(millis) ? String(value) : new Date(millis + BEIJING_MS);
    }
    case 'integer':
      return typeof value === 'number' ? value : Number(value);
    case 'decimal': {
      const n = Number(value);
      return canonicalDecimal(n) === canonicalDecimal(String(value)) ? n : String(value);
    }
    case 'boolean':
      return value === true ? YES : NO;
    case 'stages':
    case 'facts':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/**
 * The number format that shows a decimal with the places it was written with (12.50 as
 * 12.50): read back, the cell gives the same digits, as the person editing it saw them.
 */
export function decimalFormat(value: LedgerValue | undefined): string | undefined {
  const places = /^-?\d+\.(\d+)$/.exec(String(value ?? ''))?.[1]?.length;
  return places === undefined ? undefined : `0.${'0'.repeat(places)}`;
}

/** The places a number format fixes (0.00, #,##0.000), if it fixes any. */
function fixedPlaces(numFmt: string | undefined): number | undefined {
  const places = /^(?:#,##)?0\.(0+)$/.exec(numFmt ?? '')?.[1]?.length;
  return places;
}

/** A decimal's digits without insignificant zeros, to tell whether a float keeps them all. */
export function canonicalDecimal(value: number | string): string {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return `?${text}`;
  const [whole = '', fraction = ''] = text.replace(/^(-?)0+(?=\d)/, '$1').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? (whole === '-0' ? '0' : whole) : `${whole}.${trimmed}`;
}

/** Why a cell cannot be a field's value, in Chinese; `undefined` means it can. */
export type CellReading = { ok: true; value: unknown } | { ok: false; reason: string };

const ok = (value: unknown): CellReading => ({ ok: true, value });
const bad = (reason: string): CellReading => ({ ok: false, reason });

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date cell's calendar day: the reader gives it at UTC midnight (a spreadsheet has no zones). */
function dayOf(date: Date): string {
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Excel's serial day number (1900 system) as a date: what a date cell without a date format shows. */
function serialDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

const WRITTEN_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/** 2021/3/5, 2021.3.5, 2021年3月5日 and 2021-03-05 14:30 as the dataset writes them. */
function writtenMoment(text: string, withTime: boolean): string | undefined {
  const match = WRITTEN_DATE.exec(text);
  if (match === null) return undefined;
  const [, y, m, d, h, mi, s] = match;
  const day = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
  if (h === undefined) return day;
  if (!withTime) return undefined;
  return `${day} ${pad(Number(h))}:${mi}:${s ?? '00'}`;
}

function dateReading(cell: CellValue, title: string): CellReading {
  if (cell instanceof Date) return ok(dayOf(cell));
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(dayOf(serialDate(cell))) : bad(`${title}不是日期`);
  const day = writtenMoment(String(cell).trim(), false);
  if (day === undefined) return bad(`${title}应为日期，如 2021-03-05 或 2021年3月5日，而不是“${String(cell)}”`);
  return readMoment(day) === undefined ? bad(`${title}“${String(cell)}”不是真实的日期`) : ok(day);
}

function dateTimeReading(cell: CellValue, title: string): CellReading {
  // The cell shows Beijing wall-clock time; as an instant it is eight hours earlier.
  const fromWallClock = (date: Date) => ok(new Date(date.getTime() - BEIJING_MS).toISOString().replace('.000Z', 'Z'));
  if (cell instanceof Date) return fromWallClock(new Date(Math.round(cell.getTime() / 1000) * 1000));
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? fromWallClock(new Date(Math.round(serialDate(cell).getTime() / 1000) * 1000))
      : bad(`${title}不是时间`);
  }
  const written = writtenMoment(String(cell).trim(), true);
  if (written === undefined || readMoment(written) === undefined) {
    return bad(`${title}应为北京时间的日期和时刻，如 2021-03-05 14:30，而不是“${String(cell)}”`);
  }
  return ok(written);
}

function numberText(cell: CellValue): string | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : undefined;
  if (typeof cell !== 'string') return undefined;
  // thousands separators as a spreadsheet or a person writes them: 1,234.5
  const text = cell.trim().replace(/(?<=\d)[,，](?=\d{3}(\D|$))/g, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/**
 * A cell as the value of a row's field, written as a dataset writes it (the ledger's own
 * checks then judge it as they judge any row): `null` for an empty cell.
 */
export function readCell(column: SheetColumn, cell: SheetCell, sections: readonly SheetSection[]): CellReading {
  const { title } = column;
  if (cell.error !== undefined) return bad(`${title}是错误值 ${cell.error}`);
  if (cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === '')) return ok(null);
  // A free text keeps its spaces and tabs as written; a code or a choice is compared without them.
  if (column.kind === 'text' && typeof cell.value === 'string') return ok(cell.value);
  const value = typeof cell.value === 'string' ? cell.value.trim() : cell.value;
  switch (column.kind) {
    case 'ref':
    case 'text':
    case 'choice':
    case 'reference':
      if (typeof value === 'number') return ok(String(value));
      if (value instanceof Date) return bad(`${title}应为文字，而不是日期`);
      return ok(String(value));
    case 'section': {
      const text = String(value);
      const section = sections.find((s) => s.name === text || s.code === text);
      return ok(section?.code ?? text);
    }
    case 'date':
      return dateReading(value, title);
    case 'dateTime':
      return dateTimeReading(value, title);
    case 'integer': {
      const text = numberText(value);
      if (text === undefined || !/^-?\d+$/.test(text)) return bad(`${title}应为整数，而不是“${String(cell.value)}”`);
      return ok(Number(text));
    }
    case 'decimal': {
      if (typeof value === 'number' && String(value).includes('e'))
        return bad(`${title}的数值 ${value} 超出可读的范围`);
      const places = fixedPlaces(cell.numFmt);
      if (typeof value === 'number' && places !== undefined && Number(value.toFixed(places)) === value) {
        return ok(value.toFixed(places));
      }
      const text = numberText(value);
      return text === undefined ? bad(`${title}应为数字，而不是“${String(cell.value)}”`) : ok(text);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return ok(value);
      const text = String(value).toLowerCase();
      if ([YES, 'true', '1', 'y', 'yes'].includes(text)) return ok(true);
      if ([NO, 'false', '0', 'n', 'no'].includes(text)) return ok(false);
      return bad(`${title}应为“${YES}”或“${NO}”，而不是“${String(cell.value)}”`);
    }
    case 'stages':
    case 'facts':
      try {
        return ok(JSON.parse(String(value)));
      } catch {
        return bad(`${title}应为导出时的 JSON 写法，而“${String(value).slice(0, 40)}”无法读取`);
      }
  }
}

/** A title as compared with a header: without spaces, full-width brackets as ASCII ones. */
function normalTitle(title: string): string {
  return title.normalize('NFKC').replace(/\s+/g, '');
}

/** How a workbook's header row maps to a ledger's columns. */
export interface HeaderMatch {
  /** the sheet column (1-based) of each matched ledger column */
  columns: { index: number; header: string; column: SheetColumn }[];
  /** headers that name no column, with their sheet column */
  unmatched: { index: number; header: string }[];
  /** columns of the ledger that no header names */
  absent: SheetColumn[];
  /** a column named by two headers: the second is refused */
  repeated: { index: number; header: string; first: number }[];
}

/**
 * Matches a header row to the ledger's columns by title, or by field code; `mapping` names,
 * for a header that differs (a township's own words), the column title or field it stands for.
 */
export function matchHeaders(
  headers: readonly (string | undefined)[],
  columns: readonly SheetColumn[],
  mapping: Readonly<Record<string, string>> = {},
): HeaderMatch {
  const byName = new Map<string, SheetColumn>();
  for (const column of columns) {
    byName.set(normalTitle(column.title), column);
    byName.set(column.key, column);
  }
  const mapped = new Map(Object.entries(mapping).map(([from, to]) => [normalTitle(from), normalTitle(to)]));
  const match: HeaderMatch = { columns: [], unmatched: [], absent: [], repeated: [] };
  const taken = new Map<string, number>();
  headers.forEach((raw, i) => {
    const header = (raw ?? '').trim();
    if (header === '') return;
    const index = i + 1;
    const name = normalTitle(header);
    const column = byName.get(mapped.get(name) ?? name);
    if (column === undefined) {
      match.unmatched.push({ index, header });
      return;
    }
    const first = taken.get(column.key);
    if (first !== undefined) {
      match.repeated.push({ index, header, first });
      return;
    }
    taken.set(column.key, index);
    match.columns.push({ index, header, column });
  });
  match.absent = columns.filter((column) => !taken.has(column.key));
  return match;
}

/** Column 1 → A, 27 → AA: how a spreadsheet names a column. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
