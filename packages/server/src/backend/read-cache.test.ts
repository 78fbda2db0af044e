import { type Database, openDatabase, UpsertCount, upsertOrganisation, upsertSections } from '@taizhang/db';
import { createScratchPostgres, testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../server.test-helpers.js';
import { ReadCache } from './read-cache.js';

describe.each(testEngines())('the read cache on $name', (engine) => {
  let db: Database;
  let orgs: string[];

  beforeAll(async () => {
    db = await engine.open();
    orgs = await db.transaction('test', async (tx) => {
      const ids: string[] = [];
      for (const code of ['cache-a', 'cache-b']) {
        const id = await upsertOrganisation(tx, { code, name: code, level: 'district' }, new UpsertCount());
        ids.push(id);
      }
      return ids;
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  const callerOf = (orgId: string, username = 'office') => ({
    caller: { orgId, address: '192.0.2.1', user: { username } },
  });

  it('serves a result again while the data stands, and recomputes after any audited change of that organisation', async () => {
    const cache = new ReadCache();
    const [a, b] = orgs as [string, string];
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(1);
    // Another user of the same organisation, from another address: the same answer.
    expect(await cache.get(db, 'indicators', { ...callerOf(a, 'leader'), year: 2021 }, compute)).toBe(1);
    // Other arguments, another organisation, an operation never cached: computed.
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2020 }, compute)).toBe(2);
    expect(await cache.get(db, 'indicators', { ...callerOf(b), year: 2021 }, compute)).toBe(3);
    expect(await cache.get(db, 'enterValue', { ...callerOf(a), year: 2021 }, compute)).toBe(4);

    // A change to organisation b leaves a's results standing.
    await db.transaction('test', (tx) =>
      upsertSections(tx, b, [{ code: 'office', name: '办公室' }], new UpsertCount()),
    );
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(1);
    expect(await cache.get(db, 'indicators', { ...callerOf(b), year: 2021 }, compute)).toBe(5);

    // Inserting, updating and deleting a's rows each move its version.
    await db.transaction('test', (tx) =>
      upsertSections(tx, a, [{ code: 'office', name: '办公室' }], new UpsertCount()),
    );
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(6);
    await db.transaction('test', (tx) =>
      tx.query(`update sections set name = '综合办公室' where org_id = $1 and code = 'office'`, [a]),
    );
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(7);
    await db.transaction('test', (tx) => tx.query(`delete from sections where org_id = $1`, [a]));
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(8);

    // A transaction rolled back leaves the version, and the result, as they were.
    await db
      .transaction('test', async (tx) => {
        await tx.query(`insert into sections (org_id, code, name) values ($1, 'gone', '回滚')`, [a]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await cache.get(db, 'indicators', { ...callerOf(a), year: 2021 }, compute)).toBe(8);
  });

  it('reads the version again only after an operation that may write, when it owns the database', async () => {
    const cache = new ReadCache({ ownsDatabase: true });
    const a = orgs[0] as string;
    let computed = 0;
    const compute = async () => ++computed;
    const read = () => cache.get(db, 'dashboard', { ...callerOf(a), year: 2021 }, compute);
    expect(await read()).toBe(1);
    await db.transaction('test', (tx) =>
      tx.query(`insert into sections (org_id, code, name) values ($1, 'owned', '自有')`, [a]),
    );
    // Not told of the write: the version known still stands (the worker always tells).
    expect(await read()).toBe(1);
    cache.mayHaveWritten();
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });
});

describe.each(testEngines())('cached reads through the API on $name', (engine) => {
  const server = demoServer(engine);

  it('show a value entered a moment ago, and a ledger row changed a moment ago', async () => {
    const clerk = await signIn(server.app, 'planfin');
    const ytd = async () => {
      const response = await clerk.get('/api/indicators?year=2021&through=10');
      const body = response.json() as { indicators: { code: string; ytd: string }[] };
      return body.indicators.find((i) => i.code === 'fixed_asset_investment')?.ytd;
    };
    expect(await ytd()).toBe('29.02');
    expect(await ytd()).toBe('29.02');
    const values = (await clerk.get('/api/indicators/fixed_asset_investment/values?year=2021')).json() as {
      values: { period: number; value: string; version: number }[];
    };
    const october = values.values.find((v) => v.period === 10);
    const put = await clerk.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/10', {
      value: (Number(october?.value) + 1).toFixed(2),
      version: october?.version,
    });
    expect(put.statusCode).toBe(200);
    expect(await ytd()).toBe('30.02');

    const office = await signIn(server.app, 'office');
    const first = (await office.get('/api/ledgers/complaints?limit=1&sort=ref&order=asc')).json() as {
      rows: { ref: string; version: number }[];
    };
    const row = first.rows[0] as { ref: string; version: number };
    const patch = await office.send('PATCH', `/api/ledgers/complaints/${encodeURIComponent(row.ref)}`, {
      version: row.version,
      changes: { summary: '刚刚修改的摘要' },
    });
    expect(patch.statusCode).toBe(200);
    const again = (await office.get('/api/ledgers/complaints?limit=1&sort=ref&order=asc')).json() as {
      rows: { fields: { summary: string } }[];
    };
    expect(again.rows[0]?.fields.summary).toBe('刚刚修改的摘要');
  });
});

describe.runIf(process.env.DATABASE_URL)('the read cache told of changes by PostgreSQL', () => {
  it('keeps a version until the notice of a change by another process, and reads it every time once notices are lost', async () => {
    const scratch = await createScratchPostgres(process.env.DATABASE_URL as string);
    const db = await openDatabase({ url: scratch.url });
    const other = await openDatabase({ url: scratch.url });
    try {
      const orgId = await db.transaction('test', (tx) =>
        upsertOrganisation(tx, { code: 'notified', name: '通知区', level: 'district' }, new UpsertCount()),
      );
      const cache = new ReadCache();
      const lost: string[] = [];
      const stop = await (db.listen as NonNullable<Database['listen']>)(
        'taizhang_data_version',
        (org) => cache.orgChanged(org),
        () => {
          lost.push('lost');
          cache.distrust();
        },
      );
      cache.trustNotifications();
      let computed = 0;
      const read = () =>
        cache.get(db, 'indicators', { caller: { orgId, address: null, user: {} }, year: 2021 }, async () => ++computed);
      expect(await read()).toBe(1);

      // Another process (here another connection) changes the organisation's data.
      await other.transaction('cli', (tx) =>
        upsertSections(tx, orgId, [{ code: 'office', name: '办公室' }], new UpsertCount()),
      );
      await expect.poll(read, { timeout: 5_000, interval: 20 }).toBe(2);
      expect(await read()).toBe(2);

      // The listening connection ends: every read asks for the version again, and sees a change at once.
      await other.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and query like 'listen %' and pid <> pg_backend_pid()`,
      );
      await expect.poll(() => lost.length, { timeout: 5_000 }).toBe(1);
      await other.transaction('cli', (tx) =>
        tx.query(`update sections set name = '综合办公室' where org_id = $1`, [orgId]),
      );
      expect(await read()).toBe(3);
      await stop();
    } finally {
      await other.close();
      await db.close();
      await scratch.drop();
    }
  });
});
