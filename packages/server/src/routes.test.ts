import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './backend/backend.js';
import { buildServer } from './server.js';
import { offlineBackend as offline } from './server.test-helpers.js';

describe('the routes as declared', () => {
  let app: FastifyInstance;
  let web: string;
  beforeAll(async () => {
    web = await mkdtemp(join(tmpdir(), 'taizhang-web-'));
    await mkdir(join(web, 'assets'));
    await writeFile(join(web, 'index.html'), '<!DOCTYPE html><title>台账</title><div id="root"></div>');
    await writeFile(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = buildServer({ backend: offline, logger: false, webDist: web });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await rm(web, { recursive: true, force: true });
  });

  it('lists every API route in the OpenAPI document at /api/docs/json, with its schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json() as { paths: Record<string, Record<string, unknown>>; components: { schemas: object } };
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(30);
    expect(documented.sort()).toEqual(registered.sort());
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['LedgerRow', 'IndicatorFigures', 'Error']),
    );
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('declares a permission on every API route, and a reason on every write route that leaves no audit record', () => {
    for (const route of app.apiRoutes) expect(route.permission, `${route.method} ${route.url}`).not.toBe('');
    const unaudited = app.apiRoutes.filter((r) => r.unaudited !== undefined).map((r) => `${r.method} ${r.url}`);
    expect(unaudited.sort()).toEqual([
      'DELETE /api/session',
      'POST /api/ledger-workbooks/:ledger/preview',
      'POST /api/templates/preview',
    ]);
  });

  it('refuses to start with an API route that declares no permission', async () => {
    const careless = buildServer({ backend: offline, logger: false, webDist: web });
    expect(() => careless.get('/api/forgotten', async () => ({ open: true }))).toThrow(
      'GET /api/forgotten declares no permission',
    );
    careless.register(async (plugin) => {
      plugin.post('/api/also-forgotten', async () => ({ open: true }));
    });
    await expect(careless.ready()).rejects.toThrow('POST /api/also-forgotten declares no permission');
    await careless.close().catch(() => undefined);
  });

  it('sends security headers, with a policy the built web app runs under', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('serves the web app at /, its assets for a year, and index.html for its own page paths', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<div id="root">');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await app.inject({ method: 'GET', url: '/ledgers/complaints?page=2' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    expect(deep.headers['cache-control']).toBe('no-cache');
  });

  it('answers an unknown API path with a JSON 404, never the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('/api/nothing-here'),
    });
  });

  it('says in Chinese that the web app is not built, when it is not', async () => {
    const bare = buildServer({ backend: offline, logger: false, webDist: join(web, 'missing') });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('网页界面尚未构建');
    await bare.close();
  });

  it('marks the session cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const signedIn = {
      user: {
        id: '1',
        username: 'leader',
        displayName: '局领导',
        role: 'leader',
        org: { code: 'x', name: 'x' },
        section: null,
      },
      sessionKey: `1.${'a'.repeat(43)}`,
      csrfToken: 'token',
      expiresAt: '2030-01-01T00:00:00Z',
    };
    const backend: Backend = {
      ...offline,
      call: ((name: string) =>
        name === 'signIn'
          ? Promise.resolve({ ok: true, signedIn })
          : Promise.reject(new Error('no database'))) as Backend['call'],
    };
    const proxied = buildServer({ backend, logger: false, webDist: web, trustProxy: '127.0.0.1' });
    const signIn = (headers: Record<string, string>) =>
      proxied.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'x' }, headers });
    const secure = await signIn({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' });
    expect(secure.cookies[0]).toMatchObject({ name: 'tz_session', secure: true, httpOnly: true, sameSite: 'Strict' });
    const plain = await signIn({});
    expect(plain.cookies[0]?.secure).toBeFalsy();
    await proxied.close();
  });

  it('answers a malformed request with 400 and what is wrong in Chinese', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      message: '请求体格式不正确：缺少必填字段 password',
    });
  });
});
