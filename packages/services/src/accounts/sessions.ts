import { createHash, randomBytes } from 'node:crypto';
import { grantsFor, isRole } from '@taizhang/core';
import {
  type Database,
  deleteEndedSessions,
  deleteSession,
  deleteUserSessions,
  findOrganisation,
  findPasswordHash,
  findSessionUser,
  findSignInAccount,
  insertSession,
  insertSignInFailure,
  type OrganisationRow,
  recordFailedLogin,
  recordLogin,
  rememberSignInAddress,
  type SignInFailureReason,
  setPasswordHash,
  type UserRow,
} from '@taizhang/db';
import { resolveOrganisation } from '../organisation.js';
import { refuseField, refuseForm } from '../refusals.js';
import { UserError } from '../user-error.js';
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
  /** consecutive wrong passwords, from addresses the account never signed in from, that lock it … */
  maxFailures: 5,
  /** … against those addresses for this long (15 minutes) */
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
    grants: grantsFor({ role: row.role, section: row.section?.code ?? null }),
  };
}

const plusSeconds = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();

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

/**
 * A sign-in's outcome. A refusal carries nothing the client may see (the shell gives every
 * refusal one and the same answer); `familiar` — whether the name is an account that has
 * signed in from this address before — is for the shell's throttle, which spares such a user
 * the delay an address's other failures earn.
 */
export type SignInResult = { ok: true; signedIn: SignedIn } | { ok: false; familiar: boolean };

async function signInOrganisation(db: Database, code: string | undefined): Promise<OrganisationRow | undefined> {
  if (code !== undefined) return findOrganisation(db, code);
  // The only district, as the command line chooses; none or several leave nobody to sign in to.
  return resolveOrganisation(db).catch((error: unknown) => {
    // A database out of reach is not "nobody to sign in to": it must not answer as a wrong password.
    if (error instanceof UserError) return undefined;
    throw error;
  });
}

/** A typed name as the trail keeps it: no control characters (PostgreSQL text refuses NUL), at most 64 characters. */
function typedName(username: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return [...username.replace(/[\u0000-\u001f\u007f]/g, '\ufffd')].slice(0, 64).join('');
}

/**
 * Signs a user in. Every refusal — an unknown name, a disabled account, a locked one, a wrong
 * password — costs the same: the account is looked up by one query whether it exists or not,
 * exactly one scrypt verification runs (against a decoy hash when there is no account), and
 * one row is written to signin_failures (audited) saying which it was.
 *
 * The lock (SESSION_POLICY): five wrong passwords in a row from addresses the account has
 * never signed in from lock it for 15 minutes against every such address; the addresses it
 * has signed in from (signin_addresses) are not locked out, and their wrong passwords do not
 * count towards the lock (the shell's throttle slows them instead). So a stranger's guesses
 * cannot lock the holder out of their office.
 */
export async function signIn(db: Database, request: SignInRequest): Promise<SignInResult> {
  const org = await signInOrganisation(db, request.org);
  const found = org && (await findSignInAccount(db, org.id, request.username, request.address));
  // Computed once per process, awaited by every attempt: the first unknown name costs no more than the first known one.
  const decoy = await decoyHash();
  const verified = await verifyPassword(request.password, found?.hash ?? decoy);
  const user = found?.user;
  const familiar = found?.familiar === true;
  const lockedUntil = user?.lockedUntil ?? null;
  const locked = lockedUntil !== null && Date.parse(lockedUntil) > Date.parse(request.now) && !familiar;
  const reason: SignInFailureReason | undefined =
    user === undefined
      ? 'unknown'
      : user.disabled
        ? 'disabled'
        : locked
          ? 'locked'
          : !verified || found?.hash === null
            ? 'wrong'
            : undefined;
  if (org === undefined) return { ok: false, familiar: false };
  const username = typedName(request.username);
  if (reason !== undefined || user === undefined) {
    // Nobody is signed in: the actor is the name as typed, the address where it came from.
    const actor = { name: `signin:${username}`, address: request.address ?? undefined };
    await db.transaction(actor, async (tx) => {
      let lockedNow = false;
      if (reason === 'wrong' && user !== undefined && !familiar) {
        const lockUntil = plusSeconds(request.now, SESSION_POLICY.lockSeconds);
        const counted = await recordFailedLogin(tx, org.id, user.id, SESSION_POLICY.maxFailures, lockUntil);
        lockedNow = counted.failedAttempts === 0 && counted.lockedUntil !== null;
      }
      await insertSignInFailure(tx, org.id, {
        at: request.now,
        username,
        userId: user?.id ?? null,
        address: request.address,
        reason: reason ?? 'wrong',
        locked: lockedNow,
      });
    });
    return { ok: false, familiar };
  }
  const actor = { name: `signin:${user.username}`, address: request.address ?? undefined, userId: user.id };
  const token = randomBytes(32).toString('base64url');
  const expiresAt = plusSeconds(request.now, SESSION_POLICY.absoluteSeconds);
  await db.transaction(actor, async (tx) => {
    await recordLogin(tx, org.id, user.id, request.now, request.address);
    if (request.address !== null) await rememberSignInAddress(tx, org.id, user.id, request.address, request.now);
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
    ok: true,
    signedIn: {
      user: sessionUser(user, { code: org.code, name: org.name }),
      sessionKey: `${org.id}.${token}`,
      csrfToken: csrfTokenOf(token),
      expiresAt,
    },
  };
}

/**
 * Records a sign-in refused unchecked (the shell's throttle had too many attempts waiting for
 * one name or address): no password was tried, but the attempt is on the trail like any other.
 */
export async function recordThrottledSignIn(
  db: Database,
  request: { org?: string | undefined; username: string; address: string | null; now: string },
): Promise<void> {
  const org = await signInOrganisation(db, request.org);
  if (org === undefined) return;
  const username = typedName(request.username);
  await db.transaction({ name: `signin:${username}`, address: request.address ?? undefined }, (tx) =>
    insertSignInFailure(tx, org.id, {
      at: request.now,
      username,
      userId: null,
      address: request.address,
      reason: 'throttled',
      locked: false,
    }),
  );
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
    throw refuseField('PASSWORD_WRONG', 'current', {});
  }
  const problems = passwordProblems(request.next, caller.user.username).map((message) => ({ field: 'next', message }));
  if (request.next === request.current) problems.push({ field: 'next', message: '新密码不能与当前密码相同' });
  if (problems.length > 0) throw refuseForm('PASSWORD_POLICY', problems, {});
  const next = await hashPassword(request.next);
  await db.transaction(actor, async (tx) => {
    await setPasswordHash(tx, caller.orgId, caller.user.id, next);
    await deleteUserSessions(tx, caller.orgId, caller.user.id, tokenHash(key.token));
  });
}
