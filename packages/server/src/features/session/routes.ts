import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { ApiError } from '../../http/api-error.js';
import { callerOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../http/auth.js';
import { httpRefusal } from '../../http/http-refusals.js';
import type { LoginThrottle } from '../../http/login-throttle.js';

export interface SessionDeps {
  backend: Backend;
  clock: () => Date;
  throttle: LoginThrottle;
}

/**
 * The one answer to every refused sign-in — unknown name, wrong password, locked or disabled
 * account — so that it tells a guesser nothing; only signin_failures (for the security
 * officer and the auditor) says which it was.
 */
const { code, message } = httpRefusal('LOGIN_FAILED', {});
export const SIGN_IN_REFUSED = { code, message } as const;

/** A session lasts at most 12 hours (the service ends it sooner after 30 idle minutes). */
const COOKIE_MAX_AGE = 12 * 60 * 60;

const routes = api.session;

/** 登录: sign in and out, the current session, one's own password (docs/api.md, "Session"). */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionDeps> = async (app, { backend, clock, throttle }) => {
  app.route({
    ...routes.signIn,
    config: { permission: 'public' },
    handler: async (request, reply) => {
      // One answer for every refusal (SIGN_IN_REFUSED): the status, body and headers of an
      // unknown name, a wrong password and a locked account are the same, after the same work.
      const refused = () => ApiError.of('LOGIN_FAILED', {});
      const turn = throttle.admit(request.body.username, request.ip);
      if (turn.waitMs > 0) await throttle.sleep(turn.waitMs);
      const started = performance.now();
      const now = clock().toISOString();
      if (!turn.check) {
        await backend.call('recordThrottledSignIn', {
          org: request.body.org,
          username: request.body.username,
          address: request.ip,
          now,
        });
        await throttle.padRefusal(started);
        throw refused();
      }
      const result = await backend.call('signIn', {
        ...request.body,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now,
      });
      if (!result.ok) {
        turn.failed(result.familiar);
        await throttle.padRefusal(started);
        throw refused();
      }
      turn.succeeded();
      const { signedIn } = result;
      setSessionCookie(request, reply, signedIn.sessionKey, COOKIE_MAX_AGE);
      return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
    },
  });

  app.route({
    ...routes.currentSession,
    config: { permission: 'session' },
    handler: async (request) => {
      const session = request.session;
      if (session === null) throw new Error('no session behind the permission check');
      return { user: session.user, csrfToken: session.csrfToken };
    },
  });

  app.route({
    ...routes.signOut,
    config: { permission: 'session', unaudited: '退出登录只删除会话记录（会话不入审计），不改动任何业务数据' },
    handler: async (request, reply) => {
      await backend.call('signOut', { sessionKey: request.cookies[SESSION_COOKIE] ?? '' });
      app.forgetSessions();
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  });

  app.route({
    ...routes.changePassword,
    config: { permission: 'session' },
    handler: async (request, reply) => {
      try {
        await backend.call('changePassword', {
          caller: callerOf(request),
          sessionKey: request.cookies[SESSION_COOKIE] ?? '',
          ...request.body,
          now: clock().toISOString(),
        });
      } finally {
        // The user's other sessions have ended (or, after wrong guesses, the account is locked).
        app.forgetSessions();
      }
      return reply.status(204).send();
    },
  });
};
