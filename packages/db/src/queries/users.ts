import type { Queryable } from '../database.js';
import type { EditOutcome } from './edit-outcome.js';

/**
 * Accounts (用户) and their password hashes. The hash is read and written only through
 * the credential functions below and never leaves them in a user row: it lives in
 * user_credentials, which is not audited (migration 0008).
 */

export type UserRole = 'clerk' | 'office' | 'leader' | 'admin' | 'auditor' | 'security';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** the clerk's section (code and name); null for every other role */
  section: { code: string; name: string } | null;
  disabled: boolean;
  failedAttempts: number;
  /** UTC ISO instant, or null when not locked */
  lockedUntil: string | null;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  lastLoginAddress: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
/** A timestamptz column as a UTC ISO instant (…Z), as every account row reads its times. */
export const instant = (column: string) => `to_char(${column} at time zone 'UTC', ${UTC})`;

/** A user's columns, with their section's code and name (USER_FROM), as a UserRow reads them (toUser). */
export const USER_COLUMNS = `u.id::text as id, u.username, u.display_name as "displayName", u.role,
    s.code as "sectionCode", s.name as "sectionName", u.disabled, u.failed_attempts as "failedAttempts",
    ${instant('u.locked_until')} as "lockedUntil", ${instant('u.password_changed_at')} as "passwordChangedAt",
    ${instant('u.last_login_at')} as "lastLoginAt", u.last_login_address as "lastLoginAddress", u.version,
    ${instant('u.created_at')} as "createdAt", ${instant('u.updated_at')} as "updatedAt"`;

/** Users and their sections; a caller may join more and add its `where`. */
export const USER_FROM = 'users u left join sections s on s.org_id = u.org_id and s.id = u.section_id';

const SELECT = `select ${USER_COLUMNS} from ${USER_FROM}`;

export type SelectedUser = Omit<UserRow, 'section'> & { sectionCode: string | null; sectionName: string | null };

/** A row of USER_COLUMNS as a UserRow. */
export function toUser({ sectionCode, sectionName, ...row }: SelectedUser): UserRow {
  return { ...row, section: sectionCode === null ? null : { code: sectionCode, name: sectionName ?? sectionCode } };
}

export async function listUsers(q: Queryable, orgId: string): Promise<UserRow[]> {
  const rows = await q.query<SelectedUser>(`${SELECT} where u.org_id = $1 order by u.id`, [orgId]);
  return rows.map(toUser);
}

export async function findUserById(q: Queryable, orgId: string, id: string): Promise<UserRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await q.query<SelectedUser>(`${SELECT} where u.org_id = $1 and u.id = $2::bigint`, [orgId, id]);
  return rows[0] && toUser(rows[0]);
}

/** A user by name, whatever its letter case. */
export async function findUserByName(q: Queryable, orgId: string, username: string): Promise<UserRow | undefined> {
  const rows = await q.query<SelectedUser>(`${SELECT} where u.org_id = $1 and lower(u.username) = lower($2)`, [
    orgId,
    username,
  ]);
  return rows[0] && toUser(rows[0]);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** section code, for a clerk */
  section: string | null;
  passwordHash: string;
}

/** Inserts a user and its credential; undefined when the name is taken (any letter case). */
export async function insertUser(q: Queryable, orgId: string, input: NewUser): Promise<UserRow | undefined> {
  const inserted = await q.query<{ id: string }>(
    `insert into users (org_id, username, display_name, role, section_id)
     select $1, $2, $3, $4, (select id from sections where org_id = $1 and code = $5)
     on conflict (org_id, lower(username)) do nothing
     returning id::text as id`,
    [orgId, input.username, input.displayName, input.role, input.section],
  );
  const id = inserted[0]?.id;
  if (id === undefined) return undefined;
  await q.query('insert into user_credentials (org_id, user_id, password_hash) values ($1, $2, $3)', [
    orgId,
    id,
    input.passwordHash,
  ]);
  return findUserById(q, orgId, id);
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: UserRole | undefined;
  /** section code; null clears it */
  section?: string | null | undefined;
  disabled?: boolean | undefined;
}

/**
 * Changes a user's profile, only if its stored version is `expectedVersion`. Changes that
 * leave the row as it was write nothing.
 */
export async function updateUser(
  q: Queryable,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: UserChanges,
): Promise<EditOutcome<UserRow>> {
  const params: unknown[] = [orgId, id, expectedVersion];
  const columns: string[] = [];
  const values: string[] = [];
  const set = (column: string, value: unknown, sql: (param: string) => string) => {
    params.push(value);
    columns.push(column);
    values.push(sql(`$${params.length}`));
  };
  if (changes.displayName !== undefined) set('display_name', changes.displayName, (p) => `${p}::text`);
  if (changes.role !== undefined) set('role', changes.role, (p) => `${p}::text`);
  if (changes.disabled !== undefined) set('disabled', changes.disabled, (p) => `${p}::boolean`);
  if (changes.section !== undefined) {
    set('section_id', changes.section, (p) => `(select s.id from sections s where s.org_id = $1 and s.code = ${p})`);
  }
  if (columns.length > 0) {
    const written = await q.query(
      `update users set ${columns.map((column, i) => `${column} = ${values[i]}`).join(', ')},
         version = version + 1, updated_at = now()
       where org_id = $1 and id = $2::bigint and version = $3
         and (${columns.join(', ')}, null) is distinct from (${values.join(', ')}, null)
       returning id`,
      params,
    );
    if (written.length > 0) return { outcome: 'written', row: (await findUserById(q, orgId, id)) as UserRow };
  }
  const current = await findUserById(q, orgId, id);
  if (current === undefined) return { outcome: 'missing' };
  return { outcome: current.version === expectedVersion ? 'unchanged' : 'stale', row: current };
}

/** The stored hash of a user's password, or undefined when the user has none. */
export async function findPasswordHash(q: Queryable, orgId: string, userId: string): Promise<string | undefined> {
  const rows = await q.query<{ hash: string }>(
    'select password_hash as hash from user_credentials where org_id = $1 and user_id = $2::bigint',
    [orgId, userId],
  );
  return rows[0]?.hash;
}

/** Replaces a password: the hash in user_credentials, the date (audited) on the user. */
export async function setPasswordHash(q: Queryable, orgId: string, userId: string, hash: string): Promise<void> {
  await q.query(
    `insert into user_credentials (org_id, user_id, password_hash) values ($1, $2::bigint, $3)
     on conflict (org_id, user_id) do update set password_hash = excluded.password_hash, updated_at = now()`,
    [orgId, userId, hash],
  );
  await q.query(
    `update users set password_changed_at = now(), failed_attempts = 0, locked_until = null,
       version = version + 1, updated_at = now()
     where org_id = $1 and id = $2::bigint`,
    [orgId, userId],
  );
}

/**
 * Counts a failed sign-in; at `maxAttempts` the account is locked until `lockUntil` and the
 * count starts again. Sign-in bookkeeping does not raise the version: an administrator's
 * edit must not fail as stale because someone mistyped a password meanwhile. The sign-in
 * service counts only failures from addresses the account never signed in from.
 */
export async function recordFailedLogin(
  q: Queryable,
  orgId: string,
  userId: string,
  maxAttempts: number,
  lockUntil: string,
): Promise<{ failedAttempts: number; lockedUntil: string | null }> {
  const [row] = await q.query<{ failedAttempts: number; lockedUntil: string | null }>(
    `update users set
       failed_attempts = case when failed_attempts + 1 >= $3 then 0 else failed_attempts + 1 end,
       locked_until = case when failed_attempts + 1 >= $3 then $4::timestamptz else locked_until end
     where org_id = $1 and id = $2::bigint
     returning failed_attempts as "failedAttempts", ${instant('locked_until')} as "lockedUntil"`,
    [orgId, userId, maxAttempts, lockUntil],
  );
  return row ?? { failedAttempts: 0, lockedUntil: null };
}

/**
 * A successful sign-in: the failure count cleared and when and where recorded (audited). A
 * lock still running stays: the holder signing in from their own address does not lift the
 * lock a stranger's guesses set against every other address.
 */
export async function recordLogin(
  q: Queryable,
  orgId: string,
  userId: string,
  at: string,
  address: string | null,
): Promise<void> {
  await q.query(
    `update users set failed_attempts = 0,
       locked_until = case when locked_until > $3::timestamptz then locked_until end,
       last_login_at = $3::timestamptz, last_login_address = $4
     where org_id = $1 and id = $2::bigint`,
    [orgId, userId, at, address],
  );
}

/** How many enabled administrators the organisation has: it must never drop to none. */
export async function countActiveAdmins(q: Queryable, orgId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from users where org_id = $1 and role = 'admin' and not disabled`,
    [orgId],
  );
  return row?.n ?? 0;
}

/**
 * Lifts a lock (the security officer's 解除锁定): the failure count cleared and locked_until
 * emptied. The row is written even when it was not locked, so that the officer's act is on
 * the audit trail either way. Undefined when there is no such user.
 */
export async function unlockUser(q: Queryable, orgId: string, userId: string): Promise<UserRow | undefined> {
  if (!/^\d{1,18}$/.test(userId)) return undefined;
  await q.query('update users set failed_attempts = 0, locked_until = null where org_id = $1 and id = $2::bigint', [
    orgId,
    userId,
  ]);
  return findUserById(q, orgId, userId);
}
