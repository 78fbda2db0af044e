import type { Database } from '@taizhang/db';
import {
  changeLedgerRow,
  createLedgerRow,
  ledgerCatalogue,
  ledgerCode,
  ledgerPage,
  ledgerRowHistory,
  ledgerRowOf,
  type NewLedgerRow,
} from '@taizhang/services';
import { type OnBehalf, organisationOf } from '../on-behalf.js';

/** 台账: the catalogue, a page of rows, one row and its history, adding and changing a row. */
export const ledgerOperations = {
  ledgers: async () => ledgerCatalogue(),
  async ledgerRows(
    db: Database,
    args: OnBehalf & {
      ledger: string;
      search?: string;
      section?: string;
      orderBy?: string;
      offset: number;
      limit: number;
    },
  ) {
    return ledgerPage(db, await organisationOf(db, args.caller), ledgerCode(args.ledger), args);
  },
  ledgerRow: (db: Database, args: OnBehalf & { ledger: string; ref: string }) =>
    ledgerRowOf(db, args.caller.orgId, ledgerCode(args.ledger), args.ref),
  ledgerHistory: (db: Database, args: OnBehalf & { ledger: string; ref: string }) =>
    ledgerRowHistory(db, args.caller, ledgerCode(args.ledger), args.ref),
  async createLedgerRow(db: Database, args: OnBehalf & { ledger: string; input: NewLedgerRow; scope: string | null }) {
    const org = await organisationOf(db, args.caller);
    return createLedgerRow(db, args.caller, org, ledgerCode(args.ledger), args.input, args.scope);
  },
  async changeLedgerRow(
    db: Database,
    args: OnBehalf & {
      ledger: string;
      ref: string;
      version: number;
      changes: Record<string, unknown>;
      scope: string | null;
    },
  ) {
    const org = await organisationOf(db, args.caller);
    return changeLedgerRow(db, args.caller, org, ledgerCode(args.ledger), args.ref, args, args.scope);
  },
};
