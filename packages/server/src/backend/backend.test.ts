import { grantsFor } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { demoServer, signIn } from '../server.test-helpers.js';

describe.each(testEngines())('the backend worker on $name', (engine) => {
  const server = demoServer(engine);

  it('keeps /api/health answering while reports are being generated', async () => {
    const leader = await signIn(server.app, 'leader');
    let reportsDone = false;
    const reports = Promise.all(
      Array.from({ length: 6 }, () => leader.get('/api/reports/download?year=2021&through=10&format=docx')),
    ).then((responses) => {
      reportsDone = true;
      return responses;
    });
    // The reports run in the worker; this thread answers health checks meanwhile.
    let answeredDuringReports = 0;
    while (!reportsDone) {
      const health = await server.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      if (!reportsDone) answeredDuringReports++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const response of await reports) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml');
    }
    expect(answeredDuringReports).toBeGreaterThan(5);
  });

  it('carries a refusal across the thread boundary with its status, code and Chinese message', async () => {
    const refusal = await server.backend
      .call('ledgerRows', {
        caller: {
          orgId: '0',
          address: null,
          user: {
            id: '0',
            username: 'x',
            displayName: 'x',
            role: 'office',
            org: { code: 'none', name: 'none' },
            section: null,
            grants: grantsFor({ role: 'office', section: null }),
          },
        },
        ledger: 'complaints',
        offset: 0,
        limit: 1,
      })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).wire).toMatchObject({
      status: 401,
      code: 'SESSION_ENDED',
      message: '登录已失效，请重新登录',
    });
  });

  it('reports the engine it runs on', () => {
    expect(server.backend.engine).toBe(engine.name);
    expect(server.backend.alive).toBe(true);
  });
});
