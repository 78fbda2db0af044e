import type { Queryable } from '../database.js';
import { instant, type SelectedUser, toUser, USER_COLUMNS, USER_FROM, type UserRow } from './users.js';

/**
 * Signed-in sessions. Only a token's SHA-256 (hex) is stored; the times are passed in by the
 * caller, so the server's clock (and a test's) decides when a session ends. Session
 * bookkeeping is not audited (migration 0008).
 */

export interface NewSession {
  tokenHash: string;
  userId: string;
  /** UTC ISO instants */
  createdAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

export async function insertSession(q: Queryable, orgId: string, session: NewSession): Promise<void> {
  await q.query(
    `insert into sessions (org_id, token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
     values ($1, $2, $3::bigint, $4::timestamptz, $4::timestamptz, $5::timestamptz, $6, $7)`,
    [
      orgId,
      session.tokenHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
      session.address,
      session.userAgent?.slice(0, 500) ?? null,
    ],
  );
}

export interface SessionLookup {
  /** UTC ISO instant of the request */
  now: string;
  /** a session unused for this long has ended */
  idleSeconds: number;
  /** last_seen_at is written at most this often, so a busy browser does not write on every request */
  touchSeconds: number;
}

/**
 * The enabled user of a live session — neither past its absolute end nor idle too long —
 * with their organisation's code and name, or undefined. A plain read: the session is marked
 * seen, by a separate UPDATE, only when it was last marked more than `touchSeconds` ago, so
 * the lookup every request makes writes nothing (an UPDATE, even one that changes no row,
 * makes the statement a write, which costs PGlite a commit).
 */
export async function findSessionUser(
  q: Queryable,
  orgId: string,
  tokenHash: string,
  lookup: SessionLookup,
): Promise<{ user: UserRow; org: { code: string; name: string } } | undefined> {
  const rows = await q.query<SelectedUser & { orgCode: string; orgName: string; stale: boolean }>(
    `select ${USER_COLUMNS}, o.code as "orgCode", o.name as "orgName",
       live.last_seen_at < $3::timestamptz - make_interval(secs => $5) as stale
     from ${USER_FROM}
     join sessions live on live.org_id = u.org_id and live.user_id = u.id
     join organisations o on o.id = u.org_id
     where live.org_id = $1 and live.token_hash = $2
       and live.expires_at > $3::timestamptz and live.last_seen_at > $3::timestamptz - make_interval(secs => $4)
       and not u.disabled`,
    [orgId, tokenHash, lookup.now, lookup.idleSeconds, lookup.touchSeconds],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const { orgCode, orgName, stale, ...user } = row;
  if (stale) {
    await q.query(
      `update sessions set last_seen_at = $3::timestamptz
       where org_id = $1 and token_hash = $2 and last_seen_at < $3::timestamptz`,
      [orgId, tokenHash, lookup.now],
    );
  }
  return { user: toUser(user), org: { code: orgCode, name: orgName } };
}

export async function deleteSession(q: Queryable, orgId: string, tokenHash: string): Promise<void> {
  await q.query('delete from sessions where org_id = $1 and token_hash = $2', [orgId, tokenHash]);
}

/** Ends every session of a user (disabled, password changed), except `keep` when given. */
export async function deleteUserSessions(q: Queryable, orgId: string, userId: string, keep?: string): Promise<void> {
  await q.query('delete from sessions where org_id = $1 and user_id = $2::bigint and token_hash <> $3', [
    orgId,
    userId,
    keep ?? '',
  ]);
}

/** Removes the organisation's ended sessions; called at sign-in, so the table never grows without bound. */
export async function deleteEndedSessions(
  q: Queryable,
  orgId: string,
  now: string,
  idleSeconds: number,
): Promise<void> {
  await q.query(
    `delete from sessions where org_id = $1
       and (expires_at <= $2::timestamptz or last_seen_at <= $2::timestamptz - make_interval(secs => $3))`,
    [orgId, now, idleSeconds],
  );
}

/** The account a sign-in names, with what signing in needs to know beside the user row. */
export interface SignInAccount {
  user: UserRow;
  /** the stored password hash, or null when the account has none */
  hash: string | null;
  /** whether the account has signed in successfully from this address before */
  familiar: boolean;
}

/**
 * The account of a user name (any letter case), its password hash and whether it knows the
 * address, in one statement: an unknown name costs the same one query as a known one.
 */
export async function findSignInAccount(
  q: Queryable,
  orgId: string,
  username: string,
  address: string | null,
): Promise<SignInAccount | undefined> {
  const rows = await q.query<SelectedUser & { hash: string | null; familiar: boolean }>(
    `select ${USER_COLUMNS}, c.password_hash as hash,
       exists (select 1 from signin_addresses a where a.org_id = u.org_id and a.user_id = u.id and a.address = $3)
         as familiar
     from ${USER_FROM}
     left join user_credentials c on c.org_id = u.org_id and c.user_id = u.id
     where u.org_id = $1 and lower(u.username) = lower($2)`,
    [orgId, username, address],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const { hash, familiar, ...user } = row;
  return { user: toUser(user), hash, familiar };
}

/** Remembers that a user signed in successfully from `address` (bookkeeping, not audited). */
export async function rememberSignInAddress(
  q: Queryable,
  orgId: string,
  userId: string,
  address: string,
  at: string,
): Promise<void> {
  await q.query(
    `insert into signin_addresses (org_id, user_id, address, first_at, last_at)
     values ($1, $2::bigint, $3, $4::timestamptz, $4::timestamptz)
     on conflict (org_id, user_id, address) do update set last_at = excluded.last_at`,
    [orgId, userId, address, at],
  );
}

export type SignInFailureReason = 'unknown' | 'wrong' | 'locked' | 'disabled' | 'throttled';

export type SignInFailure = {
  /** UTC ISO instant */
  at: string;
  /** the name as typed */
  username: string;
  /** the account it named, when one exists */
  userId: string | null;
  address: string | null;
  reason: SignInFailureReason;
  /** this failure locked the account */
  locked: boolean;
};

/** Records a refused sign-in (audited: the auditor and the security officer both see it). */
export async function insertSignInFailure(q: Queryable, orgId: string, failure: SignInFailure): Promise<void> {
  await q.query(
    `insert into signin_failures (org_id, at, username, user_id, address, reason, locked)
     values ($1, $2::timestamptz, $3, $4::bigint, $5, $6, $7)`,
    [orgId, failure.at, failure.username, failure.userId, failure.address, failure.reason, failure.locked],
  );
}

export type SignInFailureRow = SignInFailure & {
  id: string;
  /** the account's current user name, when the failure named one */
  account: string | null;
};

/** The organisation's refused sign-ins, newest first, with their total. */
export async function listSignInFailures(
  q: Queryable,
  orgId: string,
  page: { offset: number; limit: number; username?: string | undefined },
): Promise<{ total: number; rows: SignInFailureRow[] }> {
  const where = page.username === undefined ? 'f.org_id = $1' : 'f.org_id = $1 and lower(f.username) = lower($2)';
  const params: unknown[] = page.username === undefined ? [orgId] : [orgId, page.username];
  const rows = await q.query<SignInFailureRow & { total: number }>(
    `select f.id::text as id, ${instant('f.at')} as at, f.username, f.user_id::text as "userId", f.address,
       f.reason, f.locked, u.username as account, count(*) over ()::int as total
     from signin_failures f
     left join users u on u.org_id = f.org_id and u.id = f.user_id
     where ${where}
     order by f.at desc, f.id desc
     limit $${params.length + 1}::bigint offset $${params.length + 2}::bigint`,
    [...params, Math.max(0, Math.floor(page.limit)), Math.max(0, Math.floor(page.offset))],
  );
  // Past the last page the window count is not there to read: count apart.
  const total =
    rows[0]?.total ??
    (await q.query<{ n: number }>(`select count(*)::int as n from signin_failures f where ${where}`, params))[0]?.n ??
    0;
  return { total, rows: rows.map(({ total: _total, ...row }) => row) };
}
