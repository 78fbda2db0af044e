import type { Queryable } from '../database.js';

/** 导入记录: one workbook imported into a ledger (migration 0016), audited like every other change. */
export interface LedgerImportRecord {
  ledger: string;
  fileName: string;
  sheet: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Records an import in the transaction that wrote its rows; its actor is the transaction's. */
export async function recordLedgerImport(q: Queryable, orgId: string, record: LedgerImportRecord): Promise<void> {
  await q.query(
    `insert into ledger_imports (org_id, ledger, file_name, sheet, inserted, updated, unchanged)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, record.ledger, record.fileName, record.sheet, record.inserted, record.updated, record.unchanged],
  );
}
