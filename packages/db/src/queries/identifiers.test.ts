import {
  type LedgerColumn,
  type LedgerDef,
  type LedgerTypeDefinition,
  ledgerColumn,
  ledgerColumns,
} from '@taizhang/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../database.js';
import { openDatabase } from '../open.js';
import { orgLedgerLookup, seedDistrict } from '../testing.js';
import { type DerivedSource, derivedFlows, derivedLevels, derivedRowRefs } from './derived.js';
import {
  countLedgerRows,
  getLedgerRow,
  insertLedgerRow,
  listLedgerRows,
  updateLedgerRow,
  upsertLedgerRows,
} from './ledgers.js';
import { UpsertCount } from './upsert-count.js';

/**
 * Table and column names are the only SQL not passed as parameters. They come from a ledger
 * type's definition, which an office writes: whatever it writes, a name reaches SQL only
 * quoted and only in the shape of a generated identifier, or the query is refused before the
 * database sees it.
 */

/** The database, with every statement it is sent written down. */
function recording(db: Queryable): { q: Queryable; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    q: {
      query: (sql, params) => {
        sent.push(sql);
        return db.query(sql, params);
      },
      exec: (sql) => {
        sent.push(sql);
        return db.exec(sql);
      },
    },
  };
}

/** Every query of a ledger, run once: list, count, get, insert, update, upsert. */
async function everyQuery(q: Queryable, orgId: string, ledger: LedgerDef, row: Record<string, string>) {
  const ref = `${ledger.code}-probe`;
  const full = { ref, section: 'office', ...row };
  await insertLedgerRow(q, orgId, ledger, full);
  await listLedgerRows(q, orgId, ledger, { search: '电梯', section: 'office', limit: 5, offset: 0, orderBy: '-ref' });
  await countLedgerRows(q, orgId, ledger, { search: '电梯' });
  await getLedgerRow(q, orgId, ledger, ref);
  await updateLedgerRow(q, orgId, ledger, ref, 1, row);
  await upsertLedgerRows(q, orgId, ledger, [full], new UpsertCount());
}

const SOUND: Record<string, string> = {
  channel: '来信',
  receivedAt: '2021-03-02T09:12:00+08:00',
  category: '物业管理',
  summary: '小区电梯长期停运',
};

describe('identifiers in ledger SQL', () => {
  let db: Database;
  let orgId: string;
  let complaints: LedgerDef;
  let column: (field: string) => string;

  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    orgId = await db.transaction('test', (tx) =>
      seedDistrict(tx, { code: 'ids', name: '标识区' }, [{ code: 'office', name: '办公室' }]),
    );
    complaints = (await orgLedgerLookup(db, orgId))('complaints');
    column = (field) => (ledgerColumn(complaints, field) as LedgerColumn).column;
  });
  afterAll(() => db.close());

  it('are quoted wherever a ledger query names a table or a column', async () => {
    const ledger = complaints;
    const { q, sent } = recording(db);
    await everyQuery(q, orgId, ledger, SOUND);
    const source: DerivedSource = { table: ledger.table, dateColumn: column('receivedAt'), dateType: 'timestamptz' };
    const item = { aggregate: 'count' as const, filters: [{ column: column('category'), value: '物业管理' }] };
    await derivedFlows(q, orgId, source, [item], [2021], false);
    await derivedLevels(q, orgId, source, [item], [{ year: 2021, month: 3 }]);
    await derivedRowRefs(q, orgId, source, [{ ...item, range: { before: '2021-04-01', year: 2021 } }]);
    expect(sent.length).toBeGreaterThan(8);
    const names = [ledger.table, ...ledger.columns.map((c) => c.column)];
    for (const sql of sent) {
      for (const name of names) {
        // a name stands in SQL only between double quotes
        const bare = new RegExp(`(^|[^"A-Za-z0-9_])${name}(?![A-Za-z0-9_"])`);
        expect(bare.test(sql), `${name} unquoted in: ${sql}`).toBe(false);
      }
    }
  });

  it('refuse a hostile table or column name before the database sees a statement', async () => {
    const hostile = ['x"; drop table organisations; --', 'Received_At', '1col', 'a b', 'col"', ''];
    for (const name of hostile) {
      const evilColumn: LedgerColumn = { ...(complaints.columns[0] as LedgerColumn), column: name };
      const ledgers: LedgerDef[] = [
        { ...complaints, table: name as LedgerDef['table'] },
        { ...complaints, columns: [evilColumn, ...complaints.columns.slice(1)] },
      ];
      for (const ledger of ledgers) {
        const { q, sent } = recording(db);
        await expect(everyQuery(q, orgId, ledger, SOUND)).rejects.toThrow(/not a catalogue/);
        // only the section lookup, which names no ledger identifier, may have run
        expect(sent.filter((sql) => sql.includes(name) && name !== '')).toEqual([]);
      }
      const { q, sent } = recording(db);
      await expect(
        derivedLevels(
          q,
          orgId,
          { table: name, dateColumn: column('receivedAt'), dateType: 'timestamptz' },
          [{ aggregate: 'count', filters: [] }],
          [{ year: 2021, month: 3 }],
        ),
      ).rejects.toThrow(/not a catalogue identifier/);
      expect(sent).toEqual([]);
    }
    // the database is as it was: the organisations are still there
    expect(await db.query('select count(*)::int as n from organisations')).toEqual([{ n: 1 }]);
  });
});

describe('column names made from field codes an office writes', () => {
  it('are generated identifiers, or the field is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (code) => {
        const type: LedgerTypeDefinition = {
          code: 'probe',
          name: '探测台账',
          rowTitle: '探测',
          fields: [{ code, title: '字段', type: 'text' }],
        };
        let columns: LedgerColumn[];
        try {
          columns = ledgerColumns(type);
        } catch {
          return;
        }
        for (const column of columns) expect(column.column).toMatch(/^[a-z][a-z0-9_]*$/);
      }),
    );
  });
});
