import type { Queryable } from '../database.js';
import { type SelectedUser, toUser, USER_COLUMNS, USER_FROM, type UserRow } from './users.js';

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
