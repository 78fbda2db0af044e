import { testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_REFUSED } from '../features/session/routes.js';
import { buildServer } from '../server.js';
import { ADDRESS, type Browser, demoServer, signIn } from '../server.test-helpers.js';
import { delayAfter, LoginThrottle, THROTTLE_POLICY } from './login-throttle.js';

/**
 * Sign-in refusals (docs/api.md, "Session"): an unknown name, a wrong password and a locked
 * account answer alike, in the same time; every refusal is on the audit trail; delays slow
 * guessing without locking anyone out; a stranger cannot lock an account's holder out.
 */

const CLERKS = ['planfin', 'realestate', 'construction', 'housing', 'urbanbuild', 'villages', 'quality', 'sanitation'];

/** What a client can compare between two answers: all but the Date header. */
function visible(response: LightMyRequestResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface FailureRow {
  username: string;
  account: string | null;
  address: string | null;
  reason: string;
  locked: boolean;
}

async function failures(security: Browser, username?: string): Promise<FailureRow[]> {
  const query = username === undefined ? '' : `&username=${username}`;
  const page = await security.get(`/api/users/signin-failures?limit=500${query}`);
  expect(page.statusCode).toBe(200);
  return page.json().rows;
}

describe('the sign-in throttle', () => {
  it('delays 1 s, 2 s, 4 s, … up to 30 s after 3 failures of a name from one address', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => delayAfter(n, THROTTLE_POLICY.pairFree))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('spreads a burst of simultaneous guesses out as a sequence, and answers past two minutes of queue unchecked', () => {
    const throttle = new LoginThrottle({ clock: () => 0 });
    const turns = Array.from({ length: 11 }, () => throttle.admit('admin', '203.0.113.1'));
    expect(turns.map((t) => t.waitMs)).toEqual([
      0,
      0,
      0,
      1_000,
      3_000,
      7_000,
      15_000,
      31_000,
      61_000,
      91_000,
      THROTTLE_POLICY.maxDelayMs,
    ]);
    expect(turns.map((t) => t.check)).toEqual([...Array(10).fill(true), false]);
  });

  it('keys delays by the name as typed, never by whether an account holds it', () => {
    const throttle = new LoginThrottle({ clock: () => 0 });
    const waits = (name: string, address: string) =>
      Array.from({ length: 6 }, () => {
        const turn = throttle.admit(name, address);
        turn.failed(false);
        return turn.waitMs;
      });
    expect(waits('nobody-at-all', '203.0.113.2')).toEqual(waits('admin', '203.0.113.3'));
  });

  it('spares a name that signed in from an address the delays the address’s other failures earned', () => {
    let now = 0;
    const throttle = new LoginThrottle({ clock: () => now });
    throttle.admit('planfin', '198.18.0.1').succeeded();
    for (let i = 0; i < 25; i++) throttle.admit(`guess${i}`, '198.18.0.1').failed(false);
    expect(throttle.admit('quality', '198.18.0.1').waitMs).toBeGreaterThan(0);
    expect(throttle.admit('planfin', '198.18.0.1').waitMs).toBe(0);
    // 15 minutes after the last failure, the address is forgotten.
    now += THROTTLE_POLICY.forgetMs + THROTTLE_POLICY.maxQueueMs;
    expect(throttle.admit('quality', '198.18.0.1').waitMs).toBe(0);
  });
});

describe.each(testEngines())('sign-in refusals on $name', (engine) => {
  const server = demoServer(engine);
  const post = (username: string, password: string, remoteAddress: string) =>
    server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });
  let nextAddress = 0;
  /** An address no attempt has come from: no delay applies. */
  const fresh = () => {
    nextAddress++;
    return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
  };

  it('answers an unknown name, a wrong password and a locked account alike, in the same median time, and audits each', async () => {
    // leader is locked against strangers by five wrong passwords from addresses it never signed in from.
    for (let i = 0; i < 5; i++) expect((await post('leader', 'Wrong@password1', fresh())).statusCode).toBe(401);
    // A server as production builds it: its own throttle, waiting in real time, with the refusal floor.
    const timed = buildServer({
      backend: server.backend,
      logger: false,
      clock: () => server.now,
      webDist: '/nonexistent-web-dist',
    });
    const attempt = (username: string, password: string) =>
      timed.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: fresh() });
    const kinds = {
      unknown: (i: number) => attempt(`nobody${i}`, 'Wrong@password1'),
      // four tries per clerk at most: none of them reaches the lock
      wrong: (i: number) => attempt(CLERKS[i % CLERKS.length] as string, 'Wrong@password1'),
      locked: (_i: number) => attempt('leader', DEMO_PASSWORD),
    };
    type Kind = keyof typeof kinds;
    const order = Object.keys(kinds) as Kind[];
    const times: Record<Kind, number[]> = { unknown: [], wrong: [], locked: [] };
    const answers: Record<Kind, ReturnType<typeof visible>[]> = { unknown: [], wrong: [], locked: [] };
    // One untimed round first: the decoy hash is made on first use.
    const ROUNDS = 30;
    try {
      for (const kind of order) answers[kind].push(visible(await kinds[kind](ROUNDS)));
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, in a different order each round, so that drift in the machine's load falls on all three alike.
        const rotated = [...order.slice(round % 3), ...order.slice(0, round % 3)];
        for (const kind of round % 2 === 0 ? rotated : rotated.reverse()) {
          const started = process.hrtime.bigint();
          const response = await kinds[kind](round);
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
          answers[kind].push(visible(response));
        }
      }
    } finally {
      await timed.close();
    }
    const reference = answers.unknown[0];
    expect(reference).toMatchObject({ status: 401, body: JSON.stringify({ error: SIGN_IN_REFUSED }) });
    for (const kind of order) for (const answer of answers[kind]) expect(answer, kind).toEqual(reference);
    const medians = Object.fromEntries(order.map((kind) => [kind, median(times[kind])])) as Record<Kind, number>;
    console.info(`sign-in refusal medians on ${engine.name} (ms):`, medians);
    for (const a of order)
      for (const b of order) expect(Math.abs(medians[a] - medians[b]), `${a} vs ${b}`).toBeLessThan(20);

    // Every refusal is on the audit trail, for the auditor, and in the security officer's list.
    const expected = { unknown: ROUNDS + 1, wrong: ROUNDS + 1, locked: ROUNDS + 1 };
    const auditor = await signIn(server.app, 'auditor');
    const trail = (await auditor.get('/api/audit?table=signin_failures&limit=500')).json();
    const reasons = (rows: { reason: string }[]) =>
      rows.reduce<Record<string, number>>((n, r) => Object.assign(n, { [r.reason]: (n[r.reason] ?? 0) + 1 }), {});
    const audited = trail.rows.map((r: { after: { reason: string } }) => r.after);
    expect(reasons(audited)).toEqual({ ...expected, wrong: expected.wrong + 5 });
    expect(trail.rows[0]).toMatchObject({ action: 'insert', tableName: '登录失败记录' });
    expect(trail.rows.find((r: { after: { username: string } }) => r.after.username === 'nobody3')).toMatchObject({
      actor: 'signin:nobody3',
      address: expect.stringMatching(/^10\./),
    });
    const security = await signIn(server.app, 'security');
    const listed = await failures(security);
    expect(reasons(listed)).toEqual(reasons(audited));
    expect(listed.filter((f) => f.account === 'leader' && f.locked)).toHaveLength(1);
  }, 240_000);

  it('lets no stranger lock the administrator out of the office: the lock holds against strange addresses only', async () => {
    await signIn(server.app, 'admin');
    const stranger = () => `203.0.113.${++nextAddress % 250}`;
    for (let i = 0; i < 10; i++) expect((await post('admin', 'Guess@password1', stranger())).statusCode).toBe(401);
    expect((await post('admin', DEMO_PASSWORD, stranger())).statusCode).toBe(401);
    // The office's usual address signs in all the same.
    expect((await post('admin', DEMO_PASSWORD, ADDRESS)).statusCode).toBe(200);

    const security = await signIn(server.app, 'security');
    const locked = (await security.get('/api/users')).json().find((u: { username: string }) => u.username === 'admin');
    expect(Date.parse(locked.lockedUntil)).toBeGreaterThan(server.now.getTime());
    const admins = await failures(security, 'admin');
    expect(admins.filter((f) => f.locked)).toHaveLength(1);
    expect(admins.some((f) => f.reason === 'locked')).toBe(true);

    const unlocked = await security.send('POST', `/api/users/${locked.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await post('admin', DEMO_PASSWORD, stranger())).statusCode).toBe(200);
    const auditor = await signIn(server.app, 'auditor');
    const trail = (await auditor.get('/api/audit?table=users&actor=security')).json();
    expect(trail.rows[0]).toMatchObject({ actor: 'security', address: ADDRESS, after: { locked_until: null } });
  });

  it('slows, never blocks, an office behind one address: 20 failures there lock nobody out', async () => {
    const office = '198.18.0.1';
    expect((await post('planfin', DEMO_PASSWORD, office)).statusCode).toBe(200);
    const waited = server.waits.length;
    for (let i = 0; i < 20; i++) expect((await post(`typo${i}`, 'Wrong@password1', office)).statusCode).toBe(401);
    expect(server.waits.length).toBeGreaterThan(waited);
    // Who has signed in from there before is not delayed …
    const before = server.waits.length;
    expect((await post('planfin', DEMO_PASSWORD, office)).statusCode).toBe(200);
    expect(server.waits.length).toBe(before);
    // … and a colleague signing in from there for the first time waits, then gets in.
    expect((await post('quality', DEMO_PASSWORD, office)).statusCode).toBe(200);
    expect(server.waits.length).toBe(before + 1);
  });

  it('delays an unknown name exactly as a known one, and records refusals answered unchecked', async () => {
    const sequence = async (username: string) => {
      const from = server.waits.length;
      const address = fresh();
      for (let i = 0; i < 6; i++) expect((await post(username, 'Wrong@password1', address)).statusCode).toBe(401);
      return server.waits.slice(from);
    };
    const known = await sequence('sanitation');
    expect(known).toEqual([1_000, 2_000, 4_000]);
    expect(await sequence('no-such-user')).toEqual(known);

    // A server whose clock stands still while it waits: a queue of guesses builds up past two minutes.
    const frozen: FastifyInstance = buildServer({
      backend: server.backend,
      logger: false,
      clock: () => server.now,
      loginThrottle: new LoginThrottle({
        clock: () => server.now.getTime(),
        sleep: async () => undefined,
        refusalFloorMs: 0,
      }),
      webDist: '/nonexistent-web-dist',
    });
    const address = fresh();
    const answers: LightMyRequestResponse[] = [];
    try {
      for (let i = 0; i < 11; i++) {
        answers.push(
          await frozen.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: 'floodname', password: 'Wrong@password1' },
            remoteAddress: address,
          }),
        );
      }
    } finally {
      await frozen.close();
    }
    for (const answer of answers) expect(visible(answer)).toEqual(visible(answers[0] as LightMyRequestResponse));
    const security = await signIn(server.app, 'security');
    const rows = await failures(security, 'floodname');
    expect(rows.map((r) => r.reason).sort()).toEqual(['throttled', ...Array(10).fill('unknown')]);
  });
});
