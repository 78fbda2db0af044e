import { firstDayAfter, type LedgerDef, snakeCase } from '@taizhang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { inColumns, orgLedgerLookup, seedDistrict, testEngines } from '../testing.js';
import {
  type DerivedQuery,
  derivedFlow,
  derivedFlowsAndRows,
  derivedLevel,
  derivedLevelsAndRows,
  derivedRowRefs,
  derivedRows,
} from './derived.js';

/**
 * The queries below are written in the preset's table and field names (ledger_complaints,
 * received_at) for readability; `stored` puts them in the generated names the catalogue gave
 * the organisation's ledgers. A table that is no ledger's name is left as written.
 */
let ledgerOf: (code: string) => LedgerDef;

function stored(query: DerivedQuery): DerivedQuery {
  if (!/^ledger_[a-z_]+$/.test(query.table)) return query;
  const ledger = ledgerOf(query.table.slice('ledger_'.length));
  const column = (name: string | undefined) =>
    name === undefined ? undefined : (ledger.columns.find((c) => snakeCase(c.field) === name)?.column ?? name);
  return {
    ...query,
    table: ledger.table,
    dateColumn: column(query.dateColumn),
    yearColumn: column(query.yearColumn),
    sumColumn: column(query.sumColumn),
    filters: query.filters.map((f) => ({
      ...f,
      column: column(f.column) as string,
      states: f.states?.map((state) => ({ ...state, column: column(state.column) })),
    })),
  };
}

const complaints: DerivedQuery = {
  table: 'ledger_complaints',
  dateColumn: 'received_at',
  dateType: 'timestamptz',
  aggregate: 'count',
  filters: [],
};

describe.each(testEngines())('derived aggregates on $name', (engine) => {
  let db: Database;
  let orgId: string;

  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('test', async (tx) => {
      const id = await seedDistrict(tx, { code: 'derived', name: '派生区' }, [{ code: 'office', name: '办公室' }]);
      ledgerOf = await orgLedgerLookup(tx, id);
      const rows: [string, string, string, string | null][] = [
        // 2021-01-31 20:30 UTC is 1 February 04:30 in Beijing: a February complaint.
        ['C1', '2021-01-31T20:30:00Z', '物业管理', '2021-02-03T00:00:00Z'],
        ['C2', '2021-01-31T15:59:00Z', '物业管理', null],
        ['C3', '2021-02-10T02:00:00Z', '供水保障', '2021-02-12T00:00:00Z'],
        ['C4', '2021-10-05T02:00:00Z', '拖欠民工工资', null],
        ['C5', '2020-02-10T02:00:00Z', '物业管理', '2020-02-15T00:00:00Z'],
      ];
      for (const [ref, receivedAt, category, repliedAt] of rows) {
        await tx.query(
          inColumns(
            ledgerOf('complaints'),
            `insert into ${ledgerOf('complaints').table} (org_id, ref, section_id, channel, received_at, category, summary, replied_at)
             select $1, $2, s.id, '12345热线', $3::timestamptz, $4, '摘要', $5::timestamptz
             from sections s where s.org_id = $1 and s.code = 'office'`,
          ),
          [id, ref, receivedAt, category, repliedAt],
        );
      }
      for (const [ref, doneAt] of [
        ['B1', '2021-09-18'],
        ['B2', null],
        ['B3', '2021-11-02'],
      ] as const) {
        await tx.query(
          inColumns(
            ledgerOf('commitments'),
            `insert into ${ledgerOf('commitments').table} (org_id, ref, section_id, title, announced_at, due_date, done_at)
             select $1, $2, s.id, '事项', '2021-04-15', '2021-12-20', $3::date
             from sections s where s.org_id = $1 and s.code = 'office'`,
          ),
          [id, ref, doneAt],
        );
      }
      return id;
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('counts rows per month in Beijing time, in one grouped query', async () => {
    const values = await derivedFlow(db, orgId, stored(complaints), [2020, 2021], false);
    expect(values).toEqual([
      { year: 2020, period: 2, value: '1' },
      { year: 2021, period: 1, value: '1' },
      { year: 2021, period: 2, value: '2' },
      { year: 2021, period: 10, value: '1' },
    ]);
  });

  it('counts per quarter for a quarterly indicator', async () => {
    const values = await derivedFlow(db, orgId, stored(complaints), [2021], true);
    expect(values).toEqual([
      { year: 2021, period: 1, value: '3' },
      { year: 2021, period: 4, value: '1' },
    ]);
  });

  it('filters by a value, by any of several, and by "not set"', async () => {
    const property = { ...complaints, filters: [{ column: 'category', value: '物业管理' }] };
    expect(await derivedFlow(db, orgId, stored(property), [2021], false)).toEqual([
      { year: 2021, period: 1, value: '1' },
      { year: 2021, period: 2, value: '1' },
    ]);
    const several = { ...complaints, filters: [{ column: 'category', value: ['供水保障', '拖欠民工工资'] }] };
    expect((await derivedFlow(db, orgId, stored(several), [2021], false)).map((v) => v.period)).toEqual([2, 10]);
    const unanswered = { ...complaints, filters: [{ column: 'replied_at', value: null }] };
    expect(await derivedLevel(db, orgId, stored(unanswered), [{ year: 2021, month: 12 }])).toEqual(['2']);
    // C1, C3 and the 2020 complaint C5 have been replied to.
    const answered = { ...complaints, filters: [{ column: 'replied_at', value: { not: null } }] };
    expect(await derivedLevel(db, orgId, stored(answered), [{ year: 2021, month: 12 }])).toEqual(['3']);
  });

  it('counts rows on or before the end of a period for a level', async () => {
    const done: DerivedQuery = {
      table: 'ledger_commitments',
      dateColumn: 'done_at',
      dateType: 'date',
      aggregate: 'count',
      filters: [],
    };
    expect(
      await derivedLevel(db, orgId, stored(done), [
        { year: 2021, month: 10 },
        { year: 2021, month: 11 },
        { year: 2020, month: 10 },
      ]),
    ).toEqual(['1', '2', '0']);
  });

  it('judges "set" and "not set" of a date as of the period, so a past figure never moves', async () => {
    const open: DerivedQuery = {
      table: 'ledger_commitments',
      dateColumn: 'announced_at',
      dateType: 'date',
      aggregate: 'count',
      filters: [{ column: 'done_at', value: null, dateType: 'date' }],
    };
    // B3 was done on 2 November: still open at the end of October, done by the end of November.
    expect(
      await derivedLevel(db, orgId, stored(open), [
        { year: 2021, month: 10 },
        { year: 2021, month: 11 },
      ]),
    ).toEqual(['2', '1']);
    const answered = {
      ...complaints,
      filters: [{ column: 'replied_at', value: { not: null }, dateType: 'timestamptz' as const }],
    };
    // By the end of January only C5 (2020) had been answered; C2 was received in January and never answered.
    expect(await derivedLevel(db, orgId, stored(answered), [{ year: 2021, month: 1 }])).toEqual(['1']);
    // C1's reply (3 February, Beijing) counts in a report through 10 February; C3's (12 February) does not.
    expect(await derivedFlow(db, orgId, stored(answered), [2021], false, '2021-02-11')).toEqual([
      { year: 2021, period: 2, value: '1' },
    ]);
    expect(await derivedFlow(db, orgId, stored(answered), [2021], false)).toEqual([
      { year: 2021, period: 2, value: '2' },
    ]);
    const rows = await derivedRows(db, orgId, stored(open), { before: firstDayAfter(2021, 10), year: 2021 });
    expect(rows).toEqual({ refs: ['B2', 'B3'], total: 2 });
  });

  it('lists the rows behind a figure, with the total', async () => {
    const rows = await derivedRows(
      db,
      orgId,
      stored(complaints),
      { from: '2021-01-01', before: firstDayAfter(2021, 10), year: 2021 },
      2,
    );
    expect(rows).toEqual({ refs: ['C1', 'C2'], total: 4 });
  });

  it('gives the rows behind a figure in the value query’s own scan, as the separate query gives them', async () => {
    const source = stored(complaints);
    const range = { from: '2021-01-01', before: firstDayAfter(2021, 10), year: 2021 };
    // a limit below the matches, across months: the first refs of each month are merged in byte order
    for (const limit of [1, 2, 3, 200]) {
      const alone = await derivedRowRefs(db, orgId, source, [{ ...source, range }], limit);
      const flows = await derivedFlowsAndRows(
        db,
        orgId,
        source,
        [source],
        [2020, 2021],
        false,
        undefined,
        [range],
        limit,
      );
      const levels = await derivedLevelsAndRows(
        db,
        orgId,
        source,
        [source],
        [{ year: 2021, month: 10 }],
        [range],
        limit,
      );
      expect(flows.rows, `limit ${limit}`).toEqual(alone);
      expect(levels.rows, `limit ${limit}`).toEqual(alone);
    }
    expect((await derivedRowRefs(db, orgId, source, [{ ...source, range }], 2))[0]).toEqual({
      refs: ['C1', 'C2'],
      total: 4,
    });
  });

  it('refuses an identifier that is not a catalogue name', async () => {
    await expect(
      derivedFlow(db, orgId, stored({ ...complaints, table: 'x; drop table y' }), [2021], false),
    ).rejects.toThrow(/not a catalogue identifier/);
  });
});
