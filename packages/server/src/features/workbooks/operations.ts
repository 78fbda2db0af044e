import type { Database } from '@taizhang/db';
import {
  findLedger,
  importWorkbook,
  ledgerWorkbookFile,
  previewWorkbook,
  type WorkbookUpload,
} from '@taizhang/services';
import { type OnBehalf, organisationOf } from '../on-behalf.js';

/** 台账导入导出: a ledger as a workbook, and a workbook previewed and imported into a ledger. */
export const workbookOperations = {
  async exportWorkbook(
    db: Database,
    args: OnBehalf & { ledger: string; section?: string; search?: string; template?: boolean },
  ) {
    const org = await organisationOf(db, args.caller);
    return ledgerWorkbookFile(db, org, await findLedger(db, org.id, args.ledger), args);
  },
  async previewImport(db: Database, args: OnBehalf & WorkbookUpload & { ledger: string; scope: string | null }) {
    const org = await organisationOf(db, args.caller);
    const ledger = await findLedger(db, org.id, args.ledger);
    return previewWorkbook(db, org, ledger, args, args.scope);
  },
  async commitImport(
    db: Database,
    args: OnBehalf & WorkbookUpload & { ledger: string; fingerprint: string; scope: string | null },
  ) {
    const org = await organisationOf(db, args.caller);
    const ledger = await findLedger(db, org.id, args.ledger);
    return importWorkbook(db, args.caller, org, ledger, args, args.scope);
  },
};
