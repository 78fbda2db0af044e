import { SEED_PRESET } from '@taizhang/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../database.js';
import { listMigrations, migrate } from '../migrate.js';
import { openPglite } from '../pglite.js';
import { openPostgres } from '../postgres.js';
import { createScratchPostgres, testEngines } from '../testing.js';
import { type AuditChainCheck, checkAuditChains } from './audit-chain.js';

/** The audit trail's hash chains (migration 0012) and their check, on every engine. */

class Rollback extends Error {
  constructor(readonly check: AuditChainCheck) {
    super('rolled back on purpose');
  }
}

/**
 * What the check finds after `tamper` — run as the tables' owner with the trail's append-only
 * guard lifted, as an owner bent on rewriting it would — then undone, so the next case starts
 * from the intact trail.
 */
async function checkAfter(db: Database, orgId: string, tamper: (tx: Queryable) => Promise<unknown>) {
  try {
    await db.transaction('test:owner', async (tx) => {
      await tx.exec('alter table audit_log disable trigger append_only');
      await tamper(tx);
      await tx.exec('alter table audit_log enable trigger append_only');
      throw new Rollback(await checkAuditChains(tx, orgId));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.check;
    throw error;
  }
  throw new Error('unreachable');
}

async function newOrg(db: Database, code: string): Promise<string> {
  return db.transaction('张三', async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into organisations (code, name) values ($1, $1 || ' 住建局') returning id::text as id`,
      [code],
    );
    return (row as { id: string }).id;
  });
}

/** One change of the kinds the application makes: a set-based insert, an update of many rows, a delete. */
type Operation =
  | { kind: 'add'; codes: string[]; actor: string; address: string | null }
  | { kind: 'rename'; actor: string; address: string | null }
  | { kind: 'remove'; actor: string; address: string | null };

async function apply(db: Database, orgId: string, op: Operation): Promise<void> {
  const actor = op.address === null ? op.actor : { name: op.actor, address: op.address, userId: '7' };
  await db.transaction(actor, async (tx) => {
    if (op.kind === 'add') {
      await tx.query(
        `insert into sections (org_id, code, name) select $1, c, c || '股' from unnest($2::text[]) as c
         on conflict (org_id, code) do nothing`,
        [orgId, op.codes],
      );
    } else if (op.kind === 'rename') {
      await tx.query(`update sections set name = name || '改', version = version + 1 where org_id = $1`, [orgId]);
    } else {
      await tx.query(
        'delete from sections where org_id = $1 and id = (select min(id) from sections where org_id = $1)',
        [orgId],
      );
    }
  });
}

const operation: fc.Arbitrary<Operation> = fc.record({
  kind: fc.constantFrom('add', 'add', 'rename', 'remove'),
  codes: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 6 }),
  actor: fc.constantFrom('张三', 'office', 'cli:root', 'O\'Brien "quoted"'),
  address: fc.option(fc.constantFrom('10.0.0.8', '::1'), { nil: null }),
}) as fc.Arbitrary<Operation>;

/** Ways to change one field of a record in place, each as the SET clause an owner would write. */
const TAMPERS = {
  actor: `actor = actor || '*'`,
  address: `address = coalesce(address, '') || '192.0.2.1'`,
  at: `at = at + interval '1 microsecond'`,
  after: `after = coalesce(after, '{}'::jsonb) || '{"tampered": true}'::jsonb`,
  before: `before = coalesce(before, '{}'::jsonb) || '{"tampered": true}'::jsonb`,
  db_role: `db_role = coalesce(db_role, '') || '*'`,
  user_id: 'user_id = coalesce(user_id, 0) + 1',
  table_name: `table_name = table_name || '*'`,
  action: `action = case action when 'insert' then 'update' else 'insert' end`,
} as const;

describe.each(testEngines())('audit hash chain on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('chains every record of an organisation, in id order, from 32 zero bytes to its head', async () => {
    const orgId = await newOrg(db, 'chain');
    await apply(db, orgId, { kind: 'add', codes: ['a', 'b', 'c'], actor: '张三', address: '10.0.0.8' });
    await apply(db, orgId, { kind: 'rename', actor: '李四', address: null });
    await apply(db, orgId, { kind: 'remove', actor: '王五', address: null });
    const rows = await db.query<{ seq: string; id: string; prev: string; hash: string; role: string }>(
      `select seq::text, id::text, encode(prev_hash, 'hex') as prev, encode(hash, 'hex') as hash, db_role as role
       from audit_log where org_id = $1 order by seq`,
      [orgId],
    );
    // the organisation, three sections in, three renamed, one out
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => BigInt(r.id))).toEqual(rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : 1)));
    expect(rows[0]?.prev).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev).toBe(rows[i - 1]?.hash);
    const [role] = await db.query<{ role: string }>('select session_user::text as role');
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set([role?.role]));
    // One statement renamed three rows: three records, each row's before paired with its own after.
    const renamed = await db.query<{ before: string; after: string; same: boolean }>(
      `select before ->> 'name' as before, after ->> 'name' as after, (before ->> 'id') = (after ->> 'id') as same
       from audit_log where org_id = $1 and action = 'update' order by seq`,
      [orgId],
    );
    expect(renamed).toEqual(['a', 'b', 'c'].map((c) => ({ before: `${c}股`, after: `${c}股改`, same: true })));
    const check = await checkAuditChains(db, orgId);
    expect(check.breaks).toEqual([]);
    expect(check.chains).toEqual([{ orgId, records: 8, seq: '8', hash: rows.at(-1)?.hash }]);
  });

  it('finds every change of any field of any record, and names that record first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...(Object.keys(TAMPERS) as (keyof typeof TAMPERS)[])),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        async (operations, field, pick) => {
          const orgId = await newOrg(db, `p${Math.random().toString(36).slice(2, 10)}`);
          for (const op of operations) await apply(db, orgId, op);
          const intact = await checkAuditChains(db, orgId);
          expect(intact.breaks).toEqual([]);
          const records = intact.chains[0]?.records ?? 0;
          const seq = 1 + Math.floor(pick * records);
          const [target] = await db.query<{ id: string }>(
            'select id::text as id from audit_log where org_id = $1 and seq = $2',
            [orgId, seq],
          );
          const check = await checkAfter(db, orgId, (tx) =>
            tx.query(`update audit_log set ${TAMPERS[field]} where org_id = $1 and seq = $2`, [orgId, seq]),
          );
          expect(check.breaks).toEqual([
            expect.objectContaining({ orgId, fault: 'content', id: target?.id, seq: String(seq) }),
          ]);
        },
      ),
      { numRuns: engine.name === 'pglite' ? 25 : 15 },
    );
  });

  describe('what an owner may do to the trail, each found', () => {
    let orgId: string;
    beforeAll(async () => {
      orgId = await newOrg(db, 'owner');
      await apply(db, orgId, { kind: 'add', codes: ['a', 'b', 'c', 'd'], actor: '张三', address: null });
      await apply(db, orgId, { kind: 'rename', actor: '李四', address: null });
    });
    // 1 organisation + 4 sections + 4 renames = 9 records

    it('a record deleted from the middle: the next one says which positions are missing', async () => {
      const check = await checkAfter(db, orgId, (tx) =>
        tx.query('delete from audit_log where org_id = $1 and seq in (4, 5)', [orgId]),
      );
      expect(check.breaks).toEqual([expect.objectContaining({ fault: 'missing', seq: '6', priorSeq: '3' })]);
    });

    it('the last records deleted: the head points past the end', async () => {
      const check = await checkAfter(db, orgId, (tx) =>
        tx.query('delete from audit_log where org_id = $1 and seq >= 8', [orgId]),
      );
      expect(check.breaks).toEqual([expect.objectContaining({ fault: 'tail', id: null, priorSeq: '7', headSeq: '9' })]);
    });

    it('a record changed and its hash recomputed: the next record no longer links to it', async () => {
      const check = await checkAfter(db, orgId, (tx) =>
        tx.query(
          `update audit_log set actor = 'someone else',
             hash = sha256(prev_hash || audit_canonical(org_id, seq, id, at, table_name, action, 'someone else', db_role,
               address, user_id, before, after))
           where org_id = $1 and seq = 3`,
          [orgId],
        ),
      );
      expect(check.breaks).toEqual([expect.objectContaining({ fault: 'link', seq: '4', priorSeq: '3' })]);
    });

    it('a record forged with a valid hash after the last one: the head does not know it', async () => {
      const check = await checkAfter(db, orgId, (tx) =>
        tx.query(
          `insert into audit_log (org_id, seq, at, actor, action, table_name, before, after, prev_hash, hash)
           select org_id, 10, at, '张三', 'delete', 'sections', after, null, hash,
             sha256(hash || audit_canonical(org_id, 10, (select max(id) + 1 from audit_log), at, 'sections', 'delete',
               '张三', null, null, null, after, null))
           from audit_log where org_id = $1 and seq = 9`,
          [orgId],
        ),
      );
      // Its hash covers an id other than the one it got, or the head names record 9: either way it is found.
      expect(check.breaks).toEqual([expect.objectContaining({ orgId })]);
      expect(['content', 'tail']).toContain(check.breaks[0]?.fault);
    });

    it('a record copied in between: its position is taken twice', async () => {
      const check = await checkAfter(db, orgId, (tx) =>
        tx.query(
          `insert into audit_log (org_id, seq, at, actor, action, table_name, before, after, prev_hash, hash)
           select org_id, seq, at, actor, action, table_name, before, after, prev_hash, hash
           from audit_log where org_id = $1 and seq = 5`,
          [orgId],
        ),
      );
      expect(check.breaks).toEqual([expect.objectContaining({ fault: 'repeated', seq: '5' })]);
    });

    it('the chain head deleted', async () => {
      const check = await checkAfter(db, orgId, (tx) => tx.query('delete from audit_chain where org_id = $1', [orgId]));
      expect(check.breaks).toEqual([expect.objectContaining({ fault: 'head', priorSeq: '9' })]);
    });

    it('and the trail as it is: intact', async () => {
      expect((await checkAuditChains(db, orgId)).breaks).toEqual([]);
      expect((await checkAuditChains(db)).breaks).toEqual([]);
    });
  });
});

/** A database migrated up to 0011, as every deployment before 0012 is. */
async function migrateBefore0012(db: Database): Promise<void> {
  const earlier = (await listMigrations()).filter((m) => m.version < '0012');
  await db.transaction('system:migrate', async (tx) => {
    await tx.exec(`create table schema_migrations (
      version text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    for (const m of earlier) {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, checksum) values ($1, $2)', [m.version, m.checksum]);
    }
  });
}

const rawEngines: { name: string; open(): Promise<{ db: Database; drop(): Promise<void> }> }[] = [
  { name: 'pglite', open: async () => ({ db: await openPglite(), drop: async () => undefined }) },
];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  rawEngines.push({
    name: 'postgres',
    async open() {
      const scratch = await createScratchPostgres(adminUrl);
      return { db: await openPostgres(scratch.url), drop: scratch.drop };
    },
  });
}

describe.each(rawEngines)('records written before the chain, on $name', (engine) => {
  it('are chained by the migration, per organisation in id order, and verify as intact', async () => {
    const { db, drop } = await engine.open();
    try {
      await migrateBefore0012(db);
      const a = await newOrg(db, 'before-a');
      const b = await newOrg(db, 'before-b');
      for (const orgId of [a, b, a]) {
        await apply(db, orgId, { kind: 'add', codes: ['x', 'y', `z${orgId}`], actor: '张三', address: '10.0.0.8' });
        await apply(db, orgId, { kind: 'rename', actor: '李四', address: null });
      }
      const before = await db.query<{ n: number }>('select count(*)::int as n from audit_log');
      const applied = await migrate(db);
      expect(applied[0]).toBe('0012_audit_chain');
      const check = await checkAuditChains(db);
      expect(check.breaks).toEqual([]);
      // 0015 gives each organisation the preset's ledger types, on the trail as well
      expect(check.total).toBe((before[0]?.n ?? 0) + 2 * SEED_PRESET.ledgerTypes.length);
      const out = await db.query<{ ordered: boolean; withRole: number }>(
        `select bool_and(id_rank = seq) as ordered, count(*) filter (where db_role is not null)::int as "withRole"
         from (select seq, db_role, row_number() over (partition by org_id order by id) as id_rank from audit_log) r`,
      );
      // the records written before 0012 name no role; the preset's, written by 0015, do
      expect(out[0]).toEqual({ ordered: true, withRole: 2 * SEED_PRESET.ledgerTypes.length });
      // …and the chain goes on from there.
      await apply(db, b, { kind: 'remove', actor: '王五', address: null });
      expect((await checkAuditChains(db)).breaks).toEqual([]);
    } finally {
      await db.close();
      await drop();
    }
  });
});

describe.skipIf(!adminUrl)('concurrent writers on PostgreSQL', () => {
  it('append to each chain one transaction at a time: positions without gaps, every link intact', async () => {
    const scratch = await createScratchPostgres(adminUrl as string);
    const { openDatabase } = await import('../open.js');
    const handles = [await openDatabase({ url: scratch.url }), await openPostgres(scratch.url)];
    try {
      const [first] = handles as [Database];
      const orgs = [await newOrg(first, 'race-a'), await newOrg(first, 'race-b')];
      await Promise.all(
        Array.from({ length: 32 }, (_, i) => {
          const db = handles[i % handles.length] as Database;
          const orgId = orgs[i % orgs.length] as string;
          return db.transaction(`writer-${i}`, async (tx) => {
            await tx.query(
              `insert into sections (org_id, code, name) select $1, $2 || '-' || g, '股' from generate_series(1, 5) g`,
              [orgId, `w${i}`],
            );
            await tx.query(`update sections set name = name || '!' where org_id = $1 and code like $2`, [
              orgId,
              `w${i}-%`,
            ]);
          });
        }),
      );
      const check = await checkAuditChains(first);
      expect(check.breaks).toEqual([]);
      // each organisation: itself, then 16 writers × (5 inserted + 5 updated)
      expect(check.chains.map((c) => [c.records, c.seq])).toEqual([
        [161, '161'],
        [161, '161'],
      ]);
      // A transaction's records are consecutive on its chain: it held the head from its first write to its commit.
      const runs = await first.query<{ actor: string; spread: number }>(
        `select actor, (max(seq) - min(seq))::int as spread from audit_log where actor like 'writer-%' group by actor`,
      );
      expect(runs).toHaveLength(32);
      for (const run of runs) expect(run.spread).toBe(9);
    } finally {
      for (const db of handles) await db.close();
      await scratch.drop();
    }
  });
});
