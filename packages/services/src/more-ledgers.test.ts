import type { LedgerDef } from '@taizhang/core';
import { orgLedgerLookup, testEngines } from '@taizhang/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixed2, loadedDataset } from './dataset-fixture.test-helpers.js';
import { evaluateIndicators } from './indicator-figures.js';
import { addLedgerRow, LedgerRowRejected, updateLedger } from './ledgers.js';
import type { UserError } from './user-error.js';

/** A derived indicator of the district, one a line, in the unit of the field it sums (a count's 个 by default). */
const indicator = (code: string, kind: 'flow' | 'level', derive: string, unit = '个') =>
  `  - { code: ${code}, name: ${code}, unit: ${unit}, section: office, kind: ${kind}, frequency: monthly, decimals: 2, yearOnYear: false, derive: ${derive} }`;

// Each ledger's rows, with rows a figure must leave out: another kind or status, a date after
// the period (November), a flow's row of the year before.
const DATASET = `format: taizhang-dataset/1
organisation: { code: more-ledgers, name: 台账区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
indicators:
${[
  indicator(
    'safety_count',
    'flow',
    '{ ledger: supervision, aggregate: count, date: registeredAt, where: { kind: 安全监督 } }',
  ),
  indicator(
    'safety_area',
    'flow',
    '{ ledger: supervision, aggregate: sum, field: buildingArea, date: registeredAt, where: { kind: 安全监督 } }',
    '万平方米',
  ),
  indicator(
    'new_start_area',
    'flow',
    '{ ledger: supervision, aggregate: sum, field: buildingArea, date: registeredAt, where: { kind: 质量监督, newStart: true } }',
    '万平方米',
  ),
  indicator('fire_opinions', 'flow', '{ ledger: supervision, aggregate: count, date: opinionIssuedAt }'),
  indicator(
    'renovation_households',
    'flow',
    '{ ledger: renovations, aggregate: sum, field: households, date: plannedStart }',
  ),
  indicator('renovation_started', 'flow', '{ ledger: renovations, aggregate: count, date: startedAt }'),
  indicator(
    'subsidy_amount',
    'flow',
    '{ ledger: rent_subsidies, aggregate: sum, field: amount, date: paidAt }',
    '万元',
  ),
  indicator(
    'retrofit_done',
    'level',
    '{ ledger: seismic_retrofits, aggregate: sum, field: households, date: completedAt, where: { batch: 1, status: 已完工 } }',
  ),
  indicator(
    'sorting_bins',
    'level',
    '{ ledger: campaign_works, aggregate: sum, field: quantity, date: completedAt, where: { type: 四分类垃圾箱 } }',
  ),
  indicator(
    'parks_building',
    'level',
    '{ ledger: infrastructure, aggregate: sum, field: area, date: startedAt, where: { type: 游园, status: 在建 } }',
    '平方米',
  ),
  indicator(
    'restored',
    'level',
    '{ ledger: rectification, aggregate: sum, field: quantity, date: doneAt, where: { item: 复耕 } }',
  ),
].join('\n')}
ledgers:
  supervision:
    - { ref: AJ-1, section: office, kind: 安全监督, projectName: 龙泉花园, buildingArea: 1.25, registeredAt: 2021-03-02 }
    - { ref: AJ-2, section: office, kind: 安全监督, projectName: 九曲小区, buildingArea: "0.40", registeredAt: 2021-10-31 }
    - { ref: AJ-3, section: office, kind: 安全监督, projectName: 云龙小区, buildingArea: 2.00, registeredAt: 2021-11-01 }
    - { ref: AJ-0, section: office, kind: 安全监督, projectName: 星乐小区, buildingArea: 3.00, registeredAt: 2020-12-30 }
    - { ref: ZJ-1, section: office, kind: 质量监督, projectName: 龙泉花园, buildingArea: 1.25, registeredAt: 2021-03-02, newStart: true }
    - { ref: ZJ-2, section: office, kind: 质量监督, projectName: 九曲小区, buildingArea: 0.40, registeredAt: 2021-04-02, newStart: false }
    - { ref: XF-1, section: office, kind: 消防验收, projectName: 龙泉花园, registeredAt: 2021-05-06, acceptedAt: 2021-05-16, opinionIssuedAt: 2021-05-18 }
    - { ref: XF-2, section: office, kind: 消防验收, projectName: 九曲小区, registeredAt: 2021-10-06, acceptedAt: 2021-10-16 }
  renovations:
    - { ref: GZ-1, section: office, community: 文化巷小区, households: 120, plannedStart: 2021-03-01, startedAt: 2021-03-20, completedAt: 2021-08-30 }
    - { ref: GZ-2, section: office, community: 东风小区, households: 86, plannedStart: 2021-06-15 }
    - { ref: GZ-3, section: office, community: 纺织厂生活区, households: 40, plannedStart: 2021-11-15 }
  rent_subsidies:
    - { ref: LZ-1, section: office, households: 14, amount: 3.36, paidAt: 2021-10-11 }
    - { ref: LZ-2, section: office, households: 9, amount: "2.16", paidAt: 2021-10-12 }
    - { ref: LZ-0, section: office, households: 9, amount: 2.00, paidAt: 2020-10-12 }
  seismic_retrofits:
    - { ref: NF-1-1, section: office, batch: 1, township: 龙泉镇, households: 60, status: 已完工, completedAt: 2021-07-20 }
    - { ref: NF-1-2, section: office, batch: 1, township: 九曲镇, households: 45, status: 已完工, completedAt: 2021-11-02 }
    - { ref: NF-1-3, section: office, batch: 1, township: 云龙乡, households: 30, status: 实施中 }
    - { ref: NF-2-1, section: office, batch: 2, township: 青云乡, households: 70, status: 待下达 }
  campaign_works:
    - { ref: QG-1, section: office, type: 四分类垃圾箱, quantity: 48, location: 文化社区, completedAt: 2020-09-01 }
    - { ref: QG-2, section: office, type: 四分类垃圾箱, quantity: 40, location: 东风社区, completedAt: 2021-09-01 }
    - { ref: QG-3, section: office, type: 垃圾分类站点, quantity: 10, location: 东风社区, completedAt: 2021-09-01 }
  infrastructure:
    - { ref: JC-1, section: office, type: 游园, name: 九曲文河游园, area: 11200, status: 在建, startedAt: 2021-06-08 }
    - { ref: JC-2, section: office, type: 游园, name: 星乐山水苑游园, area: 6800.50, status: 在建, startedAt: 2021-07-15 }
    - { ref: JC-3, section: office, type: 游园, name: 龙湖游园, area: 9000, status: 已建成, startedAt: 2021-03-01, completedAt: 2021-06-01 }
    - { ref: JC-4, section: office, type: 小绿地, name: 人民路口袋公园, area: 600, status: 在建, startedAt: 2021-05-01 }
  rectification:
    - { ref: LH-1, section: office, item: 复耕, quantity: 600.25, unit: 亩, doneAt: 2021-05-20 }
    - { ref: LH-2, section: office, item: 复耕, quantity: 638.50, unit: 亩, doneAt: 2021-09-20 }
    - { ref: LH-3, section: office, item: 移除树木, quantity: 860, unit: 棵, doneAt: 2021-04-20 }
`;

describe.each(testEngines())('the newer ledgers on $name', (engine) => {
  const fixture = loadedDataset(engine, DATASET, 'more-ledgers');
  let ledgerOf: (code: string) => LedgerDef;
  beforeAll(async () => {
    ledgerOf = await orgLedgerLookup(fixture.db, fixture.org.id);
  });

  it('derives each indicator from its ledger: kinds, statuses and flags filter, dates place rows', async () => {
    const figures = await evaluateIndicators(fixture.db, fixture.org.id, { year: 2021, through: 10 });
    const ytd = Object.fromEntries(figures.map((f) => [f.evaluation.indicator.code, fixed2(f.evaluation.ytd)]));
    expect(ytd).toEqual({
      // 2021-10-31 is in the period, 2021-11-01 and 2020 are not (a flow)
      safety_count: '2.00',
      safety_area: '1.65',
      new_start_area: '1.25',
      // a fire acceptance without an opinion letter yet is not counted
      fire_opinions: '1.00',
      renovation_households: '206.00',
      renovation_started: '1.00',
      subsidy_amount: '5.52',
      // a level: done by 31 October, batch 1 only, not 实施中
      retrofit_done: '60.00',
      // a level counts last year's rows too
      sorting_bins: '88.00',
      parks_building: '18000.50',
      restored: '1238.75',
    });
  });

  it('refuses on `ledger add` a negative area and dates out of order, in Chinese, naming field and path', async () => {
    const rejected = await addLedgerRow(
      fixture.db,
      fixture.org,
      ledgerOf('supervision'),
      {
        text: JSON.stringify({
          ref: 'XF-9',
          section: 'office',
          kind: '消防验收',
          projectName: '云龙小区',
          buildingArea: -1.5,
          registeredAt: '2021-06-10',
          acceptedAt: '2021-06-01',
        }),
        source: '--json',
      },
      '张三',
    ).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(LedgerRowRejected);
    const details = (rejected as UserError).details ?? [];
    expect(details).toHaveLength(2);
    expect(details[0]).toBe('/buildingArea 建筑面积（万平方米）不能小于 0，实际为 “-1.5”（DATASET_RANGE）');
    expect(details[1]).toBe(
      '/acceptedAt 验收日期 2021-06-01 早于受理日期 2021-06-10；验收日期不能早于受理日期（LEDGER_DATE_ORDER）',
    );
  });

  it('refuses on `ledger update` a change that breaks a rule, and takes one that keeps them', async () => {
    const refused = await updateLedger(
      fixture.db,
      fixture.org,
      ledgerOf('seismic_retrofits'),
      'NF-1-3',
      1,
      { text: JSON.stringify({ status: '已完工' }), source: '--json' },
      '李四',
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LedgerRowRejected);
    expect((refused as UserError).details).toEqual([
      '/status 抗震改造任务（NF-1-3）的实施状态为“已完工”，必须填写 completedAt（完工日期）；请补填，或改正实施状态（LEDGER_STATUS_FIELD）',
    ]);
    const { row: done } = await updateLedger(
      fixture.db,
      fixture.org,
      ledgerOf('seismic_retrofits'),
      'NF-1-3',
      1,
      { text: JSON.stringify({ status: '已完工', completedAt: '2021-10-20' }), source: '--json' },
      '李四',
    );
    expect(done).toMatchObject({ status: '已完工', completedAt: '2021-10-20', version: 2, updatedBy: '李四' });
  });

  it('writes a milestone done before its planned day, and flags it for a second look', async () => {
    const { row, warnings } = await addLedgerRow(
      fixture.db,
      fixture.org,
      ledgerOf('projects'),
      {
        text: JSON.stringify({
          ref: 'XM-EARLY',
          section: 'office',
          name: '提前开工项目',
          category: '新建',
          plannedYear: 2021,
          milestones: [
            { stage: '可研', status: '已完成', plannedAt: '2021-03-31', doneAt: '2021-03-31' },
            { stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-09-18' },
          ],
        }),
        source: '--json',
      },
      '张三',
    );
    expect(row).toMatchObject({ ref: 'XM-EARLY', version: 1 });
    expect(warnings.map((w) => [w.path, w.code, w.message])).toEqual([
      [
        '/milestones/1/doneAt',
        'LEDGER_MILESTONE_EARLY',
        '重点项目（XM-EARLY）的节点“开工”完成日期 2021-09-18 早于计划日期 2021-09-30：已照写，请核实两个日期是否填对',
      ],
    ]);
    const { warnings: after } = await updateLedger(
      fixture.db,
      fixture.org,
      ledgerOf('projects'),
      'XM-EARLY',
      1,
      {
        text: JSON.stringify({
          milestones: [{ stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-10-08' }],
        }),
        source: '--json',
      },
      '张三',
    );
    expect(after).toEqual([]);
  });
});
