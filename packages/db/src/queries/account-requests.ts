import type { Queryable } from '../database.js';
import { instant, type UserRole } from './users.js';

/**
 * Account change requests (账户变更申请, migration 0013): what the administrator asked, waiting
 * for a security officer's decision. A proposed password's hash waits apart, in
 * account_request_credentials, which is not audited.
 */

export type AccountRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** The fields a request sets; `password` says a new password waits with it (never the password). */
export type RequestedFields = {
  displayName?: string;
  role?: UserRole;
  /** section code; null clears it */
  section?: string | null;
  disabled?: boolean;
  password?: boolean;
};

export type AccountRequestRow = {
  id: string;
  kind: 'create' | 'change';
  /** the account changed (a new account's once approved) */
  userId: string | null;
  username: string;
  /** the account's role when asked (a new account's: the role it asks for) */
  targetRole: UserRole;
  changes: RequestedFields;
  /** the account's values of the same fields when asked; {} for a new account */
  previous: RequestedFields;
  /** why it needs approval, in Chinese */
  reasons: string[];
  status: AccountRequestStatus;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
};

const COLUMNS = `r.id::text as id, r.kind, r.user_id::text as "userId", r.username, r.target_role as "targetRole",
  r.changes, r.previous, r.reasons, r.status, r.requested_by::text as "requestedBy",
  r.requested_by_name as "requestedByName", ${instant('r.requested_at')} as "requestedAt",
  r.decided_by::text as "decidedBy", r.decided_by_name as "decidedByName", ${instant('r.decided_at')} as "decidedAt",
  r.decision_note as "decisionNote", r.version`;

export type NewAccountRequest = Pick<
  AccountRequestRow,
  'kind' | 'userId' | 'username' | 'targetRole' | 'changes' | 'previous' | 'reasons' | 'requestedBy' | 'requestedByName'
> & {
  /** the hash of the password it proposes, kept unaudited until the decision */
  passwordHash?: string | undefined;
};

/** Files a request; undefined when the account already has one pending (one at a time). */
export async function insertAccountRequest(
  q: Queryable,
  orgId: string,
  input: NewAccountRequest,
): Promise<AccountRequestRow | undefined> {
  const inserted = await q.query<{ id: string }>(
    `insert into account_requests
       (org_id, kind, user_id, username, target_role, changes, previous, reasons, requested_by, requested_by_name)
     values ($1, $2, $3::bigint, $4, $5, $6::jsonb, $7::jsonb, $8::text[], $9::bigint, $10)
     on conflict (org_id, lower(username)) where status = 'pending' do nothing
     returning id::text as id`,
    [
      orgId,
      input.kind,
      input.userId,
      input.username,
      input.targetRole,
      JSON.stringify(input.changes),
      JSON.stringify(input.previous),
      input.reasons,
      input.requestedBy,
      input.requestedByName,
    ],
  );
  const id = inserted[0]?.id;
  if (id === undefined) return undefined;
  if (input.passwordHash !== undefined) {
    await q.query('insert into account_request_credentials (org_id, request_id, password_hash) values ($1, $2, $3)', [
      orgId,
      id,
      input.passwordHash,
    ]);
  }
  return findAccountRequest(q, orgId, id);
}

export async function findAccountRequest(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<AccountRequestRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await q.query<AccountRequestRow>(
    `select ${COLUMNS} from account_requests r where r.org_id = $1 and r.id = $2::bigint`,
    [orgId, id],
  );
  return rows[0];
}

/** The pending request of an account name (any letter case), if there is one. */
export async function findPendingAccountRequest(
  q: Queryable,
  orgId: string,
  username: string,
): Promise<AccountRequestRow | undefined> {
  const rows = await q.query<AccountRequestRow>(
    `select ${COLUMNS} from account_requests r
     where r.org_id = $1 and lower(r.username) = lower($2) and r.status = 'pending'`,
    [orgId, username],
  );
  return rows[0];
}

/** Requests, newest first, all or of one status, with their total. */
export async function listAccountRequests(
  q: Queryable,
  orgId: string,
  page: { status?: AccountRequestStatus | undefined; offset: number; limit: number },
): Promise<{ total: number; rows: AccountRequestRow[] }> {
  const where = page.status === undefined ? 'r.org_id = $1' : 'r.org_id = $1 and r.status = $2';
  const params: unknown[] = page.status === undefined ? [orgId] : [orgId, page.status];
  const rows = await q.query<AccountRequestRow & { total: number }>(
    `select ${COLUMNS}, count(*) over ()::int as total from account_requests r where ${where}
     order by r.id desc limit $${params.length + 1}::bigint offset $${params.length + 2}::bigint`,
    [...params, Math.max(0, Math.floor(page.limit)), Math.max(0, Math.floor(page.offset))],
  );
  // Past the last page the window count is not there to read: count apart.
  const total =
    rows[0]?.total ??
    (await q.query<{ n: number }>(`select count(*)::int as n from account_requests r where ${where}`, params))[0]?.n ??
    0;
  return { total, rows: rows.map(({ total: _total, ...row }) => row) };
}

export interface Decision {
  status: Exclude<AccountRequestStatus, 'pending'>;
  by: string;
  byName: string;
  note?: string | null | undefined;
  /** a new account's id, once created */
  userId?: string | undefined;
}

/**
 * Decides a pending request; undefined when it is no longer pending (decided meanwhile). The
 * proposed password's hash, if any, is deleted with the decision: `takeRequestPassword` first.
 */
export async function decideAccountRequest(
  q: Queryable,
  orgId: string,
  id: string,
  decision: Decision,
): Promise<AccountRequestRow | undefined> {
  const updated = await q.query<{ id: string }>(
    `update account_requests set status = $3, decided_by = $4::bigint, decided_by_name = $5, decided_at = now(),
       decision_note = $6, user_id = coalesce($7::bigint, user_id), version = version + 1, updated_at = now()
     where org_id = $1 and id = $2::bigint and status = 'pending'
     returning id::text as id`,
    [orgId, id, decision.status, decision.by, decision.byName, decision.note ?? null, decision.userId ?? null],
  );
  if (updated.length === 0) return undefined;
  await q.query('delete from account_request_credentials where org_id = $1 and request_id = $2::bigint', [orgId, id]);
  return findAccountRequest(q, orgId, id);
}

/** The hash of the password a request proposes, if it proposes one. */
export async function findRequestPassword(q: Queryable, orgId: string, id: string): Promise<string | undefined> {
  const rows = await q.query<{ hash: string }>(
    'select password_hash as hash from account_request_credentials where org_id = $1 and request_id = $2::bigint',
    [orgId, id],
  );
  return rows[0]?.hash;
}
