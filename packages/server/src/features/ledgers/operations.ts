import type { Database } from '@taizhang/db';
import {
  changeLedgerRow,
  createLedgerRow,
  findLedger,
  ledgerCatalogue,
  ledgerPage,
  ledgerRowHistory,
  ledgerRowOf,
  type NewLedgerRow,
} from '@taizhang/services';
import { type OnBehalf, organisationOf } from '../on-behalf.js';

/** 台账: the catalogue, a page of rows, one row and its history, adding and changing a row. */
export const ledgerOperations = {
  ledgers: (db: Database, args: OnBehalf) => ledgerCatalogue(db, args.caller.orgId),
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
    // the caller's organisation first: a session whose organisation is gone has ended
    const org = await organisationOf(db, args.caller);
    return ledgerPage(db, org, await findLedger(db, org.id, args.ledger), args);
  },
  async ledgerRow(db: Database, args: OnBehalf & { ledger: string; ref: string }) {
    return ledgerRowOf(db, args.caller.orgId, await findLedger(db, args.caller.orgId, args.ledger), args.ref);
  },
  async ledgerHistory(db: Database, args: OnBehalf & { ledger: string; ref: string }) {
    return ledgerRowHistory(db, args.caller, await findLedger(db, args.caller.orgId, args.ledger), args.ref);
  },
  async createLedgerRow(db: Database, args: OnBehalf & { ledger: string; input: NewLedgerRow; scope: string | null }) {
    const org = await organisationOf(db, args.caller);
    const ledger = await findLedger(db, org.id, args.ledger);
    return createLedgerRow(db, args.caller, org, ledger, args.input, args.scope);
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
    const ledger = await findLedger(db, org.id, args.ledger);
    return changeLedgerRow(db, args.caller, org, ledger, args.ref, args, args.scope);
  },
};
