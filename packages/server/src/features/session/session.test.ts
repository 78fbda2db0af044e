import { testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../http/auth.js';
import { ADDRESS, demoServer, signIn } from '../../server.test-helpers.js';
import { SIGN_IN_REFUSED } from './routes.js';

describe.each(testEngines())('signing in on $name', (engine) => {
  const server = demoServer(engine);

  it('answers /api/health without a session', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', engine: engine.name });
    expect(response.json().eventLoopDelayMs).toHaveProperty('p99');
  });

  it('signs in with the right password: an HttpOnly, SameSite=Strict cookie, the user and a CSRF token', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'planfin', password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: {
        username: 'planfin',
        role: 'clerk',
        section: { code: 'planfin', name: '计划财务股' },
        org: { code: 'shifanqu' },
        // What the web app offers: the clerk's writes confined to their section.
        grants: [
          { permission: 'session', section: null },
          { permission: 'data:read', section: null },
          { permission: 'values:write', section: 'planfin' },
          { permission: 'ledgers:write', section: 'planfin' },
        ],
      },
      csrfToken: expect.any(String),
    });
    const current = await server.app.inject({
      method: 'GET',
      url: '/api/session',
      cookies: { [SESSION_COOKIE]: response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '' },
    });
    expect(current.json().user.grants).toEqual(response.json().user.grants);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('refuses API calls without a session (401) and writes without the CSRF token (403)', async () => {
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/indicators' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('登录') });
    const browser = await signIn(server.app, 'planfin');
    const noToken = await server.app.inject({
      method: 'PUT',
      url: '/api/indicators/fixed_asset_investment/values/2021/11',
      headers: { cookie: `${SESSION_COOKIE}=${browser.cookie}` },
      payload: { value: '1.23' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_INVALID');
    const wrongToken = await server.app.inject({
      method: 'PUT',
      url: '/api/indicators/fixed_asset_investment/values/2021/11',
      headers: { cookie: `${SESSION_COOKIE}=${browser.cookie}`, 'x-csrf-token': `${browser.csrf.slice(0, -2)}xx` },
      payload: { value: '1.23' },
    });
    expect(wrongToken.json().error.code).toBe('CSRF_INVALID');
    const session = await browser.get('/api/session');
    expect(session.json()).toMatchObject({ user: { username: 'planfin' }, csrfToken: browser.csrf });
  });

  it('answers a wrong password and an unknown user alike (401 LOGIN_FAILED)', async () => {
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'housing', password: 'Wrong@password1' },
    });
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: 'Wrong@password1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual(SIGN_IN_REFUSED);
  });

  it('locks an account for 15 minutes after five wrong passwords from strangers, against strangers only', async () => {
    // villages signs in once from the office: that address is the account's own from now on.
    await signIn(server.app, 'villages');
    const attempt = (password: string, remoteAddress: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'villages', password },
        remoteAddress,
      });
    for (let i = 1; i <= 5; i++) {
      const refused = await attempt('Wrong@password1', `203.0.113.${i}`);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toEqual(SIGN_IN_REFUSED);
    }
    // Even the right password from a stranger's address waits for the lock to end — answered as any failure.
    const locked = await attempt(DEMO_PASSWORD, '203.0.113.9');
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error).toEqual(SIGN_IN_REFUSED);
    // … while the holder, at the address they have signed in from, is not locked out.
    expect((await attempt(DEMO_PASSWORD, ADDRESS)).statusCode).toBe(200);
    server.now = new Date(server.now.getTime() + 16 * 60_000);
    expect((await attempt(DEMO_PASSWORD, '203.0.113.9')).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes, and on sign-out', async () => {
    const browser = await signIn(server.app, 'leader');
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    server.now = new Date(server.now.getTime() + 31 * 60_000);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    const again = await signIn(server.app, 'leader');
    expect((await again.send('DELETE', '/api/session')).statusCode).toBe(204);
    expect((await again.get('/api/session')).statusCode).toBe(401);
  });

  it('changes one’s own password under the policy (422 otherwise), ending the other sessions', async () => {
    const browser = await signIn(server.app, 'construction');
    const other = await signIn(server.app, 'construction');
    const weak = await browser.send('PUT', '/api/session/password', { current: DEMO_PASSWORD, next: 'Short1!' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({
      code: 'PASSWORD_POLICY',
      problems: [{ field: 'next', message: '密码太短：至少 10 位，现为 7 位' }],
    });
    const wrong = await browser.send('PUT', '/api/session/password', {
      current: 'Not@thepassword1',
      next: 'Better@Pass2022',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('PASSWORD_WRONG');
    const changed = await browser.send('PUT', '/api/session/password', {
      current: DEMO_PASSWORD,
      next: 'Better@Pass2022',
    });
    expect(changed.statusCode).toBe(204);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    expect((await other.get('/api/session')).statusCode).toBe(401);
    await signIn(server.app, 'construction', 'Better@Pass2022');
  });

  it('records the client address of a sign-in', async () => {
    const auditor = await signIn(server.app, 'auditor');
    const trail = await auditor.get('/api/audit?table=users&actor=signin:auditor');
    expect(trail.json().rows[0]).toMatchObject({ actor: 'signin:auditor', address: ADDRESS, action: 'update' });
  });
});
