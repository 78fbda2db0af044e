import { type Figure, roundHalfUp } from '@taizhang/core';
import { type Database, findOrganisation, listOrganisations } from '@taizhang/db';
import { snapshot, testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from './completeness.js';
import { recreateDemo } from './demo.js';
import { type EvaluatedIndicator, evaluateIndicators } from './indicator-figures.js';
import { resolveOrganisation } from './organisation.js';

function value(figure: Figure): number {
  if (!figure.ok) throw new Error(`expected a figure, got ${figure.reason.code}`);
  return figure.value.toNumber();
}

/** One decimal, half-up: what the report prints. */
function printed(figure: Figure): number {
  if (!figure.ok) throw new Error(`expected a figure, got ${figure.reason.code}`);
  return roundHalfUp(figure.value, 1).toNumber();
}

describe.each(testEngines())('the demo district on $name', (engine) => {
  let db: Database;
  let figures: Map<string, EvaluatedIndicator['evaluation']>;
  let orgId: string;

  beforeAll(async () => {
    db = await engine.open();
    await recreateDemo(db, 'test');
    orgId = (await resolveOrganisation(db)).id;
    const all = await evaluateIndicators(db, orgId, { year: 2021, through: 10 });
    figures = new Map(all.map((f) => [f.evaluation.indicator.code, f.evaluation]));
  });
  afterAll(async () => {
    await db?.close();
  });

  const get = (code: string) => {
    const figure = figures.get(code);
    if (!figure) throw new Error(`no indicator ${code}`);
    return figure;
  };

  it('has every economic indicator the seed names', () => {
    const economic = [...figures.values()].filter((e) => e.indicator.yearOnYear).map((e) => e.indicator.name);
    expect(economic).toEqual([
      '固定资产投资',
      '项目入库',
      '商品房销售面积',
      '房地产业工资总额',
      '建筑业总产值',
      '自有住房服务',
      '商品住宅销售均价',
    ]);
  });

  it('investment and project registration are on course to meet their targets (预计年底能够完成)', () => {
    for (const code of ['fixed_asset_investment', 'project_registration']) {
      const e = get(code);
      expect(e.periodLabel).toBe('1－10月');
      expect(value(e.forecastGap)).toBeGreaterThanOrEqual(0);
      expect(e.forecastMethod).toBe('seasonal');
    }
  });

  it('sales area and payroll grow faster than their targets (超额完成 N 个百分点, N > 0 as printed)', () => {
    for (const code of ['commodity_housing_sales_area', 'real_estate_payroll']) {
      expect(printed(get(code).pointsOverTarget)).toBeGreaterThan(0);
    }
  });

  it('construction output is read through the third quarter and forecast to meet its implied target', () => {
    const e = get('construction_output');
    expect(e.quarterly).toBe(true);
    expect(e.periods).toEqual([1, 2, 3]);
    expect(e.targetAmountImplied).toBe(true);
    expect(value(e.forecastGap)).toBeGreaterThanOrEqual(0);
  });

  it('owner-occupied housing services and the average price grow (增长, 上涨)', () => {
    expect(printed(get('owner_occupied_housing_services').growth)).toBeGreaterThan(0);
    expect(printed(get('residential_average_price').growth)).toBeGreaterThan(0);
  });

  it('is complete for 1－10月 and owes November and December for the full year', async () => {
    expect((await checkCompleteness(db, await resolveOrganisation(db), { year: 2021, through: 10 })).gaps).toEqual([]);
    const full = await checkCompleteness(db, await resolveOrganisation(db), { year: 2021, through: 12 });
    const investment = full.gaps.find((g) => g.indicator === 'fixed_asset_investment');
    expect(investment).toMatchObject({ role: 'current', year: 2021, periods: [11, 12], sectionName: '计划财务股' });
    expect(full.gaps.find((g) => g.indicator === 'construction_output')).toMatchObject({
      periods: [4],
      quarterly: true,
    });
    expect(full.gaps.every((g) => g.role === 'current')).toBe(true);
  });

  it('recreating the demo gives the same figures and leaves other organisations alone', async () => {
    await db.transaction('test', (tx) =>
      tx.query(`insert into organisations (code, name) values ('other', '他区住房和城乡建设局')`),
    );
    const before = await evaluateIndicators(db, orgId, { year: 2021, through: 10 });
    await recreateDemo(db, 'test');
    const newId = (await resolveOrganisation(db, 'shifanqu')).id;
    const after = await evaluateIndicators(db, newId, { year: 2021, through: 10 });
    // Ids are new; every figure is the same.
    const figuresOf = (all: EvaluatedIndicator[]) =>
      JSON.stringify(all.map(({ evaluation }) => ({ ...evaluation, indicator: evaluation.indicator.code })));
    expect(figuresOf(after)).toEqual(figuresOf(before));
    expect(await findOrganisation(db, 'other')).toBeDefined();
    expect((await listOrganisations(db)).map((o) => o.code)).toEqual(['other', 'shifanqu', 'shifanshi']);
    const stable = await snapshot(db);
    expect(stable.indicator_values?.length).toBeGreaterThan(100);
  });
});
