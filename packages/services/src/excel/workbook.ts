import { Readable, type Writable } from 'node:stream';
import {
  type CellValue,
  cellOf,
  columnLetter,
  decimalFormat,
  type LedgerDef,
  type LedgerRow,
  type SheetCell,
  type SheetColumn,
  type SheetRow,
  type SheetSection,
} from '@taizhang/core';
import ExcelJS from 'exceljs';
import { refuse } from '../refusals.js';
import { UserError } from '../user-error.js';
import { workbookReader } from './utf8-reader.js';
import type { WorkbookLimits, WorkbookScan } from './zip-guard.js';

/**
 * Ledger workbooks with exceljs in streaming mode: written row by row to a stream, read row
 * by row from the bytes a guard has already checked (zip-guard.ts). What a cell means is
 * core's (ledgers/sheet.ts); this file knows only how exceljs holds cells.
 */

/** A data validation's inline list is at most 255 characters; a longer one refers to the hidden sheet. */
const INLINE_LIST_MAX = 255;
export const LISTS_SHEET = '选项';
export const GUIDE_SHEET = '填写说明';

const TEXT_FORMAT = '@';
/** One style object for every text cell that must stay text: exceljs styles a shared object once. */
const AS_TEXT: Partial<ExcelJS.Style> = { numFmt: TEXT_FORMAT };

/** Text a spreadsheet would run as a formula if the cell were edited: =, +, -, @, a tab or a return first. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F3' } } as const;

export interface LedgerWorkbookOptions {
  /** the sheet's name (the ledger's, made fit for a sheet) */
  sheet: string;
  /** a blank template: no rows, and a sheet of instructions */
  template?: boolean;
  /** the rows expected, so that drop-downs reach every one of them */
  rowCount?: number;
}

/**
 * Writes a ledger's rows as a workbook: a frozen, filtered header of Chinese titles, real
 * dates and numbers, a drop-down on every list field, text cells formatted as text (@) so
 * that a value such as =1+2 stays text even when edited — and no formula anywhere.
 * Returns how many rows were written.
 */
export async function writeLedgerWorkbook(
  out: Writable,
  ledger: LedgerDef,
  columns: readonly SheetColumn[],
  sections: readonly SheetSection[],
  rows: AsyncIterable<readonly LedgerRow[]>,
  options: LedgerWorkbookOptions,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // Fixed, so that the same rows give the same file.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  workbook.creator = '台账';
  workbook.title = ledger.label;
  if (options.template) writeGuide(workbook, ledger, columns);
  const sheet = workbook.addWorksheet(options.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  // A column's style is copied to each of its cells, which costs exceljs dearly: only the dates
  // need theirs in an export (a text cell is text without one). The template's text columns are
  // formatted as text so that whatever is typed in them stays text.
  const styled = (column: SheetColumn) => options.template === true || column.numFmt !== TEXT_FORMAT;
  sheet.columns = columns.map((column) => ({
    header: column.title,
    key: column.key,
    width: column.width,
    ...(styled(column) ? { style: { numFmt: column.numFmt } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = TEXT_FORMAT;
  });
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  let written = 0;
  for await (const batch of rows) {
    for (const row of batch) {
      const values = columns.map((column) => cellOf(column, row[column.key], sections));
      const added = sheet.addRow(values);
      values.forEach((value, i) => {
        const column = columns[i] as SheetColumn;
        if (typeof value === 'string' && looksLikeFormula(value)) added.getCell(i + 1).style = AS_TEXT;
        else if (typeof value === 'number' && column.kind === 'decimal') {
          const format = decimalFormat(row[column.key]);
          if (format !== undefined) added.getCell(i + 1).numFmt = format;
        }
      });
      added.commit();
      written++;
    }
  }
  addDropDowns(workbook, sheet, columns, Math.max(written, options.rowCount ?? 0, 1000) + 1);
  sheet.commit();
  await workbook.commit();
  return written;
}

/** Drop-downs on list fields, down to `lastRow`; lists too long to write inline are kept on a hidden sheet. */
function addDropDowns(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  columns: readonly SheetColumn[],
  lastRow: number,
): void {
  const long: { index: number; values: readonly string[] }[] = [];
  columns.forEach((column, i) => {
    if (column.list === undefined || column.list.length === 0) return;
    const letter = columnLetter(i + 1);
    const inline = `"${column.list.join(',')}"`;
    const fits = inline.length <= INLINE_LIST_MAX && !column.list.some((v) => v.includes(',') || v.includes('"'));
    let formula = inline;
    if (!fits) {
      long.push({ index: long.length + 1, values: column.list });
      const listColumn = columnLetter(long.length);
      formula = `'${LISTS_SHEET}'!$${listColumn}$1:$${listColumn}$${column.list.length}`;
    }
    validations(sheet).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.title,
      error: `请从下拉列表中选择${column.title}`,
    });
  });
  if (long.length === 0) return;
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const depth = Math.max(...long.map((l) => l.values.length));
  for (let r = 0; r < depth; r++) lists.addRow(long.map((l) => l.values[r] ?? null)).commit();
  lists.commit();
}

/** A sheet's data validations, which exceljs keeps but does not declare in its types. */
function validations(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

/** What each column asks for, as the template's first sheet says it. */
function writeGuide(workbook: ExcelJS.stream.xlsx.WorkbookWriter, ledger: LedgerDef, columns: readonly SheetColumn[]) {
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '列标题', key: 'title', width: 24 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'how', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.getRow(1).commit();
  for (const column of columns) {
    guide.addRow({ title: column.title, required: column.required ? '必填' : '', how: columnGuide(column) }).commit();
  }
  guide.addRow({}).commit();
  for (const line of [
    `在“${ledger.label.slice(0, 31)}”工作表中每行填写一条记录，第 1 行的列标题不要修改、不要合并单元格。`,
    '导入时按编号对应已有记录：编号已有的记录按表中内容更新，编号没有的记录新增；表中没有的记录保持不变。',
    '表中某一列为空，表示清空该字段；表中没有的列，已有记录保持原值。',
    '时间均为北京时间。公式单元格按其计算结果导入，导入预览中会逐一标出。',
  ]) {
    guide.addRow({ title: line }).commit();
  }
  guide.commit();
}

function columnGuide(column: SheetColumn): string {
  const field = column.field?.definition;
  const unit = field?.unit === undefined ? '' : `，单位：${field.unit}`;
  switch (column.kind) {
    case 'ref':
      return '记录的编号，同一台账中不能重复';
    case 'section':
      return `股室名称，从下拉列表中选择：${(column.list ?? []).join('、')}`;
    case 'date':
      return '日期，如 2021-03-05';
    case 'dateTime':
      return '北京时间，如 2021-03-05 14:30:00';
    case 'integer':
      return `整数${unit}`;
    case 'decimal':
      return `数字${field?.decimals === undefined ? '' : `，最多 ${field.decimals} 位小数`}${unit}`;
    case 'boolean':
      return '是 或 否';
    case 'choice':
      return `从下拉列表中选择：${(column.list ?? []).join('、')}`;
    case 'stages':
      return '节点列表，按导出时的写法（JSON）填写';
    case 'facts':
      return '项目情况，按导出时的写法（JSON）填写';
    default:
      return `文字${field?.description === undefined ? '' : `：${field.description}`}`;
  }
}

/** A worksheet read: its header row and its data rows, each cell as core reads it. */
export interface ReadSheet {
  headers: string[];
  rows: SheetRow[];
}

type ExcelValue = ExcelJS.CellValue;

/** A cell as exceljs gives it, as core reads it: a formula by its cached result, rich text as its text. */
function sheetCell(value: ExcelValue, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return { value, numFmt };
  }
  if ('error' in value) return { value: null, error: String(value.error) };
  if ('richText' in value) return { value: value.richText.map((run) => run.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (typeof result === 'object' && result !== null && 'error' in result) {
      return { value: null, formula: true, error: String((result as { error: unknown }).error) };
    }
    return { value: (result ?? null) as CellValue, formula: true, numFmt };
  }
  if ('text' in value) return { value: String(value.text) };
  return { value: null };
}

/** The text of a header cell. */
function headerText(cell: SheetCell): string {
  if (cell.value === null) return '';
  return cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : String(cell.value);
}

/**
 * Reads one worksheet of a guarded workbook, stopping with a refusal past `limits.maxRows`
 * data rows. Rows are numbered as the spreadsheet numbers them; empty rows are skipped.
 */
export async function readLedgerSheet(
  bytes: Buffer,
  file: string,
  sheetName: string,
  scan: WorkbookScan,
  limits: WorkbookLimits,
): Promise<ReadSheet> {
  const merged = scan.merges.get(scan.sheets.get(sheetName) ?? '');
  if (merged !== undefined && merged.length > 0) {
    const ranges = merged.slice(0, 5).join('、') + (merged.length > 5 ? ` 等 ${merged.length} 处` : '');
    throw refuse('XLSX_MERGED_CELLS', { file, sheet: sheetName, ranges });
  }
  const reader = workbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const read: ReadSheet = { headers: [], rows: [] };
  try {
    for await (const worksheet of reader) {
      if ((worksheet as unknown as { name: string }).name !== sheetName) continue;
      for await (const row of worksheet) {
        const cells = new Map<number, SheetCell>();
        row.eachCell({ includeEmpty: false }, (cell, index) => {
          cells.set(index, sheetCell(cell.value, cell.numFmt));
        });
        if (row.number === 1) {
          for (const [index, cell] of cells) read.headers[index - 1] = headerText(cell);
          continue;
        }
        if (cells.size === 0) continue;
        if (read.rows.length >= limits.maxRows) {
          throw refuse('XLSX_TOO_MANY_ROWS', { file, sheet: sheetName, limit: limits.maxRows });
        }
        read.rows.push({ line: row.number, cells });
      }
      return read;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse('XLSX_NOT_WORKBOOK', { file, reason: '工作表内容无法读取（文件可能已损坏）' });
  }
  throw refuse('XLSX_SHEET_MISSING', { file, wanted: sheetName, found: [...scan.sheets.keys()].join('、') });
}
