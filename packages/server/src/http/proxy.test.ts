import { testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend.js';
import { buildServer } from '../server.js';
import { demoServer } from '../server.test-helpers.js';
import { SESSION_COOKIE } from './auth.js';
import { THROTTLE_POLICY } from './login-throttle.js';
import { parseTrustProxy } from './trust-proxy.js';

/** The reverse proxy the server is told to trust, and a range of them. */
const PROXY = '10.0.0.1';
const TRUSTED = `${PROXY},192.168.0.0/16`;
/** A client that reaches the server directly, claiming to be someone else. */
const PEER = '203.0.113.5';

describe('the --trust-proxy list', () => {
  it('takes addresses, CIDR ranges and the named ranges, and refuses "trust everyone" in Chinese', () => {
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const everyone of ['', ' , ', 'true', 'TRUE', '*']) {
      expect(() => parseTrustProxy(everyone)).toThrow(/需要列出受信任的反向代理地址或网段/);
    }
    expect(() => parseTrustProxy('10.0.0.300')).toThrow('"10.0.0.300" 不是 IP 地址或网段');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('"10.0.0.0/33" 的前缀长度应为 0 至 32');
    expect(() => parseTrustProxy('fe80::/129')).toThrow('的前缀长度应为 0 至 128');
    expect(() => parseTrustProxy('proxy.example')).toThrow('不是 IP 地址或网段');
  });

  it('cannot be given as true (every client) to the server either', () => {
    const offline = { alive: true } as unknown as Backend;
    expect(() => buildServer({ backend: offline, logger: false, trustProxy: true as unknown as string })).toThrow(
      /不再支持信任任何来源/,
    );
  });
});

describe.each(testEngines())('X-Forwarded-For behind --trust-proxy on $name', (engine) => {
  const state = demoServer(engine, { trustProxy: TRUSTED });

  /** Signs in from `remoteAddress` with `headers`; the session cookie and CSRF token, or the answer's status. */
  async function signIn(username: string, remoteAddress: string, headers: Record<string, string> = {}) {
    const response = await state.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: DEMO_PASSWORD },
      remoteAddress,
      headers,
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    return { status: response.statusCode, cookie, csrf: response.json().csrfToken as string };
  }

  /** The auditor's newest audit record of a table, optionally by one actor. */
  async function newestAudit(table: string, actor?: string): Promise<{ address: string | null; actor: string }> {
    const auditor = await signIn('auditor', '192.0.2.50');
    const query = new URLSearchParams({ table, limit: '1', ...(actor === undefined ? {} : { actor }) });
    const response = await state.app.inject({
      method: 'GET',
      url: `/api/audit?${query}`,
      headers: { cookie: `${SESSION_COOKIE}=${auditor.cookie?.value}` },
      remoteAddress: '192.0.2.50',
    });
    expect(response.statusCode).toBe(200);
    return response.json().rows[0];
  }

  /** 12 failed sign-ins, each under another name and another X-Forwarded-For: the delays the throttle imposed. */
  async function guesses(remoteAddress: string): Promise<number[]> {
    state.waits.length = 0;
    for (let i = 0; i < THROTTLE_POLICY.addressFree + 3; i++) {
      const response = await state.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `guess${remoteAddress}-${i}`, password: 'Wrong@password1' },
        remoteAddress,
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      });
      expect(response.statusCode).toBe(401);
    }
    return [...state.waits];
  }

  it('ignores a forged X-Forwarded-For from an untrusted peer: the throttle meets the peer itself', async () => {
    const delays = await guesses(PEER);
    // Past the failures an address is allowed, the peer waits, though every attempt claimed another address.
    expect(delays.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(2);
    const failures = await signIn('security', '192.0.2.51');
    const response = await state.app.inject({
      method: 'GET',
      url: '/api/users/signin-failures?limit=20',
      headers: { cookie: `${SESSION_COOKIE}=${failures.cookie?.value}` },
      remoteAddress: '192.0.2.51',
    });
    const recorded = (response.json().rows as { username: string; address: string }[]).filter((row) =>
      row.username.startsWith(`guess${PEER}`),
    );
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded.map((row) => row.address))).toEqual(new Set([PEER]));
  });

  it('records the untrusted peer’s own address in the audit trail, whatever X-Forwarded-For says', async () => {
    const forged = { 'x-forwarded-for': '198.51.100.99', 'x-forwarded-proto': 'https' };
    const office = await signIn('office', PEER, forged);
    expect(office.status).toBe(200);
    // X-Forwarded-Proto from an untrusted peer is ignored too: no Secure cookie over plain HTTP.
    expect(office.cookie?.secure).toBeFalsy();
    expect(await newestAudit('users', 'signin:office')).toMatchObject({ address: PEER });

    const headers = { cookie: `${SESSION_COOKIE}=${office.cookie?.value}`, 'x-csrf-token': office.csrf, ...forged };
    const row = await state.app.inject({
      method: 'GET',
      url: '/api/ledgers/complaints?limit=1',
      headers,
      remoteAddress: PEER,
    });
    const { ref, version } = row.json().rows[0];
    const changed = await state.app.inject({
      method: 'PATCH',
      url: `/api/ledgers/complaints/${encodeURIComponent(ref)}`,
      headers,
      remoteAddress: PEER,
      payload: { version, changes: { summary: '经代理转发的修改' } },
    });
    expect(changed.statusCode).toBe(200);
    expect(await newestAudit('complaints', 'office')).toMatchObject({ address: PEER });
  });

  it('takes the nearest untrusted hop of X-Forwarded-For when the peer is a trusted proxy', async () => {
    const direct = await signIn('leader', PROXY, {
      'x-forwarded-for': '1.1.1.1, 2.2.2.2',
      'x-forwarded-proto': 'https',
    });
    expect(direct.status).toBe(200);
    expect(direct.cookie?.secure).toBe(true);
    expect(await newestAudit('users', 'signin:leader')).toMatchObject({ address: '2.2.2.2' });

    // A second trusted proxy in the chain (192.168.0.0/16) is skipped over to the client before it.
    const chained = await signIn('leader', PROXY, { 'x-forwarded-for': '1.1.1.1, 192.168.3.4' });
    expect(chained.status).toBe(200);
    expect(await newestAudit('users', 'signin:leader')).toMatchObject({ address: '1.1.1.1' });

    // Clients behind the trusted proxy are counted each on their own: no delay for twelve different ones.
    expect((await guesses(PROXY)).filter((ms) => ms > 0)).toEqual([]);
  });
});
