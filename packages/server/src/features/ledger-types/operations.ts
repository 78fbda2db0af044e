import type { Database } from '@taizhang/db';
import { changeLedgerType, createLedgerType, ledgerTypeList } from '@taizhang/services';
import type { OnBehalf } from '../on-behalf.js';

/** 台账设置: the organisation's ledger types, created and changed. */
export const ledgerTypeOperations = {
  ledgerTypes: (db: Database, args: OnBehalf) => ledgerTypeList(db, args.caller.orgId),
  createLedgerType: (db: Database, args: OnBehalf & { definition: unknown }) =>
    createLedgerType(db, args.caller, args.definition),
  changeLedgerType: (db: Database, args: OnBehalf & { code: string; version: number; definition: unknown }) =>
    changeLedgerType(db, args.caller, args.code, args),
};
