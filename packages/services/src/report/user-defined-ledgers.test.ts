import { testEngines } from '@taizhang/db/testing';
import { renderMarkdown } from '@taizhang/render';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadedDataset } from '../dataset-fixture.test-helpers.js';
import { findLedger } from '../ledger-catalogue.js';
import { listLedger } from '../ledgers.js';
import { generateReport } from './generate.js';

/**
 * A district whose registers the preset does not have, written as a new user would: its own
 * 公共停车场台账 (lots, spaces, status, completion day) and its own project register with
 * investment in 万元 and no date at all, among whose categories is 停车场. Every figure of its
 * 2022 summary is derived from those rows.
 */

const PROJECTS = [
  ['XM-01', '新建', '300000'],
  ['XM-02', '新建', '150000'],
  ['XM-03', '停车场', '88500'],
  ['XM-04', '续建', '150000'],
  ['XM-05', '续建', '100000'],
  ['XM-06', '新建', '12345.6'],
] as const;

/** ref, spaces, status, completion day: TCC-2022-004 was built in September, TCC-2021-009 the year before. */
const LOTS = [
  ['TCC-2022-001', 320, '已建成', '2022-03-20', '城西'],
  ['TCC-2022-002', 145, '已建成', '2022-05-31', '城东'],
  ['TCC-2022-003', 80, '在建', undefined, '城东'],
  ['TCC-2022-004', 260, '已建成', '2022-09-30', '城东'],
  ['TCC-2021-009', 500, '已建成', '2021-11-02', '城西'],
] as const;

const DATASET = `format: taizhang-dataset/1
organisation: { code: nanhu, name: 南湖区住房和城乡建设局, shortName: 南湖区 }
sections:
  - { code: build, name: 建设管理股 }
  - { code: traffic, name: 市政交通股 }
ledgerTypes:
  - code: parking
    name: 公共停车场台账
    rowTitle: 停车场
    section: traffic
    numbering: TCC-{year}-{seq:3}
    placedBy: completedAt
    fields:
      - { code: lotName, title: 停车场名称, type: text, required: true }
      - { code: spaces, title: 泊位数, type: integer, unit: 个, min: 0, required: true }
      - { code: status, title: 建设状态, type: choice, values: [在建, 已建成], required: true, datedBy: { 已建成: completedAt } }
      - { code: completedAt, title: 建成日期, type: date }
      - { code: district, title: 片区, type: choice, values: [城东, 城西] }
    rules:
      - { rule: requiredWhen, field: completedAt, when: status, in: [已建成] }
  - code: key_projects
    name: 区重点项目台账
    rowTitle: 重点项目
    fields:
      - { code: projectName, title: 项目名称, type: text, required: true }
      - { code: category, title: 项目类别, type: choice, values: [新建, 续建, 停车场], required: true }
      - { code: investment, title: 计划总投资, type: decimal, unit: 万元, decimals: 2, min: 0, required: true }
indicators:
  - { code: projects_new, name: 新建项目, unit: 个, section: build, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: key_projects, aggregate: count, where: { category: 新建 } } }
  - { code: projects_continuing, name: 续建项目, unit: 个, section: build, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: key_projects, aggregate: count, where: { category: 续建 } } }
  - { code: projects_parking, name: 停车场项目, unit: 个, section: build, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: key_projects, aggregate: count, where: { category: 停车场 } } }
  - { code: projects_investment, name: 重点项目计划总投资, unit: 亿元, section: build, kind: level, frequency: monthly, decimals: 2, yearOnYear: false, derive: { ledger: key_projects, aggregate: sum, field: investment } }
  - { code: lots_built, name: 建成公共停车场, unit: 个, section: traffic, kind: flow, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: parking, aggregate: count, date: completedAt, where: { status: 已建成 } } }
  - { code: spaces_added, name: 新增停车泊位, unit: 个, section: traffic, kind: flow, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: parking, aggregate: sum, field: spaces, date: completedAt, where: { status: 已建成 } } }
  - { code: lots_building, name: 在建公共停车场, unit: 个, section: traffic, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: parking, aggregate: count, where: { status: 在建 } } }
templates:
  - code: summary
    name: 年度工作总结
    text: |
      全区实施重点项目中，新建{{ 'projects_new' | ytd }}个、续建{{ 'projects_continuing' | ytd }}个、停车场{{ 'projects_parking' | ytd }}个，计划总投资{{ 'projects_investment' | ytd }}亿元。

      建成公共停车场{{ 'lots_built' | ytd }}个，新增停车泊位{{ 'spaces_added' | ytd }}个，在建{{ 'lots_building' | ytd }}个；建成最多的片区依次为{{ 'parking' | top: 'district' }}。
ledgers:
  key_projects:
${PROJECTS.map(([ref, category, investment]) => `    - { ref: ${ref}, section: build, projectName: 项目${ref}, category: ${category}, investment: ${investment} }`).join('\n')}
  parking:
${LOTS.map(([ref, spaces, status, done, district]) => `    - { ref: ${ref}, section: traffic, lotName: 停车场${ref}, spaces: ${spaces}, status: ${status}, district: ${district}${done ? `, completedAt: ${done}` : ''} }`).join('\n')}
`;

describe.each(testEngines())('a report derived from ledger types the dataset defines, on $name', (engine) => {
  const loaded = loadedDataset(engine, DATASET, 'nanhu');
  let year: string;
  let june: string;

  beforeAll(async () => {
    year = renderMarkdown(await generateReport(loaded.db, loaded.org, { year: 2022, through: 12 }));
    june = renderMarkdown(await generateReport(loaded.db, loaded.org, { year: 2022, through: 6 }));
  });

  it('keeps the rows of each type in its own ledger, read back by the type’s fields', async () => {
    const parking = await findLedger(loaded.db, loaded.org.id, 'parking');
    expect(parking).toMatchObject({ label: '公共停车场台账', builtIn: false });
    expect(parking.table).toMatch(/^ledger_t\d+$/);
    const rows = await listLedger(loaded.db, loaded.org, parking, { orderBy: 'ref' });
    expect(rows.map((row) => [row.ref, row.spaces, row.status])).toEqual(
      [...LOTS].sort(([a], [b]) => a.localeCompare(b)).map(([ref, spaces, status]) => [ref, spaces, status]),
    );
  });

  it('counts projects by category and sums their 万元 investment into 亿元, without a date field', () => {
    // 300000 + 150000 + 88500 + 150000 + 100000 + 12345.6 万元 = 80.08456亿元
    expect(year).toContain('全区实施重点项目中，新建3个、续建2个、停车场1个，计划总投资80.08亿元。');
  });

  it('counts the lots built and sums the spaces added in the year, by completion day', () => {
    // 2022: TCC-2022-001, -002 and -004 (320 + 145 + 260); TCC-2021-009 was built the year before.
    expect(year).toContain('建成公共停车场3个，新增停车泊位725个，在建1个；');
  });

  it('ranks a field of the ledger over the rows its placing date puts in the period', () => {
    // Built in 2022: 城东 -002 and -004, 城西 -001; -009 was built in 2021, -003 not at all.
    expect(year).toContain('建成最多的片区依次为城东、城西。');
    // By June: -001 (城西) and -002 (城东), one each: equal counts in the order of the values' text.
    expect(june).toMatch(/建成最多的片区依次为(城东、城西|城西、城东)。/);
  });

  it('reads a lot built in September as 在建 at the end of June', () => {
    // By June: -001 and -002 built (465 spaces); -004 is counted with -003 as 在建 then.
    expect(june).toContain('建成公共停车场2个，新增停车泊位465个，在建2个；');
  });
});
