import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { can, isRole, type Permission } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@taizhang/services';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './backend/backend.js';
import { type FuzzRequest, type Hints, requestsFor } from './fuzz.test-helpers.js';
import { SESSION_COOKIE } from './http/auth.js';
import { jsonTextProblem, textProblem } from './http/input-guard.js';
import { type ApiRoute, buildServer } from './server.js';
import { ADDRESS, demoServer, signIn } from './server.test-helpers.js';

/**
 * Every API route gets schema-derived wrong and edge inputs (fuzz.test-helpers.ts) from a
 * signed-in user allowed to call it, with its CSRF token: none may answer 500, every refusal
 * has the Error shape with a Chinese message, and every answer says Cache-Control: no-store.
 * `npm test` sends FUZZ_RUNS (30 by default) per route and engine; `npm run fuzz` 10,000.
 * FUZZ_SEED replays a run. Before them, the edge inputs of the issue one by one.
 */

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 30));
/** Requests in flight at once: sign-ins and password checks wait on scrypt and their deliberate delay, not the CPU. */
const CONCURRENCY = Math.max(1, Number(process.env.FUZZ_CONCURRENCY ?? 4));
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);

/** The routes as registered, from a server with no database behind it (for one test per route). */
async function registeredRoutes(): Promise<ApiRoute[]> {
  const offline: Backend = {
    engine: 'pglite',
    location: 'memory',
    alive: true,
    call: () => Promise.reject(new Error('no database here')),
    callJson: () => Promise.reject(new Error('no database here')),
    close: async () => undefined,
  } as unknown as Backend;
  const app = buildServer({ backend: offline, logger: false, webDist: '/nonexistent-web-dist' });
  await app.ready();
  const routes = [...app.apiRoutes];
  await app.close();
  // What ends a session or changes accounts goes last: it disturbs the other routes' users least there.
  const late = (r: ApiRoute) => (r.url.startsWith('/api/users') ? 2 : r.url.startsWith('/api/session') ? 1 : 0);
  return routes.sort((a, b) => late(a) - late(b));
}

const ROUTES = await registeredRoutes();

/** The account that acts on its own session and password (sign-out, password change): no other route uses it. */
const SPARE = DEMO_ACCOUNTS.at(-1)?.username as string;

/** The demo accounts allowed `permission`, one per role; none for a public route. */
function accountsFor(permission: string): string[] {
  if (permission === 'public') return [];
  if (permission === 'session') return [SPARE];
  const seen = new Set<string>();
  return DEMO_ACCOUNTS.filter((account) => {
    if (account.username === SPARE || seen.has(account.role) || !isRole(account.role)) return false;
    if (!can({ role: account.role, section: account.section ?? null }, permission as Permission)) return false;
    seen.add(account.role);
    return true;
  }).map((account) => account.username);
}

interface Signed {
  cookie: string;
  csrf: string;
}

/** Signed-in users, signed in again whenever an answer says the session has ended. */
class Sessions {
  private readonly signed = new Map<string, Promise<Signed>>();

  constructor(private readonly server: { app: FastifyInstance; backend: Backend; now: Date }) {}

  private async signIn(username: string): Promise<Signed | undefined> {
    const response = await this.server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: DEMO_PASSWORD },
      remoteAddress: ADDRESS,
    });
    if (response.statusCode !== 200) return undefined;
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    return { cookie, csrf: (response.json() as { csrfToken: string }).csrfToken };
  }

  of(username: string): Promise<Signed> {
    let session = this.signed.get(username);
    if (session === undefined) {
      session = this.signInSurely(username);
      this.signed.set(username, session);
      session.catch(() => this.signed.delete(username));
    }
    return session;
  }

  private async signInSurely(username: string): Promise<Signed> {
    // A fuzzed password change may have locked the account: wait the lock out on the server's clock;
    // a fuzzed account change may have disabled it: recreate the demo.
    let session = await this.signIn(username);
    if (session === undefined) {
      this.server.now = new Date(this.server.now.getTime() + 16 * 60_000);
      session = await this.signIn(username);
    }
    if (session === undefined) {
      await this.server.backend.call('recreateDemo', { actor: 'test' });
      this.server.app.forgetSessions();
      session = await this.signIn(username);
    }
    if (session === undefined) throw new Error(`cannot sign in as ${username}`);
    return session;
  }

  forget(username: string): void {
    this.signed.delete(username);
  }
}

/**
 * The only 503s a healthy server may give: PDF conversions refused while the bounded
 * LibreOffice queue is full, or timed out behind it. The database and the worker are up
 * throughout, so BACKEND_DOWN or the outage answer would be a fault.
 */
const LOAD_REFUSALS = new Set(['PDF_BUSY', 'PDF_TIMEOUT']);

function errorCode(response: LightMyRequestResponse): string {
  try {
    return String(response.json()?.error?.code);
  } catch {
    return 'not JSON';
  }
}

/** What is wrong with an answer, or undefined when it is right. */
function fault(response: LightMyRequestResponse): string | undefined {
  if (response.statusCode >= 500 && response.statusCode !== 503) return `status ${response.statusCode}`;
  if (response.statusCode === 503 && !LOAD_REFUSALS.has(errorCode(response)))
    return `503 ${response.body.slice(0, 200)}`;
  if (response.headers['cache-control'] !== 'no-store')
    return `cache-control ${String(response.headers['cache-control'])}`;
  if (response.statusCode < 400) return undefined;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = response.json();
  } catch {
    return 'refusal is not JSON';
  }
  const { code, message } = body.error ?? {};
  if (typeof code !== 'string' || typeof message !== 'string') return 'refusal lacks the Error shape';
  if (!/[\u4e00-\u9fff]/.test(message)) return `refusal message not in Chinese: ${message}`;
  return undefined;
}

const DECIMALS = ['12.35', '0', '-3', '100', '0.5', '1000000.25', '3.0'];
const PLAN_CURVE = ['5', '10', '18', '25', '33', '42', '50', '58', '67', '75', '88', '100'];

interface LedgerInfo {
  code: string;
  fields: { name: string; type: string; required: boolean; options?: { value: string }[] }[];
}

/** A ledger row's fields that its definition admits, with values of each field's type. */
function ledgerFields(info: LedgerInfo): fc.Arbitrary<Record<string, unknown>> {
  const date = fc
    .integer({ min: 0, max: 364 })
    .map((d) => new Date(Date.UTC(2021, 0, 1 + d)).toISOString().slice(0, 10));
  const byType = (field: LedgerInfo['fields'][number]): fc.Arbitrary<unknown> => {
    const options = field.options?.map((o) => o.value) ?? [];
    if (options.length > 0 && field.type !== 'list') return fc.constantFrom(...options);
    switch (field.type) {
      case 'date':
        return date;
      case 'datetime':
        return date.map((d) => `${d} 09:30`);
      case 'integer':
        return fc.integer({ min: 0, max: 1_000 });
      case 'decimal':
        return fc.oneof(fc.constantFrom(...DECIMALS), fc.integer({ min: 0, max: 10_000 }));
      case 'boolean':
        return fc.boolean();
      case 'list':
        return fc.array(options.length > 0 ? fc.constantFrom(...options) : fc.string({ minLength: 1, maxLength: 10 }), {
          maxLength: 3,
        });
      case 'object':
        return fc.constant({});
      default:
        return fc.string({ minLength: 1, maxLength: 20 });
    }
  };
  const entries = info.fields
    .filter((f) => f.name !== 'ref' && f.name !== 'section')
    .map(
      (f) => [f.name, f.required ? byType(f).map((v) => ({ v })) : fc.option(byType(f).map((v) => ({ v })))] as const,
    );
  return fc
    .tuple(...entries.map(([, a]) => a))
    .map((values) =>
      Object.fromEntries(
        values.flatMap((value, i) =>
          value === null ? [] : [[(entries[i] as readonly [string, unknown])[0], value.v]],
        ),
      ),
    );
}

/** The demo's codes, refs and ids, read through the API, for the fields that name them. */
async function demoHints(app: FastifyInstance, sessions: Sessions): Promise<Hints> {
  const get = async (username: string, url: string) => {
    const { cookie } = await sessions.of(username);
    const response = await app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const context = (await get('office', '/api/context')) as { sections: { code: string }[]; ledgers: LedgerInfo[] };
  const indicators = (
    (await get('office', '/api/indicators?year=2021&through=10')) as { indicators: { code: string }[] }
  ).indicators;
  const templates = (await get('office', '/api/templates')) as { code: string }[];
  const narratives = (await get('office', '/api/narratives?year=2021')) as { code: string }[];
  const users = (await get('admin', '/api/users')) as { id: string }[];
  const refs = new Map<string, string[]>();
  for (const ledger of context.ledgers) {
    const page = (await get('office', `/api/ledgers/${ledger.code}?limit=5`)) as { rows: { ref: string }[] };
    refs.set(
      ledger.code,
      page.rows.map((r) => r.ref),
    );
  }
  const ledgers = new Map(context.ledgers.map((l) => [l.code, l]));
  const codes = (route: ApiRoute) => {
    if (route.url.startsWith('/api/templates')) return templates.map((t) => t.code);
    if (route.url.startsWith('/api/narratives')) return narratives.map((n) => n.code);
    return indicators.map((i) => i.code);
  };
  return {
    values(route, field, params) {
      switch (field) {
        case 'ledger':
          return [...ledgers.keys()];
        case 'ref':
          // A new row's ref is anyone's guess; a path's names a row.
          return route.method === 'POST' ? undefined : refs.get(params.ledger ?? '');
        case 'code':
          return codes(route);
        case 'section':
          return context.sections.map((s) => s.code);
        case 'template':
          return templates.map((t) => t.code);
        case 'year':
          return [2020, 2021];
        case 'id':
          return users.map((u) => u.id);
        case 'version':
          return [1, 2];
        case 'table':
          return ['complaints', 'ledger_t1', 'users', 'indicator_values'];
        case 'actor':
          return ['office', 'planfin'];
        case 'value':
        case 'comparableBase':
        case 'amount':
        case 'growth':
          return DECIMALS;
        case 'planCurve':
          return [PLAN_CURVE];
        case 'format':
          // A PDF takes LibreOffice seconds; its inputs are the other formats'.
          return ['docx', 'md', 'html'];
        default:
          return undefined;
      }
    },
    freeForm(_route, field, params) {
      const info = ledgers.get(params.ledger ?? '');
      return info !== undefined && (field === 'fields' || field === 'changes') ? ledgerFields(info) : undefined;
    },
  };
}

interface Tally {
  inputs: number;
  statuses: Map<number, number>;
  failures: { request: FuzzRequest; status: number; fault: string; body: string }[];
}

const totals = {
  routes: new Set<string>(),
  inputs: 0,
  fivehundreds: 0,
  started: Date.now(),
  statuses: new Map<number, number>(),
};

describe('the input guard', () => {
  it('accepts every JSON text JSON.stringify writes (its numbers are exact as written) up to 32 levels deep, but for integers past 2^53', () => {
    // JSON.stringify writes such an integer below 10^21 as digits, which the guard refuses (next test).
    const digitsPastSafe = (value: unknown): boolean =>
      typeof value === 'number'
        ? Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21
        : typeof value === 'object' && value !== null && Object.values(value).some(digitsPastSafe);
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }).filter((value) => !digitsPastSafe(value)),
        (value) => {
          expect(jsonTextProblem(JSON.stringify(value))).toBeUndefined();
          expect(jsonTextProblem(JSON.stringify(value, null, 2))).toBeUndefined();
        },
      ),
    );
  });

  it('refuses an integer literal exactly when it is past 2^53, naming where it is', () => {
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.string({ maxLength: 5 }), (n, key) => {
        const text = `{"a":[0,{${JSON.stringify(key)}:${n}}]}`;
        // Past 2^53 even an integer JavaScript holds exactly (2^60, 10^23) is refused: it comes back in another spelling.
        const exact = n >= -safe && n <= safe;
        const problem = jsonTextProblem(text);
        expect(problem === undefined).toBe(exact);
        if (!exact) expect(problem).toContain(`a.1.${key} 的数字 ${n}`);
      }),
    );
    expect(jsonTextProblem('{"x":1e309}')).toContain('x 的数字 1e309 超出范围');
    expect(jsonTextProblem('[0.1e-400]')).toContain('0 的数字 0.1e-400 太接近 0');
    expect(jsonTextProblem('{"s":"9007199254740993","n":-0}')).toBeUndefined();
  });

  it('finds a NUL or a lone surrogate in any text or key, and nothing in text without them', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4, stringUnit: fc.constantFrom('a', '中', '😀', '\u0000', '\ud800', '\udc00') }),
        (value) => {
          // JSON.stringify escapes exactly these: a NUL as \u0000, half a surrogate pair as \udXXX.
          const text = JSON.stringify(value) ?? '';
          const broken = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i.test(text);
          expect(textProblem(value, '请求体') !== undefined).toBe(broken);
        },
      ),
    );
    expect(textProblem({ a: [{ b: 'x\u0000' }] }, '请求体')).toContain('a.0.b 中含有空字符');
  });
});

/** A built web app of one page and one hashed asset, to see that its caching is left alone. */
const WEB = mkdtempSync(join(tmpdir(), 'taizhang-web-'));
mkdirSync(join(WEB, 'assets'));
writeFileSync(join(WEB, 'index.html'), '<!DOCTYPE html><title>台账</title>');
writeFileSync(join(WEB, 'assets', 'index-abc123.js'), 'console.log(1)');

const COMPLAINT = { channel: '网络', receivedAt: '2021-11-03T08:00:00+08:00', category: '供水保障', summary: '停水' };

describe.each(testEngines())('fuzzed requests to every route on $name', (engine) => {
  const server = demoServer(engine, { webDist: WEB });
  let sessions: Sessions;
  let hints: Hints;
  beforeAll(async () => {
    sessions = new Sessions(server);
    hints = await demoHints(server.app, sessions);
  });

  /** Sends raw JSON text as office, with the session's CSRF token. */
  async function raw(method: 'POST' | 'PATCH' | 'PUT', url: string, payload: string) {
    const office = await signIn(server.app, 'office');
    return server.app.inject({
      method,
      url,
      payload,
      headers: {
        cookie: `${SESSION_COOKIE}=${office.cookie}`,
        'x-csrf-token': office.csrf,
        'content-type': 'application/json',
      },
      remoteAddress: ADDRESS,
    });
  }

  /** A 400 whose message is Chinese and names `field` (and `also`, when given). */
  function refused(response: LightMyRequestResponse, field: string, ...also: string[]) {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    const { message } = response.json().error as { message: string };
    for (const part of [field, ...also]) expect(message).toContain(part);
  }

  it('refuses numbers JavaScript cannot hold as written (1e309, past 2^53, too many digits), naming the field', async () => {
    const office = await signIn(server.app, 'office');
    const row = (await office.get('/api/ledgers/complaints?limit=1')).json().rows[0] as { ref: string };
    const rowUrl = `/api/ledgers/complaints/${encodeURIComponent(row.ref)}`;
    refused(
      await raw('PATCH', rowUrl, '{"version":9007199254740993,"changes":{}}'),
      'version',
      '9007199254740993',
      '精确范围',
    );
    refused(
      await raw('PATCH', rowUrl, '{"version":1,"changes":{"summary":1e309}}'),
      'changes.summary',
      '1e309',
      '超出范围',
    );
    refused(
      await raw('POST', '/api/ledgers/complaints', `{"ref":9007199254740993,"fields":${JSON.stringify(COMPLAINT)}}`),
      'ref',
    );
    refused(await raw('POST', '/api/ledgers/complaints', '{"fields":{"ref":-9007199254740993}}'), 'fields.ref');
    refused(
      await raw('PUT', '/api/targets/residential_average_price/2021', '{"planCurve":["1",12345678901234567.5]}'),
      'planCurve.1',
      '有效数字',
    );
    refused(await raw('PATCH', rowUrl, `{"version":1,"changes":${'['.repeat(40)}${']'.repeat(40)}}`), '嵌套过深');
    // In the query, the schema's coercion turns 1e309 and Infinity into Infinity: refused after it.
    refused(await office.get('/api/indicators?year=1e309'), 'year', '查询参数');
    refused(await office.get('/api/indicators?year=Infinity'), 'year');
    refused(await office.get('/api/ledgers/complaints?offset=1e21'), 'offset');
    // Quoted in a body, the same coercion: a version or a month given as the text "1e309".
    refused(await raw('PUT', '/api/templates/work-summary', '{"text":"x","version":"1e309"}'), 'version', '请求体');
    refused(await raw('POST', '/api/templates/preview', '{"text":"x","through":"Infinity"}'), 'through');
    // An offset as large as allowed is bound as a parameter and simply finds nothing.
    const far = await office.get('/api/ledgers/complaints?offset=2147483647');
    expect(far.statusCode).toBe(200);
    expect(far.json().rows).toEqual([]);
  });

  it('keeps a ref past 2^53 exact when it is sent as text', async () => {
    const created = await raw(
      'POST',
      '/api/ledgers/complaints',
      JSON.stringify({ ref: '9007199254740993', section: 'urbanbuild', fields: COMPLAINT }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().ref).toBe('9007199254740993');
    const office = await signIn(server.app, 'office');
    expect((await office.get('/api/ledgers/complaints/9007199254740993')).json().ref).toBe('9007199254740993');
  });

  it('refuses a NUL or half a surrogate pair anywhere in text: body, query and path', async () => {
    const office = await signIn(server.app, 'office');
    const row = (await office.get('/api/ledgers/complaints?limit=1')).json().rows[0] as {
      ref: string;
      version: number;
    };
    const rowUrl = `/api/ledgers/complaints/${encodeURIComponent(row.ref)}`;
    const nul = await office.send('PATCH', rowUrl, { version: row.version, changes: { summary: 'a\u0000b' } });
    refused(nul, 'changes.summary', '空字符');
    refused(
      await office.send('PATCH', rowUrl, { version: row.version, changes: { summary: 'x\ud800' } }),
      'changes.summary',
      '代理字符',
    );
    refused(
      await office.send('PATCH', rowUrl, { version: row.version, changes: { 'a\u0000': 1 } }),
      'changes',
      '空字符',
    );
    refused(await office.get('/api/ledgers/complaints?search=%00'), 'search', '查询参数');
    refused(await office.get('/api/ledgers/complaints/a%00b'), 'ref', '路径参数');
  });

  it('refuses impossible dates: 2021-02-30 and 2021-13-01 with 400 in a query, and as a row’s problem in a ledger field', async () => {
    const auditor = await signIn(server.app, 'auditor');
    refused(await auditor.get('/api/audit?from=2021-02-30'), 'from', '真实存在的日期');
    refused(await auditor.get('/api/audit/export?to=2021-13-01'), 'to', '真实存在的日期');
    expect((await auditor.get('/api/audit?from=2020-02-29&to=2021-02-28')).statusCode).toBe(200);
    // A row's fields are checked by the ledger's own rules: 422, naming the field among the row's problems.
    const office = await signIn(server.app, 'office');
    const row = await office.send('POST', '/api/ledgers/complaints', {
      ref: 'DATE-1',
      fields: { ...COMPLAINT, receivedAt: '2021-02-30' },
    });
    expect(row.statusCode).toBe(422);
    expect(JSON.stringify(row.json().error)).toContain('2021-02-30');
  });

  it('says Cache-Control: no-store on every API answer, and leaves the web app’s caching alone', async () => {
    const office = await signIn(server.app, 'office');
    for (const response of [
      await server.app.inject({ method: 'GET', url: '/api/health' }),
      await server.app.inject({ method: 'GET', url: '/api/indicators' }),
      await server.app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await office.get('/api/indicators?year=2021&through=10'),
      await office.get('/api/reports/download?year=2021&through=10&format=md'),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const asset = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await server.app.inject({ method: 'GET', url: '/ledgers' })).headers['cache-control']).toBe('no-cache');
  });

  it('shows a row’s history without addresses to every role that reads data; the auditor reads them in the audit trail', async () => {
    const office = await signIn(server.app, 'office');
    const row = (await office.get('/api/ledgers/complaints?limit=1')).json().rows[0] as { ref: string };
    for (const username of ['office', 'leader', 'urbanbuild']) {
      const history = await (await signIn(server.app, username)).get(
        `/api/ledgers/complaints/${encodeURIComponent(row.ref)}/history`,
      );
      expect(history.statusCode).toBe(200);
      expect(history.json().length).toBeGreaterThan(0);
      expect(history.json().some((change: object) => 'address' in change)).toBe(false);
    }
    const audit = await (await signIn(server.app, 'auditor')).get('/api/audit?table=users&limit=5');
    expect(audit.json().rows.some((r: { address: string | null }) => r.address === ADDRESS)).toBe(true);
  });

  /** Sends one request as `username` (none for a public route), the session's cookie and CSRF token with it. */
  async function send(request: FuzzRequest, username: string | undefined): Promise<LightMyRequestResponse | undefined> {
    const signed = username === undefined ? undefined : await sessions.of(username);
    const headers: Record<string, string> = {};
    if (signed !== undefined) {
      headers.cookie = `${SESSION_COOKIE}=${signed.cookie}`;
      headers['x-csrf-token'] = signed.csrf;
    }
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    let response: LightMyRequestResponse;
    try {
      response = await server.app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers,
        // the sign-in route's guesses come from elsewhere, so the throttle they meet is not the test users'
        remoteAddress: username === undefined ? '198.51.100.77' : ADDRESS,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
    } catch {
      // A URL no HTTP client could send (light-my-request refuses it before the server sees it).
      return undefined;
    }
    if (username !== undefined && (response.statusCode === 401 || request.method === 'DELETE'))
      sessions.forget(username);
    return response;
  }

  it.each(ROUTES.map((route) => ({ route, name: `${route.method} ${route.url}` })))(
    'answers $name without a 500',
    async ({ route }) => {
      const accounts = accountsFor(route.permission);
      const seed = SEED + ROUTES.indexOf(route);
      const requests = fc.sample(requestsFor(route, hints), { numRuns: RUNS, seed });
      const tally: Tally = { inputs: 0, statuses: new Map(), failures: [] };
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < requests.length; i = next++) {
          const request = requests[i] as FuzzRequest;
          const response = await send(request, accounts.length === 0 ? undefined : accounts[i % accounts.length]);
          if (response === undefined) continue;
          tally.inputs++;
          tally.statuses.set(response.statusCode, (tally.statuses.get(response.statusCode) ?? 0) + 1);
          const problem = fault(response);
          if (problem !== undefined) {
            tally.failures.push({
              request,
              status: response.statusCode,
              fault: problem,
              body: response.body.slice(0, 300),
            });
          }
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      // A long run (npm run fuzz) says how far it has got, route by route.
      if (RUNS >= 1_000) {
        const statuses = [...tally.statuses.entries()].map(([status, n]) => `${status}: ${n}`).join(', ');
        console.log(
          `${engine.name} ${route.method} ${route.url}: ${tally.inputs} inputs, ${Date.now() - started} ms; ${statuses}`,
        );
      }
      totals.routes.add(`${route.method} ${route.url}`);
      totals.inputs += tally.inputs;
      totals.fivehundreds += tally.failures.filter((f) => f.status === 500).length;
      for (const [status, n] of tally.statuses) totals.statuses.set(status, (totals.statuses.get(status) ?? 0) + n);
      const shown = tally.failures.slice(0, 5).map((f) => ({
        ...f,
        request: { ...f.request, payload: f.request.payload?.slice(0, 200), url: f.request.url.slice(0, 200) },
      }));
      expect(shown, `seed ${seed} (FUZZ_SEED=${SEED}); ${tally.failures.length} faults`).toEqual([]);
      // Most inputs reached the route, and the worker is still there after them.
      expect(tally.inputs).toBeGreaterThan(RUNS * 0.8);
      expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    },
    RUNS * 250 + 60_000,
  );
});

afterAll(() => {
  if (totals.routes.size === 0) return;
  const seconds = Math.round((Date.now() - totals.started) / 1000);
  const statuses = [...totals.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  console.log(
    `fuzz: ${totals.routes.size} routes × ${RUNS} inputs per engine, ${totals.inputs} requests, ` +
      `${totals.fivehundreds} answered 500, ${seconds} s (seed ${SEED}); statuses ${statuses.join(', ')}`,
  );
});
