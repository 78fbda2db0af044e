import type { Organisation } from '@taizhang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { listMigrations, migrate } from './migrate.js';
import { deleteOrganisation, findOrganisation, upsertOrganisation } from './queries/organisations.js';
import { upsertSections } from './queries/sections.js';
import { UpsertCount } from './queries/upsert-count.js';
import { snapshot, testEngines } from './testing.js';

describe.each(testEngines())('database on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  const org = (code: string): Organisation => ({ code, name: `${code} 住建局`, level: 'district' });

  it('applies every committed migration once, and again applies nothing', async () => {
    const versions = (await listMigrations()).map((m) => m.version);
    const applied = await db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(applied.map((r) => r.version)).toEqual(versions);
    const before = await snapshot(db);
    expect(await migrate(db)).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a migration edited after it was applied', async () => {
    await db.transaction('test', (tx) =>
      tx.query("update schema_migrations set checksum = 'edited' where version = '0001_indicators'"),
    );
    await expect(migrate(db)).rejects.toThrow(/0001_indicators was changed/);
    const [first] = await listMigrations();
    await db.transaction('test', (tx) =>
      tx.query("update schema_migrations set checksum = $1 where version = '0001_indicators'", [first?.checksum]),
    );
    expect(await migrate(db)).toEqual([]);
  });

  it('keeps decimals exact: numeric in, the same digits out', async () => {
    const [row] = await db.query<{ n: string }>('select ($1::numeric + $2::numeric)::text as n', [
      '0.1',
      '12345678901234567890.2',
    ]);
    expect(row?.n).toBe('12345678901234567890.3');
  });

  it('rolls a failed transaction back completely', async () => {
    const before = await snapshot(db);
    await expect(
      db.transaction('test', async (tx) => {
        await upsertOrganisation(tx, org('rollback'), new UpsertCount());
        await tx.query('select 1 / 0');
      }),
    ).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
    expect(await findOrganisation(db, 'rollback')).toBeUndefined();
  });

  it('upserts by natural key: a second identical write changes nothing and bumps no version', async () => {
    const first = new UpsertCount();
    const second = new UpsertCount();
    await db.transaction('test', async (tx) => {
      const id = await upsertOrganisation(tx, org('upsert'), first);
      await upsertSections(tx, id, [{ code: 'plan', name: '计划股' }], first);
    });
    const before = await snapshot(db);
    await db.transaction('test', async (tx) => {
      const id = await upsertOrganisation(tx, org('upsert'), second);
      await upsertSections(tx, id, [{ code: 'plan', name: '计划股' }], second);
    });
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('audits every change with its actor, and the trail cannot be altered', async () => {
    await db.transaction('张三', async (tx) => {
      const id = await upsertOrganisation(tx, org('audited'), new UpsertCount());
      await upsertSections(tx, id, [{ code: 'plan', name: '计划股' }], new UpsertCount());
      await upsertSections(tx, id, [{ code: 'plan', name: '计划财务股' }], new UpsertCount());
    });
    const trail = await db.query<{
      actor: string;
      action: string;
      table_name: string;
      before: unknown;
      after: unknown;
    }>(
      `select a.actor, a.action, a.table_name, a.before->>'name' as before, a.after->>'name' as after
       from audit_log a join organisations o on o.id = a.org_id where o.code = 'audited' order by a.id`,
    );
    expect(trail).toEqual([
      { actor: '张三', action: 'insert', table_name: 'organisations', before: null, after: 'audited 住建局' },
      { actor: '张三', action: 'insert', table_name: 'sections', before: null, after: '计划股' },
      { actor: '张三', action: 'update', table_name: 'sections', before: '计划股', after: '计划财务股' },
    ]);
    await db.transaction('李四', (tx) => deleteOrganisation(tx, 'audited'));
    const deletions = await db.query<{ actor: string; table_name: string; before: string }>(
      `select actor, table_name, before->>'name' as before from audit_log
       where action = 'delete' and before->>'name' in ('audited 住建局', '计划财务股') order by id`,
    );
    // The cascade from the organisation to its sections is on the trail too.
    expect(deletions).toEqual(
      expect.arrayContaining([
        { actor: '李四', table_name: 'organisations', before: 'audited 住建局' },
        { actor: '李四', table_name: 'sections', before: '计划财务股' },
      ]),
    );
    await expect(db.query('update audit_log set actor = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.exec('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('scopes rows by organisation: the same section code lives in two organisations', async () => {
    await db.transaction('test', async (tx) => {
      for (const code of ['tenant-a', 'tenant-b']) {
        const id = await upsertOrganisation(tx, org(code), new UpsertCount());
        await upsertSections(tx, id, [{ code: 'plan', name: `${code} 计划股` }], new UpsertCount());
      }
    });
    const rows = await db.query<{ code: string; name: string }>(
      `select o.code, s.name from sections s join organisations o on o.id = s.org_id
       where o.code like 'tenant-%' order by o.code`,
    );
    expect(rows).toEqual([
      { code: 'tenant-a', name: 'tenant-a 计划股' },
      { code: 'tenant-b', name: 'tenant-b 计划股' },
    ]);
  });
});
