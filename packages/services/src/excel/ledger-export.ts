import type { Writable } from 'node:stream';
import { type LedgerDef, ledgerSheetColumns, type SheetSection, sheetNameOf } from '@taizhang/core';
import { countLedgerRows, type Database, ledgerRowBatches, listSections, type OrganisationRow } from '@taizhang/db';
import { writeLedgerWorkbook } from './workbook.js';

/** A ledger's rows, or its blank template, as a workbook (docs/excel.md). */

export interface LedgerExportRequest {
  /** a section code: only its rows, as the page filtered by section shows them */
  section?: string | undefined;
  /** text in the ref or a text field, as the page's search */
  search?: string | undefined;
  /** no rows: a blank template with a sheet of instructions */
  template?: boolean | undefined;
}

/** The name a downloaded workbook is given: 群众投诉台账.xlsx, 群众投诉台账（导入模板）.xlsx. */
export function ledgerWorkbookName(ledger: LedgerDef, template = false): string {
  return `${ledger.label}${template ? '（导入模板）' : ''}.xlsx`;
}

/** Writes the workbook to `out`, reading the rows in batches; returns how many rows it holds. */
export async function exportLedgerWorkbook(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  out: Writable,
  request: LedgerExportRequest = {},
): Promise<number> {
  const sections: SheetSection[] = (await listSections(db, org.id)).map((s) => ({ code: s.code, name: s.name }));
  const filter = { section: request.section, search: request.search };
  const template = request.template === true;
  const rowCount = template ? 0 : await countLedgerRows(db, org.id, ledger, filter);
  const rows = template ? emptyBatches() : ledgerRowBatches(db, org.id, ledger, filter);
  return writeLedgerWorkbook(out, ledger, ledgerSheetColumns(ledger, sections), sections, rows, {
    sheet: sheetNameOf(ledger),
    template,
    rowCount,
  });
}

async function* emptyBatches(): AsyncGenerator<never[]> {}
