import { type Database, openDatabase } from '@taizhang/db';
import {
  createTwoRoleScratchPostgres,
  orgLedgerLookup,
  postgresRequired,
  type TwoRoleScratch,
  testEngines,
} from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, verifyAuditTrail } from './audit.js';
import { recreateDemo } from './demo.js';
import { addLedgerRow } from './ledgers.js';
import { resolveOrganisation } from './organisation.js';

/** 审计记录完整性校验 as the shells call it, and the application at work as the runtime role. */

const complaint = {
  ref: 'ROLE-1',
  section: 'office',
  channel: '来信',
  receivedAt: '2021-06-01 09:00',
  category: '物业管理',
  summary: '小区垃圾清运不及时',
};

describe.each(testEngines())('verifyAuditTrail on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await recreateDemo(db, 'cli:tester');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds the demo trail intact, every record counted, one chain per organisation', async () => {
    const result = await verifyAuditTrail(db);
    const [count] = await db.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(result).toMatchObject({ intact: true, total: count?.n, breaks: [] });
    // the city the district belongs to (its parent) is an organisation too, with a chain of its own
    const city = 1;
    expect(result.chains).toEqual([
      {
        organisation: '示范市（shifanshi）',
        records: city,
        seq: String(city),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      {
        organisation: '示范区住房和城乡建设局（shifanqu）',
        records: (count?.n ?? 0) - city,
        seq: String((count?.n ?? 0) - city),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it('names the record changed behind the triggers, with its time, table and what is wrong, in Chinese', async () => {
    const [target] = await db.query<{ id: string; seq: string }>(
      `select id::text as id, seq::text as seq from audit_log where table_name = 'users' order by seq limit 1`,
    );
    await db.transaction('owner', async (tx) => {
      await tx.exec('alter table audit_log disable trigger append_only');
      await tx.query(`update audit_log set actor = 'admin' where id = $1`, [target?.id]);
      await tx.exec('alter table audit_log enable trigger append_only');
    });
    const result = await verifyAuditTrail(db);
    expect(result.intact).toBe(false);
    expect(result.breaks).toEqual([
      {
        organisation: '示范区住房和城乡建设局（shifanqu）',
        fault: 'content',
        id: target?.id,
        seq: target?.seq,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        table: 'users',
        tableName: '用户',
        reason: '记录内容与它的哈希不符：这条记录在写入后被改动过',
      },
    ]);
    // The organisation deleted, its chain goes on (its rows' deletions) and stays broken where it broke.
    await db.transaction('cli:tester', (tx) => tx.query(`delete from organisations where code = 'shifanqu'`));
    const later = await verifyAuditTrail(db);
    expect(later.breaks.map((b) => [b.organisation, b.id])).toEqual([
      [expect.stringMatching(/^已删除的单位/), target?.id],
    ]);
  });
});

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl && postgresRequired()) throw new Error('DATABASE_URL is required here but is not set');

describe.skipIf(!adminUrl)('the application as the runtime role on PostgreSQL', () => {
  let roles: TwoRoleScratch;
  let db: Database;
  beforeAll(async () => {
    roles = await createTwoRoleScratchPostgres(adminUrl as string);
    db = await openDatabase({ url: roles.runtimeUrl, migrateUrl: roles.ownerUrl });
  });
  afterAll(async () => {
    await db?.close();
    await roles?.drop();
  });

  it('loads the demo, writes a ledger row, reads the trail and verifies it', async () => {
    const [whoami] = await db.query<{ role: string }>('select current_user::text as role');
    expect(whoami?.role).toBe(roles.runtime);
    const summary = await recreateDemo(db, 'cli:tester');
    expect(summary.counts.values.inserted).toBeGreaterThan(0);
    const org = await resolveOrganisation(db, 'shifanqu');
    const complaints = (await orgLedgerLookup(db, org.id))('complaints');
    const { row } = await addLedgerRow(
      db,
      org,
      complaints,
      { text: JSON.stringify(complaint), source: '--json' },
      '张三',
    );
    expect(row).toMatchObject({ ref: 'ROLE-1', version: 1, createdBy: '张三' });
    const page = await auditPage(db, org.id, { table: complaints.table, offset: 0, limit: 5 });
    expect(page.rows[0]).toMatchObject({
      actor: '张三',
      action: 'insert',
      after: expect.objectContaining({ ref: 'ROLE-1' }),
    });
    const verified = await verifyAuditTrail(db, org.id);
    expect(verified).toMatchObject({ intact: true, breaks: [] });
    expect(verified.total).toBeGreaterThan(100);
    const roleOfRecords = await db.query<{ role: string }>('select distinct db_role as role from audit_log');
    expect(roleOfRecords).toEqual([{ role: roles.runtime }]);
  });

  it('the owner opening it again grants nothing more and changes no record', async () => {
    const before = await db.query<{ n: number }>('select count(*)::int as n from audit_log');
    const again = await openDatabase({ url: roles.runtimeUrl, migrateUrl: roles.ownerUrl });
    await again.close();
    expect(await db.query<{ n: number }>('select count(*)::int as n from audit_log')).toEqual(before);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/permission denied/);
  });
});
