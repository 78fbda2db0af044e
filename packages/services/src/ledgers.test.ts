import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerDef } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import { orgLedgerLookup, snapshot, testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLedger } from './ledger-catalogue.js';
import {
  addLedgerRow,
  beijingTime,
  LedgerRowRejected,
  LedgerVersionConflict,
  listLedger,
  readLedgerInputFile,
  showLedgerRow,
  updateLedger,
} from './ledgers.js';
import { loadDatasetFile } from './load-dataset.js';
import { resolveOrganisation } from './organisation.js';
import type { UserError } from './user-error.js';

const DATASET = `format: taizhang-dataset/1
organisation: { code: ledger-district, name: 台账区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
  - { code: housing, name: 住房保障股 }
indicators: []
ledgers:
  complaints:
    - { ref: "12345-2021-000118", section: office, channel: 12345热线, receivedAt: 2021-03-02T09:12:00+08:00, category: 物业管理, summary: 小区电梯长期停运, dueDate: 2021-03-16, repliedAt: 2021-03-09T15:00:00+08:00, closedAt: 2021-03-12T10:00:00+08:00, satisfaction: 满意 }
    - { ref: "12345-2021-000203", section: housing, channel: 来访, receivedAt: 2021-04-08 10:30, category: 拖欠民工工资, summary: 某工地拖欠农民工工资 }
    - { ref: "12345-2021-000310", section: office, channel: 网络, receivedAt: 2021-05-20, category: 供水保障, summary: 小区停水 }
  commitments:
    - { ref: BSS-2021-01, section: housing, title: 老旧小区加装电梯试点, announcedAt: 2021-04-15, dueDate: 2021-12-20 }
`;

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taizhang-ledgers-'));
  file = join(dir, 'ledgers.yaml');
  await writeFile(file, DATASET);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = (value: unknown) => ({ text: JSON.stringify(value), source: '--json' });

/** The error a call rejects with. */
async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail('the call should have been refused'),
    (error: unknown) => error,
  );
}

describe.each(testEngines())('ledger services on $name', (engine) => {
  let ledgerOf: (code: string) => LedgerDef;
  let db: Database;
  let org: OrganisationRow;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads ledgers with the dataset, and loading again changes nothing', async () => {
    const first = await loadDatasetFile(db, file, '载入员');
    expect(first.counts.ledgers.complaints).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    expect(first.counts.ledgers.commitments).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
    org = await resolveOrganisation(db, 'ledger-district');
    ledgerOf = await orgLedgerLookup(db, org.id);

    const before = await snapshot(db);
    const second = await loadDatasetFile(db, file, '载入员');
    expect(second.counts.ledgers.complaints).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(second.counts.ledgers.commitments).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates on reload only the row the file changed, keeping the rows it left out', async () => {
    const edited = join(dir, 'edited.yaml');
    const text = DATASET.replace('summary: 小区停水 }', 'summary: 小区停水两天 }').replace(
      /\n {4}- \{ ref: "12345-2021-000203".*\n/,
      '\n',
    );
    await writeFile(edited, text);
    const summary = await loadDatasetFile(db, edited, '载入员乙');
    expect(summary.counts.ledgers.complaints).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await showLedgerRow(db, org, ledgerOf('complaints'), '12345-2021-000310')).toMatchObject({
      summary: '小区停水两天',
      version: 2,
      createdBy: '载入员',
      updatedBy: '载入员乙',
    });
    expect((await showLedgerRow(db, org, ledgerOf('complaints'), '12345-2021-000203')).version).toBe(1);
  });

  it('lists rows by section, search, page and order, as the dataset writes them', async () => {
    const all = await listLedger(db, org, ledgerOf('complaints'));
    expect(all.map((row) => row.ref)).toEqual(['12345-2021-000118', '12345-2021-000203', '12345-2021-000310']);
    expect(all[1]).toMatchObject({
      section: 'housing',
      receivedAt: '2021-04-08T02:30:00Z',
      dueDate: null,
      satisfaction: null,
      version: 1,
    });
    expect((await listLedger(db, org, ledgerOf('complaints'), { section: 'housing' })).map((r) => r.ref)).toEqual([
      '12345-2021-000203',
    ]);
    expect((await listLedger(db, org, ledgerOf('complaints'), { search: '停水' })).map((r) => r.ref)).toEqual([
      '12345-2021-000310',
    ]);
    expect((await listLedger(db, org, ledgerOf('complaints'), { limit: 1, offset: 1 })).map((r) => r.ref)).toEqual([
      '12345-2021-000203',
    ]);
    expect(
      (await listLedger(db, org, ledgerOf('complaints'), { orderBy: '-receivedAt', limit: 1 })).map((r) => r.ref),
    ).toEqual(['12345-2021-000310']);
    const badOrder = await failure(listLedger(db, org, ledgerOf('complaints'), { orderBy: 'receivedOn' }));
    expect(badOrder).toMatchObject({ code: 'LEDGER_ORDER' });
    expect((badOrder as UserError).message).toContain('不能按 receivedOn 排序');
    const badSection = await failure(listLedger(db, org, ledgerOf('complaints'), { section: 'planning' }));
    expect(badSection).toMatchObject({ code: 'SECTION_UNKNOWN', details: ['housing  住房保障股', 'office  办公室'] });
  });

  it('names the ledgers there are when one does not exist', async () => {
    expect((await findLedger(db, org.id, 'commitments')).code).toBe('commitments');
    await expect(findLedger(db, org.id, 'complaint')).rejects.toThrow(
      '没有代码为 complaint 的台账，是不是想写 complaints？',
    );
    await expect(findLedger(db, org.id, 'permits')).rejects.toThrow(
      /已有的台账：complaints（群众投诉台账）、commitments（我为群众办实事台账）/,
    );
  });

  it('adds a row checked by the ledger rules, as the actor, in the audit trail', async () => {
    const { row, warnings } = await addLedgerRow(
      db,
      org,
      ledgerOf('complaints'),
      json({
        ref: 'W-1',
        section: 'office',
        channel: '来信',
        receivedAt: '2021-06-01 09:00',
        category: '物业管理',
        summary: '物业费',
        dueDate: null,
        version: 9,
      }),
      '张三',
    );
    expect(warnings).toEqual([]);
    expect(row).toMatchObject({
      ref: 'W-1',
      receivedAt: '2021-06-01T01:00:00Z',
      dueDate: null,
      version: 1,
      createdBy: '张三',
      updatedBy: '张三',
    });
    const [audit] = await db.query<{ actor: string; action: string; createdBy: string }>(
      `select actor, action, after ->> 'created_by' as "createdBy" from audit_log
       where table_name = $1 and after ->> 'ref' = 'W-1'`,
      [ledgerOf('complaints').table],
    );
    expect(audit).toEqual({ actor: '张三', action: 'insert', createdBy: '张三' });
  });

  it('refuses a row that breaks a rule, naming every problem, and writes nothing', async () => {
    const before = await snapshot(db);
    const rejected = await failure(
      addLedgerRow(
        db,
        org,
        ledgerOf('complaints'),
        json({
          ref: 'W-2',
          section: 'ofice',
          channel: '来信',
          receivedAt: '2021-06-01 09:00',
          category: '物业管理',
          summary: '物业费',
          satisfaction: '满意',
        }),
        '张三',
      ),
    );
    expect(rejected).toBeInstanceOf(LedgerRowRejected);
    expect((rejected as UserError).message).toBe('群众投诉 W-2 未写入：发现 2 处问题，数据库未做任何改动');
    expect((rejected as UserError).details).toEqual([
      '/section 群众投诉（W-2）的所属股室 ofice 不在 sections 中，是不是想写 office？（DATASET_UNKNOWN_SECTION）',
      expect.stringMatching(
        /^\/satisfaction 群众投诉（W-2）填写了 satisfaction（满意度），却没有 closedAt（办结时间）.*（LEDGER_MISSING_PREREQUISITE）$/,
      ),
    ]);
    const syntax = await failure(
      addLedgerRow(db, org, ledgerOf('complaints'), { text: '{"ref": "W-2",}', source: '--json' }, '张三'),
    );
    expect((syntax as UserError).details).toEqual([
      '--json:1:15 JSON 格式错误：} 前面多了一个逗号；JSON 中最后一项后面不能有逗号（DATASET_SYNTAX）',
    ]);
    const exists = await failure(
      addLedgerRow(
        db,
        org,
        ledgerOf('commitments'),
        json({
          ref: 'BSS-2021-01',
          section: 'housing',
          title: '重复',
          announcedAt: '2021-04-15',
          dueDate: '2021-12-20',
        }),
        '张三',
      ),
    );
    // The message names no command-line flag (the web shows it too); the args let a shell add its hint.
    expect(exists).toMatchObject({
      code: 'LEDGER_REF_EXISTS',
      kind: 'conflict',
      args: { ledger: 'commitments', ref: 'BSS-2021-01', version: 1 },
    });
    expect((exists as UserError).message).not.toContain('--');
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates a row at its version: changes merged, checked as a whole, version raised, actor recorded', async () => {
    const { row: updated } = await updateLedger(
      db,
      org,
      ledgerOf('complaints'),
      'W-1',
      1,
      json({ repliedAt: '2021-06-02T10:00:00+08:00', closedAt: '2021-06-03T10:00:00+08:00', satisfaction: '基本满意' }),
      '李四',
    );
    expect(updated).toMatchObject({
      summary: '物业费',
      repliedAt: '2021-06-02T02:00:00Z',
      closedAt: '2021-06-03T02:00:00Z',
      satisfaction: '基本满意',
      version: 2,
      createdBy: '张三',
      updatedBy: '李四',
    });
    const { row: cleared } = await updateLedger(
      db,
      org,
      ledgerOf('complaints'),
      'W-1',
      2,
      json({ satisfaction: null, section: 'housing' }),
      '李四',
    );
    expect(cleared).toMatchObject({
      satisfaction: null,
      section: 'housing',
      closedAt: '2021-06-03T02:00:00Z',
      version: 3,
    });

    const before = await snapshot(db);
    const { row: same } = await updateLedger(
      db,
      org,
      ledgerOf('complaints'),
      'W-1',
      3,
      json({ summary: '物业费' }),
      '王五',
    );
    expect(same).toMatchObject({ version: 3, updatedBy: '李四' });
    expect(await snapshot(db)).toEqual(before);

    const trail = await db.query<{ actor: string; version: string; updatedBy: string }>(
      `select actor, after ->> 'version' as version, after ->> 'updated_by' as "updatedBy" from audit_log
       where table_name = $1 and action = 'update' and after ->> 'ref' = 'W-1' order by id`,
      [ledgerOf('complaints').table],
    );
    expect(trail).toEqual([
      { actor: '李四', version: '2', updatedBy: '李四' },
      { actor: '李四', version: '3', updatedBy: '李四' },
    ]);
  });

  it('refuses an update based on a stale version, naming who changed it when, with the current row', async () => {
    const before = await snapshot(db);
    const stale = await failure(
      updateLedger(db, org, ledgerOf('complaints'), 'W-1', 2, json({ summary: '旧版本上的修改' }), '王五'),
    );
    expect(stale).toBeInstanceOf(LedgerVersionConflict);
    const conflict = stale as LedgerVersionConflict;
    expect(conflict.code).toBe('LEDGER_STALE_VERSION');
    expect(conflict.current).toMatchObject({ ref: 'W-1', version: 3, updatedBy: '李四', summary: '物业费' });
    expect(conflict.message).toBe(
      `群众投诉 W-1 未修改：您依据的是第 2 版，但它已由 李四 于 ${beijingTime(conflict.current.updatedAt)}（北京时间）改为第 3 版，` +
        '请在当前内容的基础上重新修改',
    );
    expect(conflict).toMatchObject({ kind: 'conflict', args: { version: 3 } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an update that would break a rule, change the ref, or touch a row that does not exist', async () => {
    const before = await snapshot(db);
    const broken = await failure(
      updateLedger(db, org, ledgerOf('complaints'), 'W-1', 3, json({ repliedAt: null }), '王五'),
    );
    expect((broken as UserError).details).toEqual([expect.stringContaining('（LEDGER_MISSING_PREREQUISITE）')]);
    const early = await failure(
      updateLedger(db, org, ledgerOf('complaints'), 'W-1', 3, json({ closedAt: '2021-05-01' }), '王五'),
    );
    expect((early as UserError).details).toEqual([
      expect.stringMatching(/^\/closedAt 办结时间 2021-05-01 早于受理时间/),
    ]);
    const renamed = await failure(
      updateLedger(db, org, ledgerOf('complaints'), 'W-1', 3, json({ ref: 'W-9' }), '王五'),
    );
    expect((renamed as UserError).details).toEqual([expect.stringContaining('编号 ref 不能修改')]);
    const missing = await failure(
      updateLedger(db, org, ledgerOf('complaints'), 'W-404', 1, json({ summary: 'x' }), '王五'),
    );
    expect(missing).toMatchObject({ code: 'LEDGER_ROW_MISSING' });
    expect(await snapshot(db)).toEqual(before);
    await expect(showLedgerRow(db, org, ledgerOf('complaints'), 'W-404')).rejects.toThrow(
      '群众投诉台账中没有编号为 W-404 的记录',
    );
  });

  it("confines a change to one section inside its transaction: another section's row is missing, and none leaves it", async () => {
    const before = await snapshot(db);
    const row = await showLedgerRow(db, org, ledgerOf('complaints'), 'W-1');
    const other = row.section === 'housing' ? 'office' : 'housing';
    const change = (changes: string, scope: string) =>
      failure(
        updateLedger(db, org, ledgerOf('complaints'), 'W-1', row.version, json(JSON.parse(changes)), '王五', scope),
      );
    expect(await change('{"summary": "x"}', other)).toMatchObject({ code: 'LEDGER_ROW_MISSING', kind: 'not-found' });
    expect(await change(`{"section": "${other}"}`, row.section)).toMatchObject({
      code: 'LEDGER_SECTION_FORBIDDEN',
      kind: 'forbidden',
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads a row from a file, and says so when the file is missing', async () => {
    const rowFile = join(dir, 'row.json');
    await writeFile(
      rowFile,
      '{"ref": "BSS-2021-02", "section": "housing", "title": "棚户区改造", "announcedAt": "2021-04-15", "dueDate": "2021-10-01"}',
    );
    const { row } = await addLedgerRow(db, org, ledgerOf('commitments'), await readLedgerInputFile(rowFile), '张三');
    expect(row).toMatchObject({ ref: 'BSS-2021-02', dueDate: '2021-10-01', doneAt: null });
    await expect(readLedgerInputFile(join(dir, 'none.json'))).rejects.toThrow(/找不到文件 .*none\.json/);
  });

  it("numbers a row added without a number by the ledger's 编号规则, after the highest number of the year", async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const commitment = (extra: Record<string, unknown> = {}) =>
      json({
        section: 'housing',
        title: '背街小巷改造',
        announcedAt: `${year}-01-10`,
        dueDate: `${year}-12-20`,
        ...extra,
      });
    const first = await addLedgerRow(db, org, ledgerOf('commitments'), commitment(), '张三');
    expect(first.row.ref).toBe(`BSS-${year}-01`);
    // a number written by hand takes its place in the sequence; an empty one is numbered
    await addLedgerRow(db, org, ledgerOf('commitments'), commitment({ ref: `BSS-${year}-07` }), '张三');
    const next = await addLedgerRow(db, org, ledgerOf('commitments'), commitment({ ref: '' }), '张三');
    expect(next.row.ref).toBe(`BSS-${year}-08`);
    // two at once each get a number of their own
    const both = await Promise.all(
      [1, 2].map(() => addLedgerRow(db, org, ledgerOf('commitments'), commitment(), '张三')),
    );
    expect(both.map((w) => w.row.ref).sort()).toEqual([`BSS-${year}-09`, `BSS-${year}-10`]);
    // a ledger without a 编号规则 still needs its number
    const unnumbered = await failure(
      addLedgerRow(
        db,
        org,
        ledgerOf('complaints'),
        json({ section: 'office', channel: '来信', receivedAt: '2021-03-02', category: '物业管理', summary: '停水' }),
        '张三',
      ),
    );
    expect(unnumbered).toBeInstanceOf(LedgerRowRejected);
    expect((unnumbered as UserError).details.join()).toContain('ref');
  });
});
