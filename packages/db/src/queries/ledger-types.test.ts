import { type FieldDefinition, type LedgerRow, type LedgerTypeDefinition, SEED_PRESET } from '@taizhang/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { openDatabase } from '../open.js';
import {
  createTwoRoleScratchPostgres,
  postgresRequired,
  seedDistrict,
  type TwoRoleScratch,
  testEngines,
} from '../testing.js';
import {
  findLedgerType,
  insertLedgerType,
  LedgerTypeExistsError,
  listLedgerTypes,
  placeColumns,
  StaleLedgerTypeError,
  type StoredLedgerType,
  storedLedgerDef,
  updateLedgerType,
} from './ledger-types.js';
import { getLedgerRow, insertLedgerRow, upsertLedgerRows } from './ledgers.js';
import { UpsertCount } from './upsert-count.js';

/**
 * Ledger types an organisation defines (migration 0014): a catalogue row, and a table
 * ledger_t<id> with columns c<n> made from it by the SECURITY DEFINER ledger_table_sync, which
 * lets through nothing but generated names and catalogue types, whatever the row says.
 */

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl && postgresRequired()) throw new Error('DATABASE_URL is required here but is not set');

/** One field of every kind, each with the type PostgreSQL prints for its column c1…c11. */
const FIELDS: [FieldDefinition, string][] = [
  [{ code: 'name', title: '停车场名称', type: 'text', required: true }, 'text'],
  [{ code: 'spaces', title: '泊位数', type: 'integer', min: 0 }, 'integer'],
  [{ code: 'investment', title: '投资（万元）', type: 'decimal', decimals: 2 }, 'numeric'],
  [{ code: 'startedAt', title: '开工日期', type: 'date' }, 'date'],
  [{ code: 'checkedAt', title: '检查时间', type: 'dateTime' }, 'timestamp with time zone'],
  [{ code: 'charging', title: '有充电桩', type: 'boolean' }, 'boolean'],
  [{ code: 'status', title: '建设状态', type: 'choice', values: ['在建', '已建成'] }, 'text'],
  [{ code: 'keeper', title: '管理股室', type: 'section' }, 'text'],
  [{ code: 'project', title: '所属项目', type: 'reference', ledger: 'projects' }, 'text'],
  [{ code: 'milestones', title: '节点', type: 'stages', stages: ['开工', '竣工'] }, 'jsonb'],
  [{ code: 'extras', title: '其他情况', type: 'facts' }, 'jsonb'],
];
const PARKING: LedgerTypeDefinition = {
  code: 'parking',
  name: '公共停车场台账',
  rowTitle: '停车场',
  fields: FIELDS.map(([field]) => field),
};
const GENERATED = FIELDS.map(([, type], i) => `c${i + 1} ${type}`);
/** The kinds a derived figure filters, places or groups by: integer, date, dateTime, choice, section, reference. */
const INDEXED = ['c2', 'c4', 'c5', 'c7', 'c8', 'c9'];
const BASE = [
  'org_id bigint',
  'id bigint',
  'ref text',
  'section_id bigint',
  'version integer',
  'created_by text',
  'created_at timestamp with time zone',
  'updated_by text',
  'updated_at timestamp with time zone',
];

const LOT: LedgerRow = {
  ref: 'TCC-2021-001',
  section: 'office',
  name: '城东停车场',
  spaces: 120,
  investment: '1234.50',
  startedAt: '2021-03-16',
  checkedAt: '2021-03-02T09:12:00+08:00',
  charging: true,
  status: '在建',
  keeper: 'housing',
  project: 'XM-2021-01',
  milestones: [{ stage: '开工', status: '已完成', plannedAt: '2021-03-01', doneAt: '2021-03-16' }],
  extras: { 充电桩: 12 },
};

/**
 * Each column of a table with its type as PostgreSQL prints it: the bookkeeping in table order,
 * then c1, c2, … by number (they are added in the catalogue's jsonb key order, which means nothing).
 */
async function columnsOf(db: Pick<Database, 'query'>, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string; type: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
     where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [table],
  );
  const generated = (name: string) => /^c\d+$/.test(name);
  const fields = rows
    .filter((r) => generated(r.name))
    .sort((a, b) => Number(a.name.slice(1)) - Number(b.name.slice(1)));
  return [...rows.filter((r) => !generated(r.name)), ...fields].map((r) => `${r.name} ${r.type}`);
}

describe.each(testEngines())('ledger types on $name', (engine) => {
  let db: Database;
  let orgId: string;
  let parking: StoredLedgerType;
  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('loader', (tx) =>
      seedDistrict(tx, { code: 'types', name: '类型区' }, [
        { code: 'office', name: '办公室' },
        { code: 'housing', name: '住房保障股' },
      ]),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('ships the preset in the database as the JSON the code ships, placed as a new type is placed', async () => {
    const presets = await db.query<{ code: string; definition: LedgerTypeDefinition; columns: unknown }>(
      'select code, definition, ledger_definition_columns(definition) as columns from ledger_presets order by position',
    );
    expect(presets.map((p) => p.definition)).toEqual(SEED_PRESET.ledgerTypes);
    for (const preset of presets) expect(preset.columns, preset.code).toEqual(placeColumns(preset.definition, {}));
    // and an organisation starts with it, in its catalogue and its own tables
    const installed = await listLedgerTypes(db, orgId);
    expect(installed.map((t) => [t.code, t.preset])).toEqual(SEED_PRESET.ledgerTypes.map((t) => [t.code, true]));
    for (const type of installed) expect(await columnsOf(db, type.table), type.code).not.toEqual([]);
  });

  it('checks rows in the table as the definition says, and checks anew when it changes', async () => {
    const gate: LedgerTypeDefinition = {
      code: 'gates',
      name: '门禁台账',
      rowTitle: '门禁',
      fields: [
        { code: 'kind', title: '类型', type: 'choice', values: ['人行', '车行'], required: true },
        { code: 'lanes', title: '通道数', type: 'integer', min: 1, max: 8 },
        { code: 'builtAt', title: '建成日期', type: 'date' },
        { code: 'checkedAt', title: '验收时间', type: 'dateTime' },
      ],
      rules: [{ rule: 'notBefore', field: 'builtAt', earlier: 'checkedAt' }],
    };
    // an organisation of its own, so the other cases see only their parking type
    const org = await db.transaction('loader', (tx) =>
      seedDistrict(tx, { code: 'gates', name: '门禁区' }, [{ code: 'office', name: '办公室' }]),
    );
    const stored = await db.transaction('张三', (tx) => insertLedgerType(tx, org, gate));
    const row = { ref: 'MJ-1', section: 'office', kind: '人行', lanes: 2 };
    await db.transaction('张三', (tx) => insertLedgerRow(tx, org, storedLedgerDef(stored), row));
    const refused = (set: string) =>
      db
        .transaction('张三', (tx) => tx.query(`update ${stored.table} set ${set} where org_id = $1`, [org]))
        .then(
          () => 'written',
          (error: Error) => /constraint "([a-z0-9_]+)"/.exec(error.message)?.[1] ?? error.message,
        );
    expect(await refused(`c1 = null`)).toBe('c1_required');
    expect(await refused(`c1 = '货运'`)).toBe('c1_in_list');
    expect(await refused(`c2 = 0`)).toBe('c2_at_least');
    expect(await refused(`c2 = 9`)).toBe('c2_at_most');
    // a date against the Beijing day of an instant: 16:00 UTC on the 1st is already the 2nd in Beijing
    expect(await refused(`c3 = '2021-03-01', c4 = '2021-03-01T16:00:00Z'`)).toBe('rule_1_not_before');
    expect(await refused(`c3 = '2021-03-02', c4 = '2021-03-01T16:00:00Z'`)).toBe('written');
    // 货运 becomes a value, 人行 is retired from the list after its row changes, lanes is retired
    const changed: LedgerTypeDefinition = {
      ...gate,
      fields: [
        { code: 'kind', title: '类型', type: 'choice', values: ['车行', '货运'], required: true },
        { code: 'lanes', title: '通道数', type: 'integer', min: 1, max: 8, retired: true },
        ...gate.fields.slice(2),
      ],
    };
    await db.transaction('张三', (tx) => tx.query(`update ${stored.table} set c1 = '车行' where org_id = $1`, [org]));
    await db.transaction('张三', (tx) => updateLedgerType(tx, org, stored.version, changed));
    expect(await refused(`c1 = '货运', c2 = 99`)).toBe('written');
    expect(await refused(`c1 = '人行'`)).toBe('c1_in_list');
  });

  it('creates ledger_t<id> with its bookkeeping, a typed c<n> per field and indexes on the filtered kinds', async () => {
    parking = await db.transaction('张三', (tx) => insertLedgerType(tx, orgId, PARKING));
    expect(parking).toMatchObject({ code: 'parking', definition: PARKING, version: 1, updatedBy: '张三' });
    expect(parking.table).toMatch(/^ledger_t\d+$/);
    expect(parking.columns).toEqual(Object.fromEntries(PARKING.fields.map((f, i) => [f.code, `c${i + 1}`])));
    expect(await columnsOf(db, parking.table)).toEqual([...BASE, ...GENERATED]);
    const indexes = await db.query<{ name: string }>('select indexname as name from pg_indexes where tablename = $1', [
      parking.table,
    ]);
    expect(indexes.map((i) => i.name).sort()).toEqual(
      ['pkey', 'org_id_ref_key', 'by_section', ...INDEXED].map((s) => `${parking.table}_${s}`).sort(),
    );

    const again = await db
      .transaction('张三', (tx) => insertLedgerType(tx, orgId, { ...PARKING, name: '另一个' }))
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(LedgerTypeExistsError);
    expect((await findLedgerType(db, orgId, 'parking'))?.definition.name).toBe('公共停车场台账');
    // Another organisation's catalogue is its own: the same code is free there.
    const other = await db.transaction('loader', (tx) => seedDistrict(tx, { code: 'other', name: '他区' }, []));
    await db.transaction('loader', (tx) => insertLedgerType(tx, other, PARKING));
    expect((await listLedgerTypes(db, orgId)).filter((t) => !t.preset).map((t) => t.table)).toEqual([parking.table]);
  });

  it('round-trips a row through the generated table: exact decimals, dates, instants, booleans, choices', async () => {
    const ledger = storedLedgerDef(parking);
    const stored = await db.transaction('王五', (tx) => insertLedgerRow(tx, orgId, ledger, LOT));
    const expected = { ...LOT, checkedAt: '2021-03-02T01:12:00Z', version: 1, createdBy: '王五' };
    expect(stored).toMatchObject(expected);
    expect(await getLedgerRow(db, orgId, ledger, LOT.ref)).toMatchObject(expected);
    const count = new UpsertCount();
    const second = { ref: 'TCC-2021-002', section: 'housing', name: '城西停车场', investment: '0.05' };
    await db.transaction('王五', (tx) => upsertLedgerRows(tx, orgId, ledger, [LOT, second], count));
    expect(count).toMatchObject({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await getLedgerRow(db, orgId, ledger, 'TCC-2021-002')).toMatchObject({ ...second, charging: null });
  });

  it('adds the next c<n> for a new field, keeps the others, and writes nothing for the same definition', async () => {
    // The new field comes first: a column is named by when its field was stored, not where it stands.
    const grown = {
      ...PARKING,
      fields: [{ code: 'operator', title: '运营单位', type: 'text' as const }, ...PARKING.fields],
    };
    const updated = await db.transaction('李四', (tx) => updateLedgerType(tx, orgId, 1, grown));
    expect(updated).toMatchObject({ version: 2, updatedBy: '李四', table: parking.table, definition: grown });
    expect(updated.columns).toEqual({ ...parking.columns, operator: 'c12' });
    expect((await columnsOf(db, parking.table)).slice(BASE.length)).toEqual([...GENERATED, 'c12 text']);
    // The row stored before is still read whole, the new field empty.
    expect(await getLedgerRow(db, orgId, storedLedgerDef(updated), LOT.ref)).toMatchObject({
      investment: '1234.50',
      operator: null,
    });

    const same = await db.transaction('王五', (tx) => updateLedgerType(tx, orgId, 2, grown));
    expect(same).toEqual(updated);
    parking = updated;
  });

  it('refuses a stale version, with the type as it is, and a field whose SQL type would change', async () => {
    const before = await findLedgerType(db, orgId, 'parking');
    const stale = await db
      .transaction('王五', (tx) => updateLedgerType(tx, orgId, 1, { ...parking.definition, name: '旧版' }))
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleLedgerTypeError);
    expect((stale as StaleLedgerTypeError).current).toEqual(before);

    const retyped = {
      ...parking.definition,
      fields: parking.definition.fields.map((f) => (f.code === 'spaces' ? { ...f, type: 'text' as const } : f)),
    };
    await expect(db.transaction('王五', (tx) => updateLedgerType(tx, orgId, 2, retyped))).rejects.toThrow(
      /spaces cannot change from integer to text/,
    );
    expect(await findLedgerType(db, orgId, 'parking')).toEqual(before);
    expect((await columnsOf(db, parking.table))[BASE.length + 1]).toBe('c2 integer');
  });

  it('audits the generated table and the catalogue with their actors, and no write that changed nothing', async () => {
    const trail = await db.query<{ table: string; actor: string; action: string; key: string; version: number }>(
      `select table_name as table, actor, action, coalesce(after ->> 'ref', after ->> 'code') as key,
         (after ->> 'version')::int as version
       from audit_log where org_id = $1 and (table_name = $2 or table_name = 'ledger_types' and after ->> 'code' = 'parking')
       order by id`,
      [orgId, parking.table],
    );
    expect(trail).toEqual([
      { table: 'ledger_types', actor: '张三', action: 'insert', key: 'parking', version: 1 },
      { table: parking.table, actor: '王五', action: 'insert', key: LOT.ref, version: 1 },
      { table: parking.table, actor: '王五', action: 'insert', key: 'TCC-2021-002', version: 1 },
      { table: 'ledger_types', actor: '李四', action: 'update', key: 'parking', version: 2 },
    ]);
    await db.transaction('赵六', (tx) =>
      tx.query(`update ${parking.table} set c6 = false, version = version + 1 where org_id = $1 and ref = $2`, [
        orgId,
        LOT.ref,
      ]),
    );
    const [changed] = await db.query<{ actor: string; before: { c6: boolean }; after: { c6: boolean } }>(
      `select actor, before, after from audit_log where table_name = $1 and action = 'update'`,
      [parking.table],
    );
    expect(changed).toMatchObject({ actor: '赵六', before: { c6: true }, after: { c6: false } });
  });

  it('creates a type and its table together or not at all', async () => {
    let table = '';
    const failed = db.transaction('张三', async (tx) => {
      table = (await insertLedgerType(tx, orgId, { ...PARKING, code: 'doomed' })).table;
      expect(await tx.query('select to_regclass($1)::text as t', [table])).toEqual([{ t: table }]);
      throw new Error('abandoned after the DDL');
    });
    await expect(failed).rejects.toThrow('abandoned after the DDL');
    expect(table).toMatch(/^ledger_t\d+$/);
    expect(await findLedgerType(db, orgId, 'doomed')).toBeUndefined();
    expect(await db.query('select to_regclass($1) as t', [table])).toEqual([{ t: null }]);
  });

  it.each([
    [
      'a statement in a column name',
      { column: 'c1; drop table organisations', type: 'text' },
      /not a generated column/,
    ],
    ['a quoted column name', { column: 'c13" text, "x', type: 'text' }, /not a generated column/],
    ['a base column', { column: 'section_id', type: 'bigint' }, /not a generated column/],
    ['a statement in a type', { column: 'c13', type: 'text; drop table organisations' }, /not a column type/],
    ['a type outside the catalogue', { column: 'c13', type: 'numeric(1000, 0)' }, /not a column type/],
    ['another type for a kept column', { column: 'c2', type: 'text' }, /c2 cannot change its type/],
  ])('ledger_table_sync refuses a tampered catalogue: %s', async (_, kept, refusal) => {
    const before = await columnsOf(db, parking.table);
    const tables = await db.query('select count(*)::int as n from pg_class');
    await expect(
      db.transaction('test', async (tx) => {
        await tx.query(`update ledger_types set columns = columns || $3::jsonb where org_id = $1 and code = $2`, [
          orgId,
          'parking',
          JSON.stringify({ probe: { ...kept, indexed: true } }),
        ]);
        await tx.query('select ledger_table_sync($1, $2)', [orgId, 'parking']);
      }),
    ).rejects.toThrow(refusal);
    expect(await columnsOf(db, parking.table)).toEqual(before);
    expect(await db.query('select count(*)::int as n from pg_class')).toEqual(tables);
    expect(await findLedgerType(db, orgId, 'parking')).toEqual(parking);
  });
});

/** The SQLSTATE a statement fails with, or 'ok'. */
function outcome(client: pg.Client, sql: string): Promise<string | undefined> {
  return client.query(sql).then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );
}

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!adminUrl)('ledger types under two PostgreSQL roles', () => {
  let roles: TwoRoleScratch;
  let db: Database | undefined;
  let orgId: string;
  beforeAll(async () => {
    roles = await createTwoRoleScratchPostgres(adminUrl as string);
    db = await openDatabase({ url: roles.runtimeUrl, migrateUrl: roles.ownerUrl });
    orgId = await db.transaction('张三', (tx) =>
      seedDistrict(tx, { code: 'roles', name: '角色区' }, [
        { code: 'office', name: '办公室' },
        { code: 'housing', name: '住房保障股' },
      ]),
    );
  });
  afterAll(async () => {
    await db?.close();
    await roles?.drop();
  });

  it('the runtime role creates no table itself, yet gets a generated one it may write but not alter', async () => {
    const live = db as Database;
    const denied = await asRole(roles.runtimeUrl, (c) => outcome(c, 'create table probe (x integer)'));
    // 42501 insufficient_privilege: CREATE on the schema was taken from PUBLIC
    expect(denied).toBe('42501');

    const type = await live.transaction('张三', (tx) => insertLedgerType(tx, orgId, PARKING));
    const [table] = await live.query<{ owner: string; dml: boolean; truncate: boolean }>(
      `select pg_get_userbyid(c.relowner) as owner,
         has_table_privilege($2, c.oid, 'SELECT, INSERT, UPDATE, DELETE') as dml,
         has_table_privilege($2, c.oid, 'TRUNCATE') as truncate
       from pg_class c where c.oid = to_regclass($1)`,
      [type.table, roles.runtime],
    );
    expect(table).toEqual({ owner: roles.owner, dml: true, truncate: false });

    const stored = await live.transaction('王五', (tx) => insertLedgerRow(tx, orgId, storedLedgerDef(type), LOT));
    expect(stored).toMatchObject({ investment: '1234.50', charging: true, createdBy: '王五' });
    const trail = await live.query<{ actor: string; role: string }>(
      'select actor, db_role as role from audit_log where table_name = $1',
      [type.table],
    );
    expect(trail).toEqual([{ actor: '王五', role: roles.runtime }]);

    // It owns none of it, so it can neither change the table's shape nor drop it.
    for (const sql of [`alter table ${type.table} add column c99 text`, `drop table ${type.table}`]) {
      expect([sql, await asRole(roles.runtimeUrl, (c) => outcome(c, sql))]).toEqual([sql, '42501']);
    }
  });

  it('a temporary table of the runtime role does not stand in for the generated table', async () => {
    const live = db as Database;
    const decoy: LedgerTypeDefinition = {
      code: 'decoy',
      name: '诱饵台账',
      rowTitle: '诱饵',
      fields: PARKING.fields.slice(0, 1),
    };
    // The runtime role's own pg_temp is searched by the owner's function too; a table there named
    // like the one to be made must not make the function believe the table exists.
    const table = await live.transaction('张三', async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `insert into ledger_types (org_id, code, definition, columns) values ($1, $2, $3, $4) returning id::text as id`,
        [
          orgId,
          decoy.code,
          JSON.stringify(decoy),
          JSON.stringify({ name: { column: 'c1', type: 'text', indexed: false } }),
        ],
      );
      await tx.query(`create temporary table ledger_t${row?.id} (c1 text) on commit drop`);
      const [synced] = await tx.query<{ table: string }>('select ledger_table_sync($1, $2) as table', [orgId, 'decoy']);
      return synced?.table as string;
    });
    const [kept] = await live.query<{ schema: string | null }>(
      `select c.relnamespace::regnamespace::text as schema from pg_class c where c.relname = $1 and c.relpersistence = 'p'`,
      [table],
    );
    expect(kept?.schema).toBe('public');
  });
});
