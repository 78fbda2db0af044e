import { Type } from '@sinclair/typebox';
import type { BodyOf } from '../kit.js';
import { body, NoContent, ref, route } from '../kit.js';
import { Session } from '../shapes.js';

/** 登录: sign in and out, the current session, one's own password (docs/api.md, "Session"). */

export const signIn = route({
  method: 'POST',
  url: '/api/session',
  schema: {
    tags: ['登录'],
    summary:
      '登录：用户名和密码正确时设置会话 Cookie（tz_session）并返回用户和 CSRF 令牌；任何失败都答 401 LOGIN_FAILED，多次失败后逐次延迟',
    body: body({
      username: Type.String({ minLength: 1, maxLength: 64 }),
      password: Type.String({ minLength: 1, maxLength: 256 }),
      org: Type.Optional(Type.String({ maxLength: 64, description: '单位代码；数据库中只有一个区县单位时可省略' })),
    }),
    response: { 200: ref(Session) },
  },
});

export const currentSession = route({
  method: 'GET',
  url: '/api/session',
  schema: { tags: ['登录'], summary: '当前登录用户和本会话的 CSRF 令牌', response: { 200: ref(Session) } },
});

export const signOut = route({
  method: 'DELETE',
  url: '/api/session',
  schema: { tags: ['登录'], summary: '退出登录', response: { 204: NoContent } },
});

export const changePassword = route({
  method: 'PUT',
  url: '/api/session/password',
  schema: {
    tags: ['登录'],
    summary: '修改本人密码；本人其他会话随之失效',
    body: body({
      current: Type.String({ minLength: 1, maxLength: 256 }),
      next: Type.String({ minLength: 1, maxLength: 256 }),
    }),
    response: { 204: NoContent },
  },
});

// What the web app names of these routes.
export type SignInInput = BodyOf<typeof signIn>;
export type PasswordChange = BodyOf<typeof changePassword>;
