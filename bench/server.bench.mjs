// Benchmark: the HTTP server under load, against the same reads served in-process.
//
// The demo district; a leader signed in. Each request is driven by autocannon (a child
// process, 10 connections, 5 s, on 127.0.0.1) through the whole server — session lookup,
// permission, the hop to the database worker, JSON serialisation:
//   - GET /api/indicators?year=2021&through=10 (every indicator's figures),
//   - GET /api/dashboard?year=2021&through=10 (cards, series, projects, complaints),
//   - GET /api/ledgers/complaints?limit=50 (a page of complaints with its total),
//   - GET /api/reports/preview?year=2021&through=10 (the 2021 1－10月 report as HTML).
// The worker keeps read results while the organisation's data version stands (read-cache.ts),
// so a read rests on one query: the primary-key lookup of that version (on PGlite, which one
// process owns, not even that until something may have written). Baseline, measured in the
// same run: that single query run directly in this process on a database of the same engine,
// by 10 concurrent callers for 5 s. The ratio is the server's requests per second over the
// baseline's queries per second.
// Also: what a read costs when the data has just changed (the operation computed afresh, p50),
// and the HTTP thread's event-loop delay p99 while DOCX reports — never cached: each is written
// anew — are generated under load, with the database and reports in the worker, against the
// same server and load with the operations run on the HTTP thread itself.
// PGlite in memory, and PostgreSQL too when DATABASE_URL is set.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { dataVersion } from '@taizhang/db';
import { buildServer, SESSION_COOKIE, startBackend } from '@taizhang/server';
import { operations } from '@taizhang/server/operations';
import { DEMO_PASSWORD } from '@taizhang/services';
import { eachEngine, p50, printTable } from './measure.mjs';

const SECONDS = 5;
const CONNECTIONS = 10;
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const NOW = () => new Date().toISOString();

const PERIOD = { year: 2021, through: 10 };

const CASES = [
  {
    what: 'GET /api/indicators (1－10月)',
    url: '/api/indicators?year=2021&through=10',
    name: 'indicators',
    args: (caller) => ({ caller, ...PERIOD }),
  },
  {
    what: 'GET /api/dashboard (1－10月)',
    url: '/api/dashboard?year=2021&through=10',
    name: 'dashboard',
    args: (caller) => ({ caller, ...PERIOD }),
  },
  {
    what: 'GET /api/ledgers/complaints (50 rows)',
    url: '/api/ledgers/complaints?limit=50',
    name: 'ledgerRows',
    args: (caller) => ({ caller, ledger: 'complaints', offset: 0, limit: 50 }),
  },
  {
    what: 'GET /api/reports/preview (HTML)',
    url: '/api/reports/preview?year=2021&through=10',
    name: 'reportPreview',
    args: (caller) => ({ caller, ...PERIOD }),
  },
];

/** Report generation that no cache can answer: every DOCX is written anew. */
const REPORT_LOAD = '/api/reports/download?year=2021&through=10&format=docx';

/** autocannon in a process of its own, so its work does not load the server's event loop. */
async function load(url, cookie) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [AUTOCANNON, '-j', '-n', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-H', `cookie=${cookie}`, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p99: result.latency.p99, rps: result.requests.average };
}

/** The same work called in-process by CONNECTIONS concurrent callers for SECONDS: p99 ms and calls/s. */
async function direct(work) {
  const times = [];
  const end = performance.now() + SECONDS * 1000;
  const caller = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, caller));
  times.sort((a, b) => a - b);
  return { p99: times[Math.floor(times.length * 0.99)], rps: times.length / SECONDS };
}

/** The database the worker opens: in-memory PGlite of its own, or the very database `db` on the server. */
async function workerLocation(db) {
  if (db.engine === 'pglite') return { memory: true };
  const [{ name }] = await db.query('select current_database() as name');
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString() };
}

/** Signs the leader in over HTTP; the session cookie. */
async function signInOver(base) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }),
  });
  const cookie = /tz_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie?.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

/**
 * The same server and load, but its operations run on the HTTP thread (no worker): the
 * counterfactual the worker exists for. The HTTP thread's event-loop delay p99 and req/s.
 */
async function onHttpThread(db, url) {
  const inline = {
    engine: db.engine,
    location: db.location,
    alive: true,
    call: (name, args) => operations[name](db, args),
    callJson: async (name, args) => JSON.stringify(await operations[name](db, args)),
    close: async () => undefined,
  };
  const app = buildServer({ backend: inline, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const cookie = await signInOver(base);
    app.eventLoop.reset();
    const served = await load(`${base}${url}`, cookie);
    return { p99: app.eventLoop.snapshot().p99, rps: served.rps };
  } finally {
    await app.close();
  }
}

const throughputRows = [];
const freshRows = [];
const loopRows = [];

async function benchEngine(engine, db) {
  // The in-process side: the demo, a session, the caller the routes would pass.
  await operations.recreateDemo(db, { actor: 'bench' });
  const signed = await operations.signIn(db, {
    username: 'leader',
    password: DEMO_PASSWORD,
    address: '127.0.0.1',
    userAgent: 'bench',
    now: NOW(),
  });
  if (!signed.ok) throw new Error('bench: the demo leader could not sign in');
  const session = await operations.findSession(db, { sessionKey: signed.signedIn.sessionKey, now: NOW() });
  const caller = { orgId: session.orgId, user: session.user, address: '127.0.0.1' };
  const singleQuery = () => dataVersion(db, caller.orgId);
  await direct(singleQuery); // warm-up
  const baseline = await direct(singleQuery);

  // The server side: its own worker on the same engine (the same database on PostgreSQL).
  const backend = await startBackend(await workerLocation(db));
  if (db.engine === 'pglite') await backend.call('recreateDemo', { actor: 'bench' });
  const app = buildServer({ backend, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const cookie = await signInOver(base);
    for (const c of CASES) {
      const args = c.args(caller);
      const compute = () => operations[c.name](db, args);
      freshRows.push([engine, `${c.what}: computed afresh after a change (p50)`, await p50(compute, 10, 2), '—', NaN]);
      await load(`${base}${c.url}`, cookie); // warm-up: the worker's cache and the JIT
      const served = await load(`${base}${c.url}`, cookie);
      throughputRows.push([engine, c.what, served, baseline]);
    }
    app.eventLoop.reset();
    const reports = await load(`${base}${REPORT_LOAD}`, cookie);
    const httpLoop = app.eventLoop.snapshot();
    const inline = await onHttpThread(db, REPORT_LOAD);
    loopRows.push([
      engine,
      `event-loop delay p99, DOCX reports under load, database in the worker (${reports.rps.toFixed(0)} req/s)`,
      httpLoop.p99,
      `database and reports on the HTTP thread (${inline.rps.toFixed(0)} req/s)`,
      inline.p99,
    ]);
  } finally {
    await app.close();
    await backend.close();
  }
}

await eachEngine(benchEngine);

console.log(
  `Node ${process.version}; autocannon ${CONNECTIONS} connections × ${SECONDS} s per request on 127.0.0.1; baseline: the single query a cached read rests on (the data-version lookup) run in-process by ${CONNECTIONS} concurrent callers\n`,
);
console.log('| engine | request | req/s | p99 ms | baseline queries/s | baseline p99 ms | throughput ratio |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const [engine, what, served, baseline] of throughputRows) {
  console.log(
    `| ${engine} | ${what} | ${served.rps.toFixed(0)} | ${served.p99.toFixed(1)} | ${baseline.rps.toFixed(0)} | ${baseline.p99.toFixed(1)} | ${(served.rps / baseline.rps).toFixed(2)} |`,
  );
}
console.log('');
printTable('what a read costs when the data has just changed (p50 of 10, in-process)', freshRows);
console.log('');
printTable(
  'HTTP thread event-loop delay (ms, p99) while DOCX reports are generated under load: database in the worker, against on the HTTP thread',
  loopRows,
);
