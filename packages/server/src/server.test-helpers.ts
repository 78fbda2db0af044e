import { createScratchPostgres, type TestEngine } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type Backend, startBackend } from './backend/backend.js';
import { SESSION_COOKIE } from './http/auth.js';
import { LoginThrottle } from './http/login-throttle.js';
import { buildServer } from './server.js';

/** A backend with no database behind it: for what needs none (the routes as declared, the OpenAPI document). */
export const offlineBackend: Backend = {
  engine: 'pglite',
  location: 'memory',
  alive: true,
  call: () => Promise.reject(new Error('no database in these tests')),
  callJson: () => Promise.reject(new Error('no database in these tests')),
  close: async () => undefined,
};

/**
 * A server over a fresh database of `engine` holding the demo district and its accounts,
 * for the enclosing `describe`. The worker runs the built backend (dist/): `npm test` builds
 * first. `clock` is the server's clock; tests may move `now`. A sign-in the throttle delays
 * does not wait: the delay is recorded in `waits` and moves `now` on, as waiting would.
 * `trustProxy` is the server's `--trust-proxy` list.
 */
export function demoServer(engine: TestEngine, options: { webDist?: string; trustProxy?: string } = {}) {
  const state = {
    now: new Date('2021-11-05T02:00:00Z'),
    waits: [] as number[],
  } as { app: FastifyInstance; backend: Backend; now: Date; waits: number[] };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let url: string | undefined;
    if (engine.name === 'postgres') {
      const scratch = await createScratchPostgres(process.env.DATABASE_URL as string);
      url = scratch.url;
      drop = scratch.drop;
    }
    state.backend = await startBackend(url ? { url } : { memory: true });
    await state.backend.call('recreateDemo', { actor: 'test' });
    state.app = buildServer({
      backend: state.backend,
      logger: false,
      clock: () => state.now,
      loginThrottle: new LoginThrottle({
        clock: () => state.now.getTime(),
        // refusals at once: the timing of refusals is signin.test.ts's business
        refusalFloorMs: 0,
        sleep: async (ms) => {
          state.waits.push(ms);
          state.now = new Date(state.now.getTime() + ms);
        },
      }),
      webDist: options.webDist ?? '/nonexistent-web-dist',
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    });
    await state.app.ready();
  });
  afterAll(async () => {
    await state.app?.close();
    await state.backend?.close();
    await drop?.();
  });
  return state;
}

/** A signed-in browser: its cookie and CSRF token, and requests that carry them. */
export interface Browser {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** POSTs a file as the body itself, as a page uploads one */
  upload(url: string, body: Buffer, contentType: string): Promise<LightMyRequestResponse>;
}

export const ADDRESS = '192.0.2.10';

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Browser> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    remoteAddress: ADDRESS,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (cookie === undefined) throw new Error('no session cookie');
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie: `${SESSION_COOKIE}=${cookie.value}` };
  return {
    cookie: cookie.value,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers, remoteAddress: ADDRESS }),
    send: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: { ...headers, 'x-csrf-token': csrf },
        remoteAddress: ADDRESS,
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    upload: (url, body, contentType) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'x-csrf-token': csrf, 'content-type': contentType },
        remoteAddress: ADDRESS,
        payload: body,
      }),
  };
}

/**
 * The administrator's request for a new account (POST /api/users): 赵六, a clerk of 村镇建设股,
 * unless `fields` say otherwise (`section: undefined` leaves the section out).
 */
export function proposeAccount(admin: Browser, fields: Record<string, string | undefined> = {}) {
  const account = {
    username: 'zhaoliu',
    displayName: '赵六',
    role: 'clerk',
    section: 'villages',
    password: 'Zhaoliu@2021',
  };
  const body = Object.fromEntries(Object.entries({ ...account, ...fields }).filter(([, v]) => v !== undefined));
  return admin.send('POST', '/api/users', body);
}

/** 赵六's name written in other letters, for another person: names are unique whatever their case. */
export const SAME_NAME_OTHER_CASE = { username: 'ZhaoLiu', displayName: '同名', role: 'office', section: undefined };

/** A complaint (群众投诉) of 城市建设股 as the web app adds one (POST /api/ledgers/complaints). */
export function newComplaint(ref: string) {
  return {
    ref,
    fields: {
      section: 'urbanbuild',
      channel: '网络',
      receivedAt: '2021-11-03T08:00:00+08:00',
      category: '供水保障',
      summary: '停水',
    },
  };
}
