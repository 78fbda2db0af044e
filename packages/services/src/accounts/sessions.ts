import { createHash, randomBytes } from 'node:crypto';
import { isRole } from '@taizhang/core';
import {
  type Database,
  deleteEndedSessions,
  deleteSession,
  deleteUserSessions,
  findOrganisation,
  findPasswordHash,
  findSessionUser,
  findUserByName,
  insertSession,
  type OrganisationRow,
  recordFailedLogin,
  recordLogin,
  setPasswordHash,
  type UserRow,
} from '@taizhang/db';
import { beijingTime } from '../ledgers.js';
import { resolveOrganisation } from '../organisation.js';
import { invalid, ServiceError } from '../service-error.js';
import { actorOf, type Caller, type SessionUser } from './caller.js';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords.js';

/** Signing in and out (登录), and one's own password. */
export const SESSION_POLICY = {
  /** a session unused this long has ended (30 minutes) */
  idleSeconds: 30 * 60,
  /** and every session ends this long after sign-in (12 hours) */
  absoluteSeconds: 12 * 60 * 60,
  /** last_seen_at is written at most once a minute */
  touchSeconds: 60,
  /** consecutive wrong passwords that lock an account … */
  maxFailures: 5,
  /** … for this long (15 minutes) */
  lockSeconds: 15 * 60,
} as const;

/**
 * The cookie's value: the organisation's id and a random token (32 bytes). The id scopes the
 * lookup, as every query is scoped; only the token's SHA-256 is stored.
 */
const SESSION_KEY = /^(\d{1,18})\.([A-Za-z0-9_-]{43})$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function tokenHash(token: string): string {
  return sha256(token).toString('hex');
}

/**
 * The session's CSRF token: derived from the session token, so nothing more is stored, and
 * one-way, so the token a page's script can read never gives away the HttpOnly cookie.
 */
function csrfTokenOf(token: string): string {
  return sha256(`csrf:${token}`).toString('base64url');
}

function parseKey(sessionKey: string): { orgId: string; token: string } | undefined {
  const match = SESSION_KEY.exec(sessionKey);
  return match ? { orgId: match[1] as string, token: match[2] as string } : undefined;
}

function sessionUser(row: UserRow, org: { code: string; name: string }): SessionUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    org,
    section: row.section,
  };
}

const plusSeconds = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();

const LOGIN_FAILED = () => new ServiceError('unauthenticated', 'LOGIN_FAILED', '用户名或密码不正确');

function accountLocked(until: string): ServiceError {
  return new ServiceError(
    'locked',
    'ACCOUNT_LOCKED',
    `密码连续输错 ${SESSION_POLICY.maxFailures} 次，账户已暂时锁定，请于 ${beijingTime(until).slice(0, 16)}（北京时间）后再试，或请系统管理员协助`,
    { details: [`锁定至 ${beijingTime(until)}（北京时间）`] },
  );
}

export interface SignInRequest {
  /** organisation code; the only district when omitted */
  org?: string | undefined;
  username: string;
  password: string;
  address: string | null;
  userAgent: string | null;
  /** UTC ISO instant: the server's clock */
  now: string;
}

export interface SignedIn {
  user: SessionUser;
  /** the cookie's value */
  sessionKey: string;
  csrfToken: string;
  expiresAt: string;
}

async function signInOrganisation(db: Database, code: string | undefined): Promise<OrganisationRow | undefined> {
  if (code !== undefined) return findOrganisation(db, code);
  // The only district, as the command line chooses; none or several leave nobody to sign in to.
  return resolveOrganisation(db).catch(() => undefined);
}

/**
 * Signs a user in. An unknown user, a disabled one and a wrong password all answer the
 * same LOGIN_FAILED after the same scrypt work; five wrong passwords in a row lock the
 * account for 15 minutes (ACCOUNT_LOCKED, saying until when). Every failure and sign-in of a
 * real account is on the audit trail (users: failed_attempts, locked_until, last_login_*).
 */
export async function signIn(db: Database, request: SignInRequest): Promise<SignedIn> {
  const org = await signInOrganisation(db, request.org);
  const user = org && (await findUserByName(db, org.id, request.username));
  const hash = org && user && !user.disabled ? await findPasswordHash(db, org.id, user.id) : undefined;
  if (!org || !user || user.disabled || hash === undefined) {
    await verifyPassword(request.password, await decoyHash());
    throw LOGIN_FAILED();
  }
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.parse(request.now)) {
    throw accountLocked(user.lockedUntil);
  }
  const actor = { name: `signin:${user.username}`, address: request.address ?? undefined, userId: user.id };
  if (!(await verifyPassword(request.password, hash))) {
    const lockUntil = plusSeconds(request.now, SESSION_POLICY.lockSeconds);
    const outcome = await db.transaction(actor, (tx) =>
      recordFailedLogin(tx, org.id, user.id, SESSION_POLICY.maxFailures, lockUntil),
    );
    if (outcome.lockedUntil !== null && Date.parse(outcome.lockedUntil) > Date.parse(request.now)) {
      throw accountLocked(outcome.lockedUntil);
    }
    throw LOGIN_FAILED();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = plusSeconds(request.now, SESSION_POLICY.absoluteSeconds);
  await db.transaction(actor, async (tx) => {
    await recordLogin(tx, org.id, user.id, request.now, request.address);
    await deleteEndedSessions(tx, org.id, request.now, SESSION_POLICY.idleSeconds);
    await insertSession(tx, org.id, {
      tokenHash: tokenHash(token),
      userId: user.id,
      createdAt: request.now,
      expiresAt,
      address: request.address,
      userAgent: request.userAgent,
    });
  });
  return {
    user: sessionUser(user, { code: org.code, name: org.name }),
    sessionKey: `${org.id}.${token}`,
    csrfToken: csrfTokenOf(token),
    expiresAt,
  };
}

export interface LiveSession {
  user: SessionUser;
  orgId: string;
  csrfToken: string;
}

/** The signed-in user of a cookie's session, or null when it is unknown, ended or its user disabled. */
export async function findSession(
  db: Database,
  request: { sessionKey: string; now: string },
): Promise<LiveSession | null> {
  const key = parseKey(request.sessionKey);
  if (key === undefined) return null;
  const found = await findSessionUser(db, key.orgId, tokenHash(key.token), {
    now: request.now,
    idleSeconds: SESSION_POLICY.idleSeconds,
    touchSeconds: SESSION_POLICY.touchSeconds,
  });
  if (found === undefined) return null;
  return {
    user: sessionUser(found.user, found.org),
    orgId: key.orgId,
    csrfToken: csrfTokenOf(key.token),
  };
}

export async function signOut(db: Database, sessionKey: string): Promise<void> {
  const key = parseKey(sessionKey);
  if (key === undefined) return;
  await deleteSession(db, key.orgId, tokenHash(key.token));
}

/**
 * Changes one's own password: the current one must be right (a wrong one counts towards the
 * lock, so a borrowed session cannot guess it), the new one must meet the policy and differ.
 * The user's other sessions end; this one stays.
 */
export async function changeOwnPassword(
  db: Database,
  caller: Caller,
  request: { sessionKey: string; current: string; next: string; now: string },
): Promise<void> {
  const key = parseKey(request.sessionKey);
  const hash = await findPasswordHash(db, caller.orgId, caller.user.id);
  const actor = actorOf(caller);
  if (key === undefined || hash === undefined || !(await verifyPassword(request.current, hash))) {
    if (hash !== undefined) {
      const lockUntil = plusSeconds(request.now, SESSION_POLICY.lockSeconds);
      await db.transaction(actor, (tx) =>
        recordFailedLogin(tx, caller.orgId, caller.user.id, SESSION_POLICY.maxFailures, lockUntil),
      );
    }
    throw invalid('PASSWORD_WRONG', [{ field: 'current', message: '当前密码不正确' }]);
  }
  const problems = passwordProblems(request.next, caller.user.username).map((message) => ({ field: 'next', message }));
  if (request.next === request.current) problems.push({ field: 'next', message: '新密码不能与当前密码相同' });
  if (problems.length > 0) throw invalid('PASSWORD_POLICY', problems, `密码未修改：${problems[0]?.message}`);
  const next = await hashPassword(request.next);
  await db.transaction(actor, async (tx) => {
    await setPasswordHash(tx, caller.orgId, caller.user.id, next);
    await deleteUserSessions(tx, caller.orgId, caller.user.id, tokenHash(key.token));
  });
}
