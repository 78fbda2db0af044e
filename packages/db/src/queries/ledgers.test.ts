import { LEDGER_CODES, type LedgerDef, type LedgerRow } from '@taizhang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { inColumns, orgLedgerLookup, seedDistrict, snapshot, testEngines } from '../testing.js';
import {
  getLedgerRow,
  insertLedgerRow,
  LedgerRefExistsError,
  LedgerRowNotFoundError,
  LedgerSectionNotFoundError,
  listLedgerRows,
  StaleVersionError,
  updateLedgerRow,
  upsertLedgerRows,
} from './ledgers.js';
import { UpsertCount } from './upsert-count.js';

/** information_schema's name of each SQL type the catalogue derives. */
const INFORMATION_SCHEMA_TYPES: Readonly<Record<string, string>> = {
  text: 'text',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  jsonb: 'jsonb',
};

const complaint = (ref: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  ref,
  section: 'office',
  channel: '12345热线',
  receivedAt: '2021-03-02T09:12:00+08:00',
  category: '物业管理',
  summary: '小区电梯长期停运',
  ...extra,
});

describe.each(testEngines())('ledgers on $name', (engine) => {
  let db: Database;
  let orgId: string;
  let ledgerOf: (code: string) => LedgerDef;
  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('loader', (tx) =>
      seedDistrict(tx, { code: 'ledgers', name: '台账区' }, [
        { code: 'office', name: '办公室' },
        { code: 'housing', name: '住房保障股' },
      ]),
    );
    ledgerOf = await orgLedgerLookup(db, orgId);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(LEDGER_CODES)('keeps ledger %s in a generated table whose columns its definition derives', async (code) => {
    const { table, columns } = ledgerOf(code);
    expect(table).toMatch(/^ledger_t\d+$/);
    const found = await db.query<{ name: string; type: string; nullable: string }>(
      `select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns
       where table_name = $1 order by ordinal_position`,
      [table],
    );
    const bookkeeping = [
      'org_id',
      'id',
      'ref',
      'section_id',
      'version',
      'created_by',
      'created_at',
      'updated_by',
      'updated_at',
    ];
    expect(found.filter((c) => !bookkeeping.includes(c.name))).toEqual(
      columns.map((c) => ({
        name: c.column,
        type: INFORMATION_SCHEMA_TYPES[c.sqlType],
        nullable: 'YES',
      })),
    );
    expect(found.map((c) => c.name)).toEqual(expect.arrayContaining(bookkeeping));
    // a required field is held by a check, which a change of the definition can drop or add
    const checks = await db.query<{ name: string }>(
      `select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'c'`,
      [table],
    );
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(columns.filter((c) => c.required).map((c) => `${c.column}_required`)),
    );
  });

  it('upserts by ref: new rows inserted, a reload changes nothing, a changed row gets version 2', async () => {
    const rows = [
      complaint('12345-2021-000118', {
        dueDate: '2021-03-16',
        repliedAt: '2021-03-09T15:00:00+08:00',
        closedAt: '2021-03-12T10:00:00+08:00',
        satisfaction: '满意',
      }),
      complaint('12345-2021-000119', { section: 'housing', category: '供水保障', summary: '停水三天' }),
    ];
    const first = new UpsertCount();
    await db.transaction('张三', (tx) => upsertLedgerRows(tx, orgId, ledgerOf('complaints'), rows, first));
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });

    const before = await snapshot(db);
    const again = new UpsertCount();
    // The same instants written another way are the same rows.
    const rewritten = rows.map((row) => ({ ...row, receivedAt: '2021-03-02T01:12:00Z' }));
    await db.transaction('李四', (tx) => upsertLedgerRows(tx, orgId, ledgerOf('complaints'), rewritten, again));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(before);

    const changed = new UpsertCount();
    const edited = [{ ...(rows[0] as LedgerRow), satisfaction: '基本满意' }, rows[1] as LedgerRow];
    await db.transaction('李四', (tx) => upsertLedgerRows(tx, orgId, ledgerOf('complaints'), edited, changed));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const stored = await getLedgerRow(db, orgId, ledgerOf('complaints'), '12345-2021-000118');
    expect(stored).toMatchObject({
      ref: '12345-2021-000118',
      section: 'office',
      channel: '12345热线',
      receivedAt: '2021-03-02T01:12:00Z',
      dueDate: '2021-03-16',
      repliedAt: '2021-03-09T07:00:00Z',
      closedAt: '2021-03-12T02:00:00Z',
      satisfaction: '基本满意',
      version: 2,
      createdBy: '张三',
      updatedBy: '李四',
    });
    expect(stored?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await getLedgerRow(db, orgId, ledgerOf('complaints'), '12345-2021-000119')).toMatchObject({
      dueDate: null,
      closedAt: null,
      version: 1,
      updatedBy: '张三',
    });
  });

  it('clears on reload a field the file no longer sets, and keeps rows absent from it', async () => {
    await db.transaction('loader', (tx) =>
      upsertLedgerRows(
        tx,
        orgId,
        ledgerOf('commitments'),
        [
          {
            ref: 'BSS-1',
            section: 'housing',
            title: '加装电梯',
            announcedAt: '2021-04-15',
            dueDate: '2021-12-20',
            doneAt: '2021-11-30',
          },
          { ref: 'BSS-2', section: 'housing', title: '老旧小区改造', announcedAt: '2021-04-15', dueDate: '2021-12-20' },
        ],
        new UpsertCount(),
      ),
    );
    const count = new UpsertCount();
    await db.transaction('loader', (tx) =>
      upsertLedgerRows(
        tx,
        orgId,
        ledgerOf('commitments'),
        [{ ref: 'BSS-1', section: 'housing', title: '加装电梯', announcedAt: '2021-04-15', dueDate: '2021-12-20' }],
        count,
      ),
    );
    expect(count).toMatchObject({ updated: 1 });
    expect(await getLedgerRow(db, orgId, ledgerOf('commitments'), 'BSS-1')).toMatchObject({
      doneAt: null,
      version: 2,
    });
    expect(await getLedgerRow(db, orgId, ledgerOf('commitments'), 'BSS-2')).toMatchObject({ version: 1 });
  });

  it('lists rows by section, by a search in the ref and texts, paged and ordered', async () => {
    await db.transaction('loader', (tx) =>
      upsertLedgerRows(
        tx,
        orgId,
        ledgerOf('complaints'),
        [
          complaint('W-1', { category: '拖欠民工工资', summary: '工地拖欠工资 100%' }),
          complaint('W-2', { receivedAt: '2021-01-05T08:00:00+08:00', summary: 'a_b' }),
        ],
        new UpsertCount(),
      ),
    );
    const all = await listLedgerRows(db, orgId, ledgerOf('complaints'), { limit: 100, offset: 0 });
    expect(all.map((row) => row.ref)).toEqual(['12345-2021-000118', '12345-2021-000119', 'W-1', 'W-2']);
    const housing = await listLedgerRows(db, orgId, ledgerOf('complaints'), {
      section: 'housing',
      limit: 100,
      offset: 0,
    });
    expect(housing.map((row) => row.ref)).toEqual(['12345-2021-000119']);
    const wages = await listLedgerRows(db, orgId, ledgerOf('complaints'), {
      search: '民工',
      limit: 100,
      offset: 0,
    });
    expect(wages.map((row) => row.ref)).toEqual(['W-1']);
    // % and _ stand for themselves.
    expect(
      (await listLedgerRows(db, orgId, ledgerOf('complaints'), { search: '%', limit: 9, offset: 0 })).map((r) => r.ref),
    ).toEqual(['W-1']);
    expect(
      (await listLedgerRows(db, orgId, ledgerOf('complaints'), { search: '_', limit: 9, offset: 0 })).map((r) => r.ref),
    ).toEqual(['W-2']);
    expect(
      (await listLedgerRows(db, orgId, ledgerOf('complaints'), { search: 'w-', limit: 9, offset: 0 })).map(
        (r) => r.ref,
      ),
    ).toEqual(['W-1', 'W-2']);
    const page = await listLedgerRows(db, orgId, ledgerOf('complaints'), { limit: 2, offset: 1 });
    expect(page.map((row) => row.ref)).toEqual(['12345-2021-000119', 'W-1']);
    const byReceived = await listLedgerRows(db, orgId, ledgerOf('complaints'), {
      orderBy: 'receivedAt',
      limit: 1,
      offset: 0,
    });
    expect(byReceived.map((row) => row.ref)).toEqual(['W-2']);
    const latestFirst = await listLedgerRows(db, orgId, ledgerOf('complaints'), {
      orderBy: '-ref',
      limit: 1,
      offset: 0,
    });
    expect(latestFirst.map((row) => row.ref)).toEqual(['W-2']);
    await expect(
      listLedgerRows(db, orgId, ledgerOf('complaints'), { orderBy: 'nope', limit: 1, offset: 0 }),
    ).rejects.toThrow(/cannot be ordered by nope/);
  });

  it('inserts one row as the actor, refusing a ref it holds and a section it does not', async () => {
    const row = complaint('ADD-1', { receivedAt: '2021-05-01T10:00:00+0800', dueDate: '2021-05-10' });
    const stored = await db.transaction('王五', (tx) => insertLedgerRow(tx, orgId, ledgerOf('complaints'), row));
    expect(stored).toMatchObject({
      ref: 'ADD-1',
      receivedAt: '2021-05-01T02:00:00Z',
      version: 1,
      createdBy: '王五',
      updatedBy: '王五',
    });
    const duplicate = await db
      .transaction('王五', (tx) => insertLedgerRow(tx, orgId, ledgerOf('complaints'), row))
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(LedgerRefExistsError);
    expect((duplicate as LedgerRefExistsError).existing.ref).toBe('ADD-1');
    await expect(
      db.transaction('王五', (tx) =>
        insertLedgerRow(tx, orgId, ledgerOf('complaints'), complaint('ADD-2', { section: 'nowhere' })),
      ),
    ).rejects.toBeInstanceOf(LedgerSectionNotFoundError);
  });

  it('updates a row only at its stored version, raising it by one; a stale version gets the current row', async () => {
    const updated = await db.transaction('赵六', (tx) =>
      updateLedgerRow(tx, orgId, ledgerOf('complaints'), 'ADD-1', 1, {
        repliedAt: '2021-05-02T09:00:00+08:00',
        section: 'housing',
      }),
    );
    expect(updated).toMatchObject({
      repliedAt: '2021-05-02T01:00:00Z',
      section: 'housing',
      version: 2,
      createdBy: '王五',
      updatedBy: '赵六',
    });

    const stale = await db
      .transaction('王五', (tx) => updateLedgerRow(tx, orgId, ledgerOf('complaints'), 'ADD-1', 1, { repliedAt: null }))
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as StaleVersionError).current).toMatchObject({ version: 2, updatedBy: '赵六' });

    // Changing nothing writes nothing.
    const before = await snapshot(db);
    const same = await db.transaction('王五', (tx) =>
      updateLedgerRow(tx, orgId, ledgerOf('complaints'), 'ADD-1', 2, { repliedAt: '2021-05-02T01:00:00Z' }),
    );
    expect(same.version).toBe(2);
    expect(await snapshot(db)).toEqual(before);

    const cleared = await db.transaction('王五', (tx) =>
      updateLedgerRow(tx, orgId, ledgerOf('complaints'), 'ADD-1', 2, { repliedAt: null, dueDate: null }),
    );
    expect(cleared).toMatchObject({ repliedAt: null, dueDate: null, version: 3 });
    await expect(
      db.transaction('王五', (tx) => updateLedgerRow(tx, orgId, ledgerOf('complaints'), 'NONE', 1, { summary: 'x' })),
    ).rejects.toBeInstanceOf(LedgerRowNotFoundError);
  });

  it('audits every ledger change with its actor', async () => {
    const trail = await db.query<{ actor: string; action: string; ref: string; version: number }>(
      `select actor, action, coalesce(after, before) ->> 'ref' as ref, (coalesce(after, before) ->> 'version')::int as version
       from audit_log where table_name = $1 and coalesce(after, before) ->> 'ref' = 'ADD-1' order by id`,
      [ledgerOf('complaints').table],
    );
    expect(trail).toEqual([
      { actor: '王五', action: 'insert', ref: 'ADD-1', version: 1 },
      { actor: '赵六', action: 'update', ref: 'ADD-1', version: 2 },
      { actor: '王五', action: 'update', ref: 'ADD-1', version: 3 },
    ]);
    const [after] = await db.query<{ after: Record<string, unknown> }>(
      `select after from audit_log where table_name = $1 and action = 'update' and after ->> 'ref' = 'ADD-1'
       order by id desc limit 1`,
      [ledgerOf('complaints').table],
    );
    expect(after?.after).toMatchObject({ created_by: '王五', updated_by: '王五' });
  });

  it.each([
    ['a reply before the day received', `replied_at = '2021-03-01T23:00:00+08:00'`, 'rule_2_not_before'],
    ['a closure without a reply', `replied_at = null, closed_at = '2021-03-03T10:00:00+08:00'`, 'rule_4_requires'],
    ['a rating of an open complaint', `satisfaction = '满意'`, 'rule_5_requires'],
    ['a due date before the day received', `due_date = '2021-03-01'`, 'rule_1_not_before'],
    ['an unknown channel', `channel = '微博'`, 'c1_in_list'],
  ])('refuses in the database itself %s', async (_, set, constraint) => {
    const complaints = ledgerOf('complaints');
    await expect(
      db.transaction('test', (tx) =>
        tx.query(
          `update ${complaints.table} set ${inColumns(complaints, set)} where org_id = $1 and ref = '12345-2021-000119'`,
          [orgId],
        ),
      ),
    ).rejects.toThrow(constraint);
  });

  it('refuses in the database a commitment due or done before it was announced', async () => {
    for (const set of [`due_date = '2021-04-14'`, `done_at = '2021-04-14'`]) {
      await expect(
        db.transaction('test', (tx) =>
          tx.query(
            `update ${ledgerOf('commitments').table} set ${inColumns(ledgerOf('commitments'), set)}
             where org_id = $1 and ref = 'BSS-2'`,
            [orgId],
          ),
        ),
      ).rejects.toThrow(/rule_\d+_not_before/);
    }
  });
  /** A sound row of each newer ledger, stored first; each case then breaks one rule in SQL. */
  const sound: [string, LedgerRow][] = [
    [
      'supervision',
      {
        ref: 'XF-1',
        section: 'office',
        kind: '消防验收',
        projectName: '龙泉花园',
        buildingArea: '1.25',
        registeredAt: '2021-05-06',
        acceptedAt: '2021-05-16',
      },
    ],
    [
      'renovations',
      {
        ref: 'GZ-1',
        section: 'housing',
        community: '文化巷小区',
        households: 120,
        plannedStart: '2021-03-01',
        startedAt: '2021-03-20',
      },
    ],
    ['rent_subsidies', { ref: 'LZ-1', section: 'housing', households: 14, amount: '3.36', paidAt: '2021-10-11' }],
    [
      'seismic_retrofits',
      { ref: 'NF-1', section: 'office', batch: 1, township: '龙泉镇', households: 60, status: '实施中' },
    ],
    [
      'campaign_works',
      {
        ref: 'QG-1',
        section: 'office',
        type: '旱厕消除',
        quantity: 3,
        location: '文化社区',
        completedAt: '2021-04-02',
      },
    ],
    [
      'infrastructure',
      {
        ref: 'JC-1',
        section: 'office',
        type: '游园',
        name: '九曲文河游园',
        area: '11200',
        status: '在建',
        startedAt: '2021-06-08',
      },
    ],
    [
      'rectification',
      { ref: 'LH-1', section: 'office', item: '复耕', quantity: '600.25', unit: '亩', doneAt: '2021-05-20' },
    ],
    [
      'stalled_projects',
      {
        ref: 'FG-1',
        section: 'office',
        name: '东郡明珠二标段项目',
        resumedAt: '2021-03-15',
        progress: '85.50',
        progressAt: '2021-10-28',
        plannedPreAcceptance: '2021-11-30',
        plannedCompletion: '2021-12-15',
      },
    ],
  ];

  it('stores a row of each newer ledger with its integers, booleans and exact decimals', async () => {
    for (const [code, row] of sound) {
      const stored = await db.transaction('王五', (tx) => insertLedgerRow(tx, orgId, ledgerOf(code), row));
      expect(stored).toMatchObject({ ...row, version: 1 });
    }
    const quality = await db.transaction('王五', (tx) =>
      insertLedgerRow(tx, orgId, ledgerOf('supervision'), {
        ref: 'ZJ-1',
        section: 'office',
        kind: '质量监督',
        projectName: '龙泉花园',
        buildingArea: '1.20',
        registeredAt: '2021-05-06',
        newStart: true,
      }),
    );
    expect(quality).toMatchObject({ buildingArea: '1.20', newStart: true, acceptedAt: null });
  });

  it.each([
    ['supervision', 'XF-1', `building_area = -1`, 'c3_at_least'],
    ['supervision', 'XF-1', `accepted_at = '2021-05-05'`, 'rule_4_not_before'],
    ['supervision', 'XF-1', `opinion_issued_at = '2021-05-15'`, 'rule_5_not_before'],
    ['supervision', 'XF-1', `accepted_at = null, opinion_issued_at = '2021-05-18'`, 'rule_6_requires'],
    ['supervision', 'XF-1', `kind = '安全监督'`, /rule_[23]_only_when/],
    ['supervision', 'ZJ-1', `kind = '竣工验收备案'`, 'rule_1_only_when'],
    ['renovations', 'GZ-1', `completed_at = '2021-03-19'`, 'rule_1_not_before'],
    ['renovations', 'GZ-1', `started_at = null, completed_at = '2021-08-30'`, 'rule_2_requires'],
    ['renovations', 'GZ-1', `households = -1`, 'c2_at_least'],
    ['rent_subsidies', 'LZ-1', `amount = -0.01`, 'c2_at_least'],
    ['seismic_retrofits', 'NF-1', `status = '已完工'`, 'rule_1_required_when'],
    ['seismic_retrofits', 'NF-1', `completed_at = '2021-07-20'`, 'rule_2_only_when'],
    ['seismic_retrofits', 'NF-1', `batch = 0`, 'c1_at_least'],
    ['campaign_works', 'QG-1', `quantity = 0`, 'c2_at_least'],
    ['infrastructure', 'JC-1', `status = '已建成'`, 'rule_2_required_when'],
    ['infrastructure', 'JC-1', `status = '已建成', completed_at = '2021-06-01'`, 'rule_1_not_before'],
    ['infrastructure', 'JC-1', `investment = -86.5`, 'c5_at_least'],
    ['rectification', 'LH-1', `unit = '棵'`, 'rule_1_implied_by'],
    ['rectification', 'LH-1', `quantity = -1`, 'c2_at_least'],
    ['stalled_projects', 'FG-1', `progress = 100.01`, 'c3_at_most'],
    ['stalled_projects', 'FG-1', `progress = -1`, 'c3_at_least'],
    ['stalled_projects', 'FG-1', `progress_at = null`, 'rule_1_requires'],
    ['stalled_projects', 'FG-1', `progress_at = '2021-03-14'`, 'rule_2_not_before'],
    ['stalled_projects', 'FG-1', `planned_completion = '2021-11-29'`, 'rule_3_not_before'],
    ['stalled_projects', 'FG-1', `completed_at = '2021-03-01'`, 'rule_4_not_before'],
  ])('refuses in the database itself, in %s %s: %s', async (code, ref, set, constraint) => {
    await expect(
      db.transaction('test', (tx) =>
        tx.query(
          `update ${ledgerOf(code).table} set ${inColumns(ledgerOf(code), set)} where org_id = $1 and ref = $2`,
          [orgId, ref],
        ),
      ),
    ).rejects.toThrow(constraint);
  });
});
