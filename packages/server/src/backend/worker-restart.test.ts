import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchPostgres, testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { buildServer } from '../server.js';
import { ADDRESS, type Browser, newComplaint, signIn } from '../server.test-helpers.js';
import { type BackendEvent, startBackend, type WorkerBackend } from './backend.js';

/**
 * A backend worker that dies (here ended as a crash would end it) is replaced: calls in
 * flight and calls made meanwhile answer 503 BACKEND_DOWN, health says so, and once the
 * successor is up the same session's next request succeeds on the same data. On a data
 * directory (PGlite) and a PostgreSQL database, since both must outlive their worker.
 */
describe.each(testEngines())('a dead backend worker on $name', (engine) => {
  let backend: WorkerBackend;
  let app: FastifyInstance;
  let office: Browser;
  let cleanup: () => Promise<void> = async () => undefined;
  const events: BackendEvent[] = [];

  beforeAll(async () => {
    let location: { url: string } | { dataDir: string };
    if (engine.name === 'postgres') {
      const scratch = await createScratchPostgres(process.env.DATABASE_URL as string);
      location = { url: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'taizhang-restart-'));
      location = { dataDir: join(dir, 'data') };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    backend = await startBackend(location, { onEvent: (event) => events.push(event) });
    await backend.call('recreateDemo', { actor: 'test' });
    app = buildServer({ backend, logger: false, webDist: '/nonexistent-web-dist' });
    await app.ready();
    office = await signIn(app, 'office');
  });
  afterAll(async () => {
    await app?.close();
    await backend?.close();
    await cleanup();
  });

  /** Health, polled until the successor is up (bounded: the restart waits at most a few seconds here). */
  async function untilRestarted(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      if (health.statusCode === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the backend worker was not restarted within 60 s');
  }

  it('answers 503 while the worker is down, restarts it, and the next request succeeds on the same data', async () => {
    const before = await office.get('/api/indicators?year=2021&through=10');
    expect(before.statusCode).toBe(200);
    const created = await office.send('POST', '/api/ledgers/complaints', newComplaint('BEFORE-CRASH'));
    expect(created.statusCode, created.body).toBe(201);

    // A call in flight when the worker dies: a sign-in (its scrypt keeps the worker busy for a moment).
    const inFlight = backend
      .call('signIn', {
        username: 'office',
        password: DEMO_PASSWORD,
        address: ADDRESS,
        userAgent: null,
        now: new Date().toISOString(),
      })
      .then(
        () => 'answered',
        (error: unknown) => error,
      );
    await backend.terminateWorkerForTest();
    const interrupted = await inFlight;
    expect(interrupted).toBeInstanceOf(ApiError);
    expect((interrupted as ApiError).wire).toMatchObject({ status: 503, code: 'BACKEND_DOWN' });

    // Meanwhile: requests answer 503 with a Chinese message, and health says the worker is restarting.
    expect(backend.alive).toBe(false);
    const during = await office.get('/api/indicators?year=2021&through=10');
    expect(during.statusCode).toBe(503);
    expect(during.json().error).toEqual({ code: 'BACKEND_DOWN', message: '数据服务正在重新启动，请稍后重试' });
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', worker: 'restarting', database: 'unknown' });

    await untilRestarted();
    expect(backend.alive).toBe(true);
    const after = await office.get('/api/indicators?year=2021&through=10');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(before.json());
    // The row written before the crash is there, and the same session writes again.
    expect((await office.get('/api/ledgers/complaints/BEFORE-CRASH')).statusCode).toBe(200);
    const again = await office.send('POST', '/api/ledgers/complaints', {
      ref: 'AFTER-CRASH',
      fields: {
        section: 'urbanbuild',
        channel: '网络',
        receivedAt: '2021-11-04T08:00:00+08:00',
        category: '供水保障',
        summary: '停水',
      },
    });
    expect(again.statusCode).toBe(201);
    const healthy = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(healthy).toMatchObject({ status: 'ok', worker: 'up', database: 'up', workerRestarts: 1 });
    expect(events.map((e) => e.type)).toEqual(['worker-died', 'worker-restarted']);
  });

  it('waits longer before each restart while workers keep dying soon after starting', async () => {
    events.length = 0;
    await backend.terminateWorkerForTest();
    await untilRestarted();
    await backend.terminateWorkerForTest();
    await untilRestarted();
    const waits = events.flatMap((e) => (e.type === 'worker-died' ? [e.restartInMs] : []));
    // The first test's death waited 0.5 s; each quick death since doubles the wait.
    expect(waits).toEqual([1_000, 2_000]);
    expect((await office.get('/api/dashboard?year=2021&through=10')).statusCode).toBe(200);
  });
});
