import type { Database } from '@taizhang/db';
import type { AccountChanges, NewAccount, RequestQuery } from '@taizhang/services';
import {
  accountRequests,
  approveAccountRequest,
  changeAccount,
  createAccount,
  listAccounts,
  rejectAccountRequest,
  signInFailures,
  unlockAccount,
  withdrawAccountRequest,
} from '@taizhang/services';
import type { OnBehalf } from '../on-behalf.js';

/** 用户管理 and 账户审批: accounts, the requests that change them (三权分立), locks and failed sign-ins. */
export const userOperations = {
  users: (db: Database, { caller }: OnBehalf) => listAccounts(db, caller),
  createUser: (db: Database, { caller, input }: OnBehalf & { input: NewAccount }) => createAccount(db, caller, input),
  changeUser: (db: Database, { caller, id, changes }: OnBehalf & { id: string; changes: AccountChanges }) =>
    changeAccount(db, caller, id, changes),
  accountRequests: (db: Database, { caller, query }: OnBehalf & { query: RequestQuery }) =>
    accountRequests(db, caller, query),
  approveAccountRequest: (db: Database, { caller, id, note }: OnBehalf & { id: string; note?: string | null }) =>
    approveAccountRequest(db, caller, id, note),
  rejectAccountRequest: (db: Database, { caller, id, note }: OnBehalf & { id: string; note?: string | null }) =>
    rejectAccountRequest(db, caller, id, note),
  withdrawAccountRequest: (db: Database, { caller, id }: OnBehalf & { id: string }) =>
    withdrawAccountRequest(db, caller, id),
  unlockUser: (db: Database, { caller, id }: OnBehalf & { id: string }) => unlockAccount(db, caller, id),
  signInFailures: (
    db: Database,
    { caller, query }: OnBehalf & { query: { offset: number; limit: number; username?: string } },
  ) => signInFailures(db, caller, query),
};
