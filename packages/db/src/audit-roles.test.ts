import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { READ_ONLY_TABLES } from './migrate.js';
import { MigrationsPendingError, openDatabase } from './open.js';
import { checkAuditChains } from './queries/audit-chain.js';
import { createTwoRoleScratchPostgres, postgresRequired, type TwoRoleScratch } from './testing.js';

/**
 * The two-role deployment (README, "PostgreSQL roles"): the owner migrates, the runtime role
 * runs the application and cannot touch the audit trail but through the audit triggers.
 * Roles are made for the test on the server in DATABASE_URL, and dropped after it.
 */

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl && postgresRequired()) throw new Error('DATABASE_URL is required here but is not set');

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe.skipIf(!adminUrl)('two PostgreSQL roles: owner and runtime', () => {
  let roles: TwoRoleScratch;
  let db: Database | undefined;
  beforeAll(async () => {
    roles = await createTwoRoleScratchPostgres(adminUrl as string);
  });
  afterAll(async () => {
    await db?.close();
    await roles?.drop();
  });

  it('the runtime role alone will not create the schema, and says what to set', async () => {
    const refused = openDatabase({ url: roles.runtimeUrl });
    await expect(refused).rejects.toBeInstanceOf(MigrationsPendingError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `数据库结构需要升级（尚有 \\d+ 个迁移未执行：0001_indicators 至 .*${roles.runtime} 不是表的所有者.*TAIZHANG_MIGRATE_URL`,
      ),
    );
    const tables = await asRole(roles.ownerUrl, (c) =>
      c.query(`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`),
    );
    expect(tables.rows[0].n).toBe(0);
  });

  it('migrates through the owner; the runtime role owns nothing and may only read the trail', async () => {
    db = await openDatabase({ url: roles.runtimeUrl, migrateUrl: roles.ownerUrl });
    const rights = await asRole(roles.ownerUrl, (c) =>
      c.query<{ name: string; owner: string; rights: string }>(
        `select c.relname as name, pg_get_userbyid(c.relowner) as owner,
           concat_ws(',', case when has_table_privilege($1, c.oid, 'SELECT') then 'select' end,
             case when has_table_privilege($1, c.oid, 'INSERT') then 'insert' end,
             case when has_table_privilege($1, c.oid, 'UPDATE') then 'update' end,
             case when has_table_privilege($1, c.oid, 'DELETE') then 'delete' end,
             case when has_table_privilege($1, c.oid, 'TRUNCATE') then 'truncate' end,
             case when has_table_privilege($1, c.oid, 'TRIGGER') then 'trigger' end) as rights
         from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`,
        [roles.runtime],
      ),
    );
    expect(rights.rows.length).toBeGreaterThan(20);
    for (const table of rights.rows) {
      expect(table.owner).toBe(roles.owner);
      const readOnly = (READ_ONLY_TABLES as readonly string[]).includes(table.name);
      expect([table.name, table.rights]).toEqual([table.name, readOnly ? 'select' : 'select,insert,update,delete']);
    }
  });

  it('as the runtime role the application writes, and every write is on the trail with the role that made it', async () => {
    const live = db as Database;
    const orgId = await live.transaction('张三', async (tx) => {
      const [org] = await tx.query<{ id: string }>(
        `insert into organisations (code, name) values ('roles', '角色区住建局') returning id::text as id`,
      );
      await tx.query(`insert into sections (org_id, code, name) values ($1, 'office', '办公室')`, [org?.id]);
      return org?.id as string;
    });
    // A forged claim: the runtime role may name anyone as the actor, but not hide that it made the change.
    await live.transaction({ name: 'admin', address: '10.0.0.1', userId: '1' }, (tx) =>
      tx.query(`update sections set name = '办公室（改）' where org_id = $1`, [orgId]),
    );
    const trail = await live.query<{ actor: string; role: string; action: string }>(
      'select actor, db_role as role, action from audit_log where org_id = $1 order by seq',
      [orgId],
    );
    expect(trail).toEqual([
      { actor: '张三', role: roles.runtime, action: 'insert' },
      { actor: '张三', role: roles.runtime, action: 'insert' },
      { actor: 'admin', role: roles.runtime, action: 'update' },
    ]);
    expect((await checkAuditChains(live)).breaks).toEqual([]);
  });

  it('the runtime role cannot disable the trigger, update, delete, truncate or forge audit records', async () => {
    const live = db as Database;
    const before = await live.query<{ n: number }>('select count(*)::int as n from audit_log');
    const attempts = [
      'alter table audit_log disable trigger append_only',
      'alter table audit_log disable trigger all',
      'alter table sections disable trigger audit_update',
      'alter table audit_log owner to current_user',
      'drop table audit_log',
      `update audit_log set actor = 'someone else'`,
      'delete from audit_log',
      'truncate audit_log',
      'truncate sections',
      `insert into audit_log (org_id, actor, action, table_name, seq, prev_hash, hash)
         values (1, 'forged', 'insert', 'users', 99, '\\x00', '\\x00')`,
      'update audit_chain set seq = 0',
      'delete from audit_chain',
      `select audit_append('users', 'insert', null, array['{"id": 1, "username": "forged"}'::jsonb])`,
      'set session_replication_role = replica',
      `create or replace function audit_actor() returns text language sql as $$ select 'forged' $$`,
      'alter function audit_append(text, text, jsonb[], jsonb[]) security invoker',
      "delete from schema_migrations where version = '0012_audit_chain'",
    ];
    const outcomes = await asRole(roles.runtimeUrl, async (c) => {
      const result: Record<string, string> = {};
      for (const sql of attempts) result[sql] = await outcome(c, sql);
      // A table of its own (a temporary one) with the audit trigger on it would write records of its choosing.
      await c.query('create temporary table users (org_id bigint, id bigint, username text)');
      result['create trigger … execute function audit_inserted()'] = await outcome(
        c,
        `create trigger forge after insert on pg_temp.users referencing new table as new_rows
           for each statement execute function public.audit_inserted()`,
      );
      return result;
    });
    // 42501 insufficient_privilege: "permission denied …" or "must be owner of …"
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((sql) => [sql, '42501'])));
    expect(await live.query<{ n: number }>('select count(*)::int as n from audit_log')).toEqual(before);
    expect((await checkAuditChains(live)).breaks).toEqual([]);
  });

  it('a record the owner rewrote, triggers off, is the first broken link', async () => {
    const live = db as Database;
    const [target] = await live.query<{ id: string; orgId: string }>(
      `select id::text as id, org_id::text as "orgId" from audit_log where actor = 'admin' and action = 'update'`,
    );
    await asRole(roles.ownerUrl, async (c) => {
      await c.query('begin');
      await c.query('alter table audit_log disable trigger append_only');
      await c.query(`update audit_log set actor = '张三', address = '10.9.9.9' where id = $1`, [target?.id]);
      await c.query('alter table audit_log enable trigger append_only');
      await c.query('commit');
    });
    const check = await checkAuditChains(live);
    expect(check.breaks).toEqual([
      expect.objectContaining({ orgId: target?.orgId, id: target?.id, fault: 'content', seq: '3' }),
    ]);
  });

  it('the runtime role alone opens an up-to-date schema', async () => {
    const again = await openDatabase({ url: roles.runtimeUrl });
    try {
      const [row] = await again.query<{ n: number }>('select count(*)::int as n from schema_migrations');
      expect(row?.n).toBeGreaterThanOrEqual(12);
    } finally {
      await again.close();
    }
  });
});
