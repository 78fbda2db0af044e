import { parseDataset } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { renderMarkdown } from '@taizhang/render';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadedDataset } from '../dataset-fixture.test-helpers.js';
import { generateReport } from './generate.js';

/**
 * A second district's 2022 summary, written as a new user would: its key projects carry their
 * investment in 万元 and no date (the plan as it stands), its parks their area in 平方米 and a
 * completion day. Every figure is derived from rows: counts by category, sums converted to
 * 亿元 and 万平方米, an average and a greatest value, and the projects of one plan year.
 */

const PROJECTS = [
  ['XM-01', '新建', '300000', 2022],
  ['XM-02', '新建', '150000', 2022],
  ['XM-03', '新建', '88500', 2022],
  ['XM-04', '续建', '150000', 2021],
  ['XM-05', '续建', '100000', 2021],
] as const;

const PARKS = [
  ['YY-01', '已建成', '12500', '2022-03-20'],
  ['YY-02', '已建成', '8000.5', '2022-09-30'],
  ['YY-03', '已建成', '4000', '2021-11-02'],
  ['YY-04', '在建', '6000', undefined],
] as const;

const level = (code: string, name: string, unit: string, decimals: number, derive: string) =>
  `  - { code: ${code}, name: ${name}, unit: ${unit}, section: build, kind: level, frequency: monthly, decimals: ${decimals}, yearOnYear: false, derive: ${derive} }`;

const DATASET = `format: taizhang-dataset/1
organisation: { code: dongcheng, name: 东城区住房和城乡建设局, shortName: 东城区 }
sections:
  - { code: build, name: 建设管理股 }
indicators:
${level('projects_all', '重点项目', '个', 0, '{ ledger: projects, aggregate: count }')}
${level('projects_new', '新建重点项目', '个', 0, '{ ledger: projects, aggregate: count, where: { category: 新建 } }')}
${level('projects_continuing', '续建重点项目', '个', 0, '{ ledger: projects, aggregate: count, where: { category: 续建 } }')}
${level('projects_investment', '重点项目计划总投资', '亿元', 2, '{ ledger: projects, aggregate: sum, field: plannedInvestment }')}
${level('projects_investment_year', '本年新列重点项目计划总投资', '亿元', 2, '{ ledger: projects, aggregate: sum, field: plannedInvestment, year: plannedYear }')}
${level('projects_investment_avg', '重点项目平均计划投资', '亿元', 2, '{ ledger: projects, aggregate: avg, field: plannedInvestment }')}
${level('projects_investment_max', '单个重点项目最大计划投资', '亿元', 2, '{ ledger: projects, aggregate: max, field: plannedInvestment }')}
${level('projects_prep_max', '前期项目最大计划投资', '亿元', 2, '{ ledger: projects, aggregate: max, field: plannedInvestment, where: { category: 前期 } }')}
  - { code: parks_area, name: 建成游园面积, unit: 万平方米, section: build, kind: flow, frequency: monthly, decimals: 2, yearOnYear: false, derive: { ledger: infrastructure, aggregate: sum, field: area, date: completedAt, where: { type: 游园 } } }
${level('parks_built', '累计建成游园', '个', 0, '{ ledger: infrastructure, aggregate: count, date: completedAt, where: { type: 游园, status: 已建成 } }')}
${level('parks_building', '在建游园', '个', 0, '{ ledger: infrastructure, aggregate: count, date: startedAt, where: { type: 游园, status: 在建 } }')}
templates:
  - code: summary
    name: 年度工作总结
    text: |
      全区共实施重点项目{{ 'projects_all' | ytd }}个，其中新建{{ 'projects_new' | ytd }}个、续建{{ 'projects_continuing' | ytd }}个，计划总投资{{ 'projects_investment' | ytd }}亿元；本年新列项目计划投资{{ 'projects_investment_year' | ytd }}亿元，平均每个项目{{ 'projects_investment_avg' | ytd }}亿元，最大的{{ 'projects_investment_max' | ytd }}亿元。

      前期项目最大计划投资{{ 'projects_prep_max' | ytd }}亿元。

      全年建成游园{{ 'parks_area' | ytd }}万平方米，累计建成游园{{ 'parks_built' | ytd }}个，在建{{ 'parks_building' | ytd }}个。
ledgers:
  projects:
${PROJECTS.map(([ref, category, investment, year]) => `    - { ref: ${ref}, section: build, name: 项目${ref}, category: ${category}, plannedInvestment: ${investment}, plannedYear: ${year} }`).join('\n')}
  infrastructure:
${PARKS.map(([ref, status, area, done]) => `    - { ref: ${ref}, section: build, type: 游园, name: 游园${ref}, area: ${area}, status: ${status}, startedAt: 2021-01-10${done ? `, completedAt: ${done}` : ''} }`).join('\n')}
`;

describe.each(testEngines())('figures derived from any ledger, on $name', (engine) => {
  const loaded = loadedDataset(engine, DATASET, 'dongcheng');
  let md: string;
  let june: string;

  beforeAll(async () => {
    md = renderMarkdown(await generateReport(loaded.db, loaded.org, { year: 2022, through: 12 }));
    june = renderMarkdown(await generateReport(loaded.db, loaded.org, { year: 2022, through: 6 }));
  });

  it('counts and sums rows not placed in time, converting 万元 to 亿元', () => {
    // 300000 + 150000 + 88500 + 150000 + 100000 万元 = 78.85亿元
    expect(md).toContain('全区共实施重点项目5个，其中新建3个、续建2个，计划总投资78.85亿元；');
  });

  it('selects rows by a year field, and averages and maximises in the indicator unit', () => {
    // 2022's plan: 538500 万元; the average of five is 15.77亿元, the largest 30.00亿元
    expect(md).toContain('本年新列项目计划投资53.85亿元，平均每个项目15.77亿元，最大的30.00亿元。');
  });

  it('gives no value, not 0, for the greatest of no rows', () => {
    expect(md).toContain('前期项目最大计划投资【待填：前期项目最大计划投资');
  });

  it('sums a flow by its date field, converting 平方米 to 万平方米, and counts built parks as of the year end', () => {
    // 12500 + 8000.5 平方米 in 2022 = 2.05万平方米; three parks built by the end of 2022
    expect(md).toContain('全年建成游园2.05万平方米，累计建成游园3个，在建1个。');
  });

  it('reads a status as the row held it at the period end: a park built in September was 在建 in June', () => {
    // YY-02 is 已建成 now, from 2022-09-30: at the end of June it was still 在建, beside YY-04.
    expect(june).toContain('全年建成游园1.25万平方米，累计建成游园2个，在建2个。');
  });
});

describe('derive specs the dataset check refuses', () => {
  const check = (derive: string, kind = 'level', unit = '亿元') =>
    parseDataset(
      new TextEncoder().encode(`format: taizhang-dataset/1
organisation: { code: x, name: 某局 }
sections: [{ code: build, name: 建设管理股 }]
indicators:
  - { code: d, name: 派生, unit: ${unit}, section: build, kind: ${kind}, frequency: monthly, decimals: 2, derive: ${derive} }
`),
      'x.yaml',
    );
  const messages = (derive: string, kind?: string, unit?: string) => {
    const result = check(derive, kind, unit);
    return result.ok ? [] : result.problems.map((p) => `${p.path} ${p.message}（${p.code}）`);
  };

  it('a flow without a date, a spec placed twice, and an average of a flow', () => {
    expect(messages('{ ledger: projects, aggregate: count }', 'flow')).toEqual([
      expect.stringMatching(
        /^\/indicators\/0\/derive 累计型（flow）指标 .*须用 date 指明日期字段.*（DATASET_DERIVE）$/,
      ),
    ]);
    expect(messages('{ ledger: projects, aggregate: count, date: plannedYear }')).toEqual([
      expect.stringContaining('日期字段 date plannedYear 应为日期或时间字段'),
    ]);
    expect(messages('{ ledger: infrastructure, aggregate: count, date: completedAt, year: completedAt }')).toEqual([
      expect.stringContaining('同时写了日期字段 date 和年度字段 year'),
      expect.stringContaining('年度字段 year completedAt 应为整数（年份）字段'),
    ]);
    expect(
      messages('{ ledger: infrastructure, aggregate: avg, field: area, date: completedAt }', 'flow', '平方米'),
    ).toEqual([expect.stringContaining('按 avg 汇总，只能用于时点型（level）或比率型（rate）指标')]);
  });

  it('a field in a unit the indicator cannot convert from', () => {
    expect(messages('{ ledger: infrastructure, aggregate: sum, field: volume, date: completedAt }')).toEqual([
      expect.stringContaining('单位为 亿元，汇总字段 volume 的单位为 立方米，两者不能换算'),
    ]);
  });
});
