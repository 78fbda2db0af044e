import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { ApiError } from '../http/api-error.js';
import { callerOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/auth.js';
import type { LoginThrottle } from '../http/login-throttle.js';
import { ref } from '../http/schemas.js';

export interface SessionDeps {
  backend: Backend;
  clock: () => Date;
  throttle: LoginThrottle;
}

/** A session lasts at most 12 hours (the service ends it sooner after 30 idle minutes). */
const COOKIE_MAX_AGE = 12 * 60 * 60;

/** 登录: sign in and out, the current session, one's own password (docs/api.md, "Session"). */
export async function sessionRoutes(app: FastifyInstance, { backend, clock, throttle }: SessionDeps) {
  app.post<{ Body: { username: string; password: string; org?: string } }>(
    '/api/session',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['登录'],
        summary: '登录：用户名和密码正确时设置会话 Cookie（tz_session）并返回用户和 CSRF 令牌',
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 256 },
            org: { type: 'string', maxLength: 64, description: '单位代码；数据库中只有一个区县单位时可省略' },
          },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: { 200: ref('Session') },
      },
    },
    async (request, reply) => {
      const now = clock();
      if (throttle.blocked(request.ip, now.getTime())) {
        const minutes = Math.ceil((throttle.until(request.ip) - now.getTime()) / 60_000);
        throw ApiError.of(429, 'TOO_MANY_ATTEMPTS', `本机登录失败次数过多，请 ${minutes} 分钟后再试`);
      }
      try {
        const signedIn = await backend.call('signIn', {
          ...request.body,
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          now: now.toISOString(),
        });
        throttle.succeed(request.ip);
        setSessionCookie(request, reply, signedIn.sessionKey, COOKIE_MAX_AGE);
        return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 423)) {
          throttle.fail(request.ip, now.getTime());
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/session',
    {
      config: { permission: 'session' },
      schema: { tags: ['登录'], summary: '当前登录用户和本会话的 CSRF 令牌', response: { 200: ref('Session') } },
    },
    async (request) => {
      const session = request.session;
      if (session === null) throw new Error('no session behind the permission check');
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/api/session',
    {
      config: { permission: 'session', unaudited: '退出登录只删除会话记录（会话不入审计），不改动任何业务数据' },
      schema: { tags: ['登录'], summary: '退出登录', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await backend.call('signOut', { sessionKey: request.cookies[SESSION_COOKIE] ?? '' });
      app.forgetSessions();
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.put<{ Body: { current: string; next: string } }>(
    '/api/session/password',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['登录'],
        summary: '修改本人密码；本人其他会话随之失效',
        body: {
          type: 'object',
          properties: {
            current: { type: 'string', minLength: 1, maxLength: 256 },
            next: { type: 'string', minLength: 1, maxLength: 256 },
          },
          required: ['current', 'next'],
          additionalProperties: false,
        },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
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
  );
}
