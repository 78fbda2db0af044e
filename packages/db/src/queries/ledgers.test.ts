import { LEDGER_CODES, type LedgerRow, presetLedger } from '@taizhang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { seedDistrict, snapshot, testEngines } from '../testing.js';
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
  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('loader', (tx) =>
      seedDistrict(tx, { code: 'ledgers', name: '台账区' }, [
        { code: 'office', name: '办公室' },
        { code: 'housing', name: '住房保障股' },
      ]),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(LEDGER_CODES)('keeps ledger %s in a table whose columns are the ones its schema derives', async (code) => {
    const { table, columns } = presetLedger(code);
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
        nullable: c.required ? 'NO' : 'YES',
      })),
    );
    expect(found.map((c) => c.name)).toEqual(expect.arrayContaining(bookkeeping));
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
    await db.transaction('张三', (tx) => upsertLedgerRows(tx, orgId, presetLedger('complaints'), rows, first));
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });

    const before = await snapshot(db);
    const again = new UpsertCount();
    // The same instants written another way are the same rows.
    const rewritten = rows.map((row) => ({ ...row, receivedAt: '2021-03-02T01:12:00Z' }));
    await db.transaction('李四', (tx) => upsertLedgerRows(tx, orgId, presetLedger('complaints'), rewritten, again));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(before);

    const changed = new UpsertCount();
    const edited = [{ ...(rows[0] as LedgerRow), satisfaction: '基本满意' }, rows[1] as LedgerRow];
    await db.transaction('李四', (tx) => upsertLedgerRows(tx, orgId, presetLedger('complaints'), edited, changed));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const stored = await getLedgerRow(db, orgId, presetLedger('complaints'), '12345-2021-000118');
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
    expect(await getLedgerRow(db, orgId, presetLedger('complaints'), '12345-2021-000119')).toMatchObject({
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
        presetLedger('commitments'),
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
        presetLedger('commitments'),
        [{ ref: 'BSS-1', section: 'housing', title: '加装电梯', announcedAt: '2021-04-15', dueDate: '2021-12-20' }],
        count,
      ),
    );
    expect(count).toMatchObject({ updated: 1 });
    expect(await getLedgerRow(db, orgId, presetLedger('commitments'), 'BSS-1')).toMatchObject({
      doneAt: null,
      version: 2,
    });
    expect(await getLedgerRow(db, orgId, presetLedger('commitments'), 'BSS-2')).toMatchObject({ version: 1 });
  });

  it('lists rows by section, by a search in the ref and texts, paged and ordered', async () => {
    await db.transaction('loader', (tx) =>
      upsertLedgerRows(
        tx,
        orgId,
        presetLedger('complaints'),
        [
          complaint('W-1', { category: '拖欠民工工资', summary: '工地拖欠工资 100%' }),
          complaint('W-2', { receivedAt: '2021-01-05T08:00:00+08:00', summary: 'a_b' }),
        ],
        new UpsertCount(),
      ),
    );
    const all = await listLedgerRows(db, orgId, presetLedger('complaints'), { limit: 100, offset: 0 });
    expect(all.map((row) => row.ref)).toEqual(['12345-2021-000118', '12345-2021-000119', 'W-1', 'W-2']);
    const housing = await listLedgerRows(db, orgId, presetLedger('complaints'), {
      section: 'housing',
      limit: 100,
      offset: 0,
    });
    expect(housing.map((row) => row.ref)).toEqual(['12345-2021-000119']);
    const wages = await listLedgerRows(db, orgId, presetLedger('complaints'), {
      search: '民工',
      limit: 100,
      offset: 0,
    });
    expect(wages.map((row) => row.ref)).toEqual(['W-1']);
    // % and _ stand for themselves.
    expect(
      (await listLedgerRows(db, orgId, presetLedger('complaints'), { search: '%', limit: 9, offset: 0 })).map(
        (r) => r.ref,
      ),
    ).toEqual(['W-1']);
    expect(
      (await listLedgerRows(db, orgId, presetLedger('complaints'), { search: '_', limit: 9, offset: 0 })).map(
        (r) => r.ref,
      ),
    ).toEqual(['W-2']);
    expect(
      (await listLedgerRows(db, orgId, presetLedger('complaints'), { search: 'w-', limit: 9, offset: 0 })).map(
        (r) => r.ref,
      ),
    ).toEqual(['W-1', 'W-2']);
    const page = await listLedgerRows(db, orgId, presetLedger('complaints'), { limit: 2, offset: 1 });
    expect(page.map((row) => row.ref)).toEqual(['12345-2021-000119', 'W-1']);
    const byReceived = await listLedgerRows(db, orgId, presetLedger('complaints'), {
      orderBy: 'receivedAt',
      limit: 1,
      offset: 0,
    });
    expect(byReceived.map((row) => row.ref)).toEqual(['W-2']);
    const latestFirst = await listLedgerRows(db, orgId, presetLedger('complaints'), {
      orderBy: '-ref',
      limit: 1,
      offset: 0,
    });
    expect(latestFirst.map((row) => row.ref)).toEqual(['W-2']);
    await expect(
      listLedgerRows(db, orgId, presetLedger('complaints'), { orderBy: 'nope', limit: 1, offset: 0 }),
    ).rejects.toThrow(/cannot be ordered by nope/);
  });

  it('inserts one row as the actor, refusing a ref it holds and a section it does not', async () => {
    const row = complaint('ADD-1', { receivedAt: '2021-05-01T10:00:00+0800', dueDate: '2021-05-10' });
    const stored = await db.transaction('王五', (tx) => insertLedgerRow(tx, orgId, presetLedger('complaints'), row));
    expect(stored).toMatchObject({
      ref: 'ADD-1',
      receivedAt: '2021-05-01T02:00:00Z',
      version: 1,
      createdBy: '王五',
      updatedBy: '王五',
    });
    const duplicate = await db
      .transaction('王五', (tx) => insertLedgerRow(tx, orgId, presetLedger('complaints'), row))
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(LedgerRefExistsError);
    expect((duplicate as LedgerRefExistsError).existing.ref).toBe('ADD-1');
    await expect(
      db.transaction('王五', (tx) =>
        insertLedgerRow(tx, orgId, presetLedger('complaints'), complaint('ADD-2', { section: 'nowhere' })),
      ),
    ).rejects.toBeInstanceOf(LedgerSectionNotFoundError);
  });

  it('updates a row only at its stored version, raising it by one; a stale version gets the current row', async () => {
    const updated = await db.transaction('赵六', (tx) =>
      updateLedgerRow(tx, orgId, presetLedger('complaints'), 'ADD-1', 1, {
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
      .transaction('王五', (tx) =>
        updateLedgerRow(tx, orgId, presetLedger('complaints'), 'ADD-1', 1, { repliedAt: null }),
      )
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as StaleVersionError).current).toMatchObject({ version: 2, updatedBy: '赵六' });

    // Changing nothing writes nothing.
    const before = await snapshot(db);
    const same = await db.transaction('王五', (tx) =>
      updateLedgerRow(tx, orgId, presetLedger('complaints'), 'ADD-1', 2, { repliedAt: '2021-05-02T01:00:00Z' }),
    );
    expect(same.version).toBe(2);
    expect(await snapshot(db)).toEqual(before);

    const cleared = await db.transaction('王五', (tx) =>
      updateLedgerRow(tx, orgId, presetLedger('complaints'), 'ADD-1', 2, { repliedAt: null, dueDate: null }),
    );
    expect(cleared).toMatchObject({ repliedAt: null, dueDate: null, version: 3 });
    await expect(
      db.transaction('王五', (tx) =>
        updateLedgerRow(tx, orgId, presetLedger('complaints'), 'NONE', 1, { summary: 'x' }),
      ),
    ).rejects.toBeInstanceOf(LedgerRowNotFoundError);
  });

  it('audits every ledger change with its actor', async () => {
    const trail = await db.query<{ actor: string; action: string; ref: string; version: number }>(
      `select actor, action, coalesce(after, before) ->> 'ref' as ref, (coalesce(after, before) ->> 'version')::int as version
       from audit_log where table_name = 'ledger_complaints' and coalesce(after, before) ->> 'ref' = 'ADD-1' order by id`,
    );
    expect(trail).toEqual([
      { actor: '王五', action: 'insert', ref: 'ADD-1', version: 1 },
      { actor: '赵六', action: 'update', ref: 'ADD-1', version: 2 },
      { actor: '王五', action: 'update', ref: 'ADD-1', version: 3 },
    ]);
    const [after] = await db.query<{ after: Record<string, unknown> }>(
      `select after from audit_log where table_name = 'ledger_complaints' and action = 'update' and after ->> 'ref' = 'ADD-1'
       order by id desc limit 1`,
    );
    expect(after?.after).toMatchObject({ created_by: '王五', updated_by: '王五' });
  });

  it.each([
    ['a reply before the day received', `replied_at = '2021-03-01T23:00:00+08:00'`, 'replied_not_before_received'],
    ['a closure without a reply', `replied_at = null, closed_at = '2021-03-03T10:00:00+08:00'`, 'closed_after_reply'],
    ['a rating of an open complaint', `satisfaction = '满意'`, 'rated_when_closed'],
    ['a due date before the day received', `due_date = '2021-03-01'`, 'due_not_before_received'],
    ['an unknown channel', `channel = '微博'`, 'check'],
  ])('refuses in the database itself %s', async (_, set, constraint) => {
    await expect(
      db.transaction('test', (tx) =>
        tx.query(`update ledger_complaints set ${set} where org_id = $1 and ref = '12345-2021-000119'`, [orgId]),
      ),
    ).rejects.toThrow(constraint);
  });

  it('refuses in the database a commitment due or done before it was announced', async () => {
    for (const set of [`due_date = '2021-04-14'`, `done_at = '2021-04-14'`]) {
      await expect(
        db.transaction('test', (tx) =>
          tx.query(`update ledger_commitments set ${set} where org_id = $1 and ref = 'BSS-2'`, [orgId]),
        ),
      ).rejects.toThrow(/not_before_announced/);
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
      const stored = await db.transaction('王五', (tx) => insertLedgerRow(tx, orgId, presetLedger(code), row));
      expect(stored).toMatchObject({ ...row, version: 1 });
    }
    const quality = await db.transaction('王五', (tx) =>
      insertLedgerRow(tx, orgId, presetLedger('supervision'), {
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
    ['supervision', 'XF-1', `building_area = -1`, 'building_area_check'],
    ['supervision', 'XF-1', `accepted_at = '2021-05-05'`, 'accepted_not_before_registered'],
    ['supervision', 'XF-1', `opinion_issued_at = '2021-05-15'`, 'opinion_not_before_accepted'],
    ['supervision', 'XF-1', `accepted_at = null, opinion_issued_at = '2021-05-18'`, 'opinion_after_acceptance'],
    ['supervision', 'XF-1', `kind = '安全监督'`, 'acceptance_for_fire'],
    ['supervision', 'ZJ-1', `kind = '竣工验收备案'`, 'new_start_for_quality'],
    ['renovations', 'GZ-1', `completed_at = '2021-03-19'`, 'completed_not_before_started'],
    ['renovations', 'GZ-1', `started_at = null, completed_at = '2021-08-30'`, 'completed_after_start'],
    ['renovations', 'GZ-1', `households = -1`, 'households_check'],
    ['rent_subsidies', 'LZ-1', `amount = -0.01`, 'amount_check'],
    ['seismic_retrofits', 'NF-1', `status = '已完工'`, 'completed_when_done'],
    ['seismic_retrofits', 'NF-1', `completed_at = '2021-07-20'`, 'completed_when_done'],
    ['seismic_retrofits', 'NF-1', `batch = 0`, 'batch_check'],
    ['campaign_works', 'QG-1', `quantity = 0`, 'quantity_check'],
    ['infrastructure', 'JC-1', `status = '已建成'`, 'completed_when_built'],
    ['infrastructure', 'JC-1', `status = '已建成', completed_at = '2021-06-01'`, 'completed_not_before_started'],
    ['infrastructure', 'JC-1', `investment = -86.5`, 'investment_check'],
    ['rectification', 'LH-1', `unit = '棵'`, 'unit_of_item'],
    ['rectification', 'LH-1', `quantity = -1`, 'quantity_check'],
    ['stalled_projects', 'FG-1', `progress = 100.01`, 'progress_check'],
    ['stalled_projects', 'FG-1', `progress = -1`, 'progress_check'],
    ['stalled_projects', 'FG-1', `progress_at = null`, 'progress_with_date'],
    ['stalled_projects', 'FG-1', `progress_at = '2021-03-14'`, 'progress_not_before_resumed'],
    ['stalled_projects', 'FG-1', `planned_completion = '2021-11-29'`, 'completion_not_before_pre_acceptance'],
    ['stalled_projects', 'FG-1', `completed_at = '2021-03-01'`, 'completed_not_before_resumed'],
  ])('refuses in the database itself, in %s %s: %s', async (code, ref, set, constraint) => {
    await expect(
      db.transaction('test', (tx) =>
        tx.query(`update ledger_${code} set ${set} where org_id = $1 and ref = $2`, [orgId, ref]),
      ),
    ).rejects.toThrow(constraint);
  });
});
