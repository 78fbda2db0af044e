import { timingSafeEqual } from 'node:crypto';
import { can, PERMISSIONS, type Permission, ROLES, sectionScope } from '@taizhang/core';
import type { Caller, LiveSession } from '@taizhang/services';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { ApiError } from './api-error.js';
import { SessionCache } from './session-cache.js';

/**
 * Who may call what: every API route declares the permission it needs (core/access) in
 * `config.permission`, or 'public'; a route that declares none fails to register, so no
 * route is ever open by accident. The check runs as the request arrives, before its body is
 * read: a live session (401), for a write its CSRF token (403 CSRF_INVALID), then the
 * permission (403 FORBIDDEN).
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** what the signed-in user must be allowed, or 'public' for no sign-in at all */
    permission?: Permission | 'public';
    /**
     * Why a write route (POST/PUT/PATCH/DELETE) changes nothing on the audit trail, when it
     * does not (a preview, signing out); every other write route is held by a test to leave
     * an audit record.
     */
    unaudited?: string;
  }
  interface FastifyInstance {
    /** Forgets the sessions cached for reads: call after signing out, or changing a password or an account. */
    forgetSessions(): void;
  }
  interface FastifyRequest {
    /** the signed-in user, their organisation and address; set by the permission check */
    caller: Caller | null;
    /** the session behind `caller` */
    session: LiveSession | null;
  }
}

export const SESSION_COOKIE = 'tz_session';

/** Methods that change nothing, and so need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes under /api that are not the API's own: the OpenAPI page and its assets (a plugin's routes). */
export function isApiRoute(url: string): boolean {
  return (url === '/api' || url.startsWith('/api/')) && !url.startsWith('/api/docs');
}

/** Compares in constant time, so the answer's timing does not reveal how much of a guess was right. */
function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/api',
    httpOnly: true,
    sameSite: 'strict',
    // behind a proxy, request.protocol follows X-Forwarded-Proto only when the proxy is trusted (trustProxy)
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/api' });
}

/** The caller of a route behind a permission; a handler reached without one is a bug. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null) throw new Error(`${request.method} ${request.url} reached its handler without a caller`);
  return request.caller;
}

/** The one section the caller's `permission` is confined to (a clerk's own), or null for every section. */
export function scopeOf(caller: Caller, permission: Permission): string | null {
  return sectionScope({ role: caller.user.role, section: caller.user.section?.code ?? null }, permission);
}

/** The live session behind a key: for a read, one looked up moments ago; for a write, always afresh. */
async function lookUp(
  sessionKey: string,
  write: boolean,
  backend: Backend,
  sessions: SessionCache,
  clock: () => Date,
): Promise<LiveSession | null> {
  const now = clock();
  const cached = write ? undefined : sessions.get(sessionKey, now);
  if (cached !== undefined) return cached;
  const session = await backend.call('findSession', { sessionKey, now: now.toISOString() });
  if (session !== null) sessions.set(sessionKey, session, now);
  return session;
}

function guard(
  permission: Permission | 'public',
  backend: Backend,
  sessions: SessionCache,
  clock: () => Date,
): onRequestHookHandler {
  return async (request, reply) => {
    if (permission === 'public') return;
    const sessionKey = request.cookies[SESSION_COOKIE];
    const write = !SAFE_METHODS.has(request.method);
    const session = sessionKey ? await lookUp(sessionKey, write, backend, sessions, clock) : null;
    if (session === null) {
      if (sessionKey) clearSessionCookie(reply);
      throw ApiError.of('UNAUTHENTICATED', {});
    }
    if (write && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      throw ApiError.of('CSRF_INVALID', {});
    }
    if (!can({ role: session.user.role, section: session.user.section?.code ?? null }, permission)) {
      throw ApiError.of('FORBIDDEN', { role: ROLES[session.user.role], what: PERMISSIONS[permission] });
    }
    request.session = session;
    request.caller = { orgId: session.orgId, user: session.user, address: request.ip };
  };
}

/**
 * Adds the permission check to every API route registered after it, and refuses to
 * register an API route that declares no permission.
 */
export function requirePermissions(app: FastifyInstance, backend: Backend, clock: () => Date): void {
  const sessions = new SessionCache();
  app.decorate('forgetSessions', () => sessions.clear());
  app.decorateRequest('caller', null);
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    const permission = route.config?.permission;
    if (permission === undefined || (permission !== 'public' && !Object.hasOwn(PERMISSIONS, permission))) {
      throw new Error(`${String(route.method)} ${route.url} declares no permission (config.permission)`);
    }
    // On request, before the body is even parsed: who may not call a route learns nothing of its schema.
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [guard(permission, backend, sessions, clock), ...own];
  });
}
