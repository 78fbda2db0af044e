import { grantsFor } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import type { Caller } from './accounts/caller.js';
import { auditPage } from './audit.js';
import { loadedDataset } from './dataset-fixture.test-helpers.js';
import { evaluateIndicators } from './indicator-figures.js';
import { refusal } from './refusal.test-helpers.js';
import { saveTarget, targetList } from './target-entry.js';

const DATASET = `format: taizhang-dataset/1
organisation: { code: target-district, name: 目标区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
  - { code: planfin, name: 计划财务股 }
indicators:
  - { code: investment, name: 固定资产投资, unit: 亿元, section: planfin, kind: flow, frequency: monthly, decimals: 2 }
  - { code: key_projects, name: 重点项目投资, unit: 亿元, section: planfin, kind: flow, frequency: monthly, decimals: 2, timeProgress: plan }
  - { code: toilets, name: 消除旱厕, unit: 座, section: office, kind: level, frequency: monthly, decimals: 0, yearOnYear: false }
targets:
  - { indicator: investment, year: 2021, amount: 36.00 }
  - { indicator: key_projects, year: 2021, amount: 20, planCurve: [5, 10, 18, 26, 35, 50, 58, 66, 75, 84, 92, 100] }
values:
  - { indicator: investment, year: 2021, month: 1, value: 3.00 }
  - { indicator: key_projects, year: 2021, month: 1, value: 1.00 }
`;

const CURVE = ['5', '10', '18', '26', '35', '50', '58', '66', '75', '84', '92', '100'];

describe.each(testEngines())('目标任务 set from a form, on $name', (engine) => {
  const fixture = loadedDataset(engine, DATASET, 'target-district');
  const office = (): Caller => ({
    orgId: fixture.org.id,
    user: {
      id: '1',
      username: 'office',
      displayName: '王办公',
      role: 'office',
      org: { code: 'target-district', name: '目标区住房和城乡建设局' },
      section: null,
      grants: grantsFor({ role: 'office', section: null }),
    },
    address: '192.0.2.20',
  });

  it('lists every indicator with what its form needs and its target of the year', async () => {
    const list = await targetList(fixture.db, fixture.org.id, 2021);
    expect(list.indicators.map((i) => [i.code, i.timeProgress, i.yearOnYear, i.target?.version ?? null])).toEqual([
      ['investment', 'linear', true, 1],
      ['key_projects', 'plan', true, 1],
      ['toilets', 'linear', false, null],
    ]);
    expect(list.indicators[1]?.target).toMatchObject({ amount: '20', growth: null, planCurve: CURVE });
  });

  it('refuses, at their fields, the targets a dataset could not hold, and writes nothing', async () => {
    const { db } = fixture;
    const curveMissing = await refusal(saveTarget(db, office(), { code: 'key_projects', year: 2022, amount: '22' }));
    expect(curveMissing).toMatchObject({ kind: 'invalid', code: 'TARGET_INVALID' });
    expect(curveMissing.problems).toEqual([
      {
        field: 'planCurve',
        path: '',
        message: expect.stringContaining(
          '时序进度按计划进度计算（timeProgress: plan），2022 年的目标需要给出 planCurve',
        ),
      },
    ]);
    expect(curveMissing.message).toMatch(/^目标未保存：指标 重点项目投资/);

    const growth = await refusal(saveTarget(db, office(), { code: 'toilets', year: 2022, amount: '10', growth: '5' }));
    expect(growth.problems.map((p) => [p.field, p.path])).toEqual([['growth', '/growth']]);

    const neither = await refusal(saveTarget(db, office(), { code: 'investment', year: 2022, amount: null }));
    expect(neither.problems).toEqual([
      { field: '', path: '', message: '目标应至少给出 amount（目标任务）或 growth（目标增速）' },
    ]);

    const decreasing = [...CURVE];
    decreasing[11] = '99';
    const end = await refusal(
      saveTarget(db, office(), { code: 'key_projects', year: 2022, amount: '22', planCurve: decreasing }),
    );
    expect(end.problems.map((p) => [p.path, p.message])).toEqual([
      ['/planCurve/11', '计划进度到 12 月应为 100（完成全年目标），实际为 99'],
    ]);

    const unknown = await refusal(saveTarget(db, office(), { code: 'nothing', year: 2022, amount: '1' }));
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'INDICATOR_UNKNOWN' });
    expect((await targetList(db, fixture.org.id, 2022)).indicators.every((i) => i.target === null)).toBe(true);
  });

  it('writes a target at the version read, audited, and the figures follow it', async () => {
    const { db, org } = fixture;
    const added = await saveTarget(db, office(), { code: 'toilets', year: 2021, amount: '12' });
    expect(added).toMatchObject({ indicator: 'toilets', year: 2021, amount: '12', growth: null, version: 1 });
    const changed = await saveTarget(db, office(), { code: 'investment', year: 2021, amount: '40.00', version: 1 });
    expect(changed).toMatchObject({ amount: '40.00', version: 2 });
    const figures = await evaluateIndicators(db, org.id, { year: 2021, through: 1 });
    const investment = figures.find((f) => f.evaluation.indicator.code === 'investment');
    expect(investment?.target).toMatchObject({ amount: '40.00' });

    const stale = await refusal(saveTarget(db, office(), { code: 'investment', year: 2021, amount: '41', version: 1 }));
    expect(stale).toMatchObject({ kind: 'conflict', code: 'TARGET_STALE_VERSION' });
    expect(stale.current).toMatchObject({ amount: '40.00', version: 2 });
    const exists = await refusal(saveTarget(db, office(), { code: 'toilets', year: 2021, amount: '13' }));
    expect(exists.message).toContain('它已填写（第 1 版）');

    const trail = await auditPage(db, org.id, { table: 'indicator_targets', offset: 0, limit: 10 });
    expect(trail.rows.slice(0, 2).map((r) => [r.action, r.actor, r.address])).toEqual([
      ['update', 'office', '192.0.2.20'],
      ['insert', 'office', '192.0.2.20'],
    ]);
  });
});
