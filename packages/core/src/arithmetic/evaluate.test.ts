import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target } from '../model.js';
import {
  decimalText,
  entries,
  expectPrinted,
  expectReason,
  expectValue,
  indicator,
  nonNegativeText,
  smallText,
} from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { type EvaluationInput, evaluateIndicator, type IndicatorEvaluation, type Status } from './evaluate.js';
import type { Figure, NoFigure } from './figure.js';

// 固定资产投资 by month, 亿元: 2021 1－10月 adds to 28.64; 2020 1－10月 to 25.6 and the whole year to 32.
const Y2021 = ['2.10', '2.35', '3.02', '2.88', '3.11', '3.40', '2.76', '2.95', '3.05', '3.02'];
const Y2020 = ['2.0', '2.2', '2.6', '2.4', '2.7', '2.9', '2.5', '2.6', '2.8', '2.9', '3.0', '3.4'];
const AMOUNT_35: Target = { indicator: 'FAI', year: 2021, amount: '35' };

function evaluate(overrides: Partial<EvaluationInput> = {}): IndicatorEvaluation {
  return evaluateIndicator({
    indicator: indicator(),
    year: 2021,
    throughMonth: 10,
    target: AMOUNT_35,
    current: entries(Y2021),
    prior: entries(Y2020),
    ...overrides,
  });
}

const FIGURES = [
  'ytd',
  'base',
  'growth',
  'targetAmount',
  'targetGrowth',
  'completionShare',
  'pointsOverTarget',
  'timeProgress',
  'aheadOfTime',
  'forecast',
  'forecastGap',
] as const;

describe('evaluateIndicator 指标测算', () => {
  it('gives every figure of 固定资产投资 1－10月 2021 against a 35 亿元 target', () => {
    const result = evaluate();
    expect(result).toMatchObject({
      periodLabel: '1－10月',
      periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      quarterly: false,
    });
    expectValue(result.ytd, '28.64');
    expectValue(result.base, '25.6');
    // (28.64 − 25.6) ÷ 25.6 × 100 = 11.875
    expectValue(result.growth, '11.875');
    expectValue(result.targetAmount, '35');
    expect(result.targetAmountImplied).toBe(false);
    expectReason(result.targetGrowth, { code: 'no-target' });
    expectReason(result.pointsOverTarget, { code: 'no-target' });
    // 28.64 ÷ 35 × 100 = 81.828…; 10 ÷ 12 × 100 = 83.333…; 81.828… − 83.333… = −1.504…
    expectPrinted(result.completionShare, 1, '81.8');
    expectPrinted(result.timeProgress, 1, '83.3');
    expectValue(result.aheadOfTime, new Decimal('2864').div(35).minus(new Decimal(1000).div(12)));
    expectPrinted(result.aheadOfTime, 1, '-1.5');
    // seasonal: 28.64 × 32 ÷ 25.6 = 35.8; gap 35.8 − 35 = 0.8
    expectValue(result.forecast, '35.8');
    expect(result.forecastMethod).toBe('seasonal');
    expectValue(result.forecastGap, '0.8');
    // 1.5 points behind time progress, within 10 → yellow
    expect(result.status).toBe('yellow');
  });

  it('implies the target amount from a growth-only target and measures points over it', () => {
    const result = evaluate({ target: { indicator: 'SALES', year: 2021, growth: '10' } });
    // 32 × (1 + 10 ÷ 100) = 35.2; 28.64 ÷ 35.2 × 100 = 81.363…
    expectValue(result.targetAmount, '35.2');
    expect(result.targetAmountImplied).toBe(true);
    expectPrinted(result.completionShare, 1, '81.4');
    // 11.875 − 10 = 1.875 → 超额完成 1.9 个百分点
    expectValue(result.pointsOverTarget, '1.875');
    // by the lag: 81.36 − 83.33 = −1.97 → yellow
    expect(result.status).toBe('yellow');
    // 35.8 − 35.2 = 0.6
    expectValue(result.forecastGap, '0.6');
  });

  it('a quarterly indicator before March has no complete quarter: every figure says so', () => {
    const result = evaluate({ indicator: indicator({ frequency: 'quarterly' }), throughMonth: 2 });
    expect(result).toMatchObject({
      periods: [],
      periodLabel: '1－2月',
      quarterly: true,
      status: 'none',
      forecastMethod: null,
    });
    for (const name of FIGURES) expectReason(result[name], { code: 'no-complete-quarter' });
  });

  it('a quarterly indicator through October covers quarters 1–3', () => {
    // 建筑业总产值: 5.2 + 6.8 + 7.1 = 19.1 against 4.8 + 6.0 + 6.6 = 17.4 → growth 9.770…％
    const result = evaluate({
      indicator: indicator({ code: 'CONS', frequency: 'quarterly' }),
      target: { indicator: 'CONS', year: 2021, amount: '26' },
      current: entries(['5.2', '6.8', '7.1']),
      prior: entries(['4.8', '6.0', '6.6', '7.6']),
    });
    expect(result).toMatchObject({ periods: [1, 2, 3], periodLabel: '1－3季度' });
    expectValue(result.ytd, '19.1');
    expectValue(result.base, '17.4');
    expectPrinted(result.growth, 1, '9.8');
    // time progress 3 ÷ 4 × 100 = 75; share 19.1 ÷ 26 × 100 = 73.46… → 1.5 behind → yellow
    expectValue(result.timeProgress, '75');
    expect(result.status).toBe('yellow');
    // seasonal: 19.1 × 25 ÷ 17.4 = 27.44…
    expect(result.forecastMethod).toBe('seasonal');
    expectValue(result.forecast, new Decimal('19.1').times(25).div('17.4'));
  });

  it('through December with data to October: the YTD and everything built on it name November and December', () => {
    const result = evaluate({ throughMonth: 12 });
    const missing: NoFigure = { code: 'missing-periods', year: 2021, periods: [11, 12], quarterly: false };
    for (const name of ['ytd', 'growth', 'completionShare', 'aheadOfTime', 'forecast', 'forecastGap'] as const) {
      expectReason(result[name], missing);
    }
    expectValue(result.base, '32');
    expectValue(result.timeProgress, '100');
    expect(result.forecastMethod).toBeNull();
    expect(result.status).toBe('none');
  });

  it('uses the comparable base in place of last year’s stored value for growth', () => {
    // statistics revised 2020 1月 from 2.0 to 2.64: base 25.6 + 0.64 = 26.24; (28.64 − 26.24) ÷ 26.24 × 100 = 9.146…
    const current = entries(Y2021).map((entry) => (entry.period === 1 ? { ...entry, comparableBase: '2.64' } : entry));
    const result = evaluate({ current });
    expectValue(result.base, '26.24');
    expectPrinted(result.growth, 1, '9.1');
    // the forecast keeps last year's stored pattern: still 28.64 × 32 ÷ 25.6 = 35.8
    expectValue(result.forecast, '35.8');
  });

  it('without a prior year: no base or growth, a linear forecast, and no implied target', () => {
    const result = evaluate({ prior: [], target: { indicator: 'SALES', year: 2021, growth: '10' } });
    expectReason(result.base, {
      code: 'missing-periods',
      year: 2020,
      periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      quarterly: false,
    });
    expectReason(result.growth, {
      code: 'missing-periods',
      year: 2020,
      periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      quarterly: false,
    });
    expectReason(result.targetAmount, {
      code: 'missing-periods',
      year: 2020,
      periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      quarterly: false,
    });
    expect(result.targetAmountImplied).toBe(true);
    // 28.64 × 12 ÷ 10 = 34.368
    expectValue(result.forecast, '34.368');
    expect(result.forecastMethod).toBe('linear');
    expect(result.status).toBe('none');
  });

  it('without year-on-year comparison: no base, growth or points, a linear forecast, the rest as any flow', () => {
    // 消除旱厕座数: counted for this year only; last year's values, even when stored, are no base.
    const NOT_APPLICABLE = { code: 'not-applicable' } as const;
    for (const prior of [entries(Y2020), []]) {
      const result = evaluate({
        indicator: indicator({ code: 'TOILETS', yearOnYear: false }),
        prior,
        target: { indicator: 'TOILETS', year: 2021, amount: '35', growth: '10' },
      });
      expectReason(result.base, NOT_APPLICABLE);
      expectReason(result.growth, NOT_APPLICABLE);
      expectReason(result.pointsOverTarget, NOT_APPLICABLE);
      expectValue(result.ytd, '28.64');
      expectValue(result.targetAmount, '35');
      expectPrinted(result.completionShare, 1, '81.8');
      // linear, not seasonal: 28.64 × 12 ÷ 10 = 34.368; gap 34.368 − 35 = −0.632
      expectValue(result.forecast, '34.368');
      expect(result.forecastMethod).toBe('linear');
      expectValue(result.forecastGap, '-0.632');
      // judged by the lag behind time progress (81.83 − 83.33), as any flow with an amount
      expect(result.status).toBe('yellow');
    }
  });

  it('without year-on-year comparison, not-applicable comes before missing data and a missing target', () => {
    const result = evaluate({
      indicator: indicator({ yearOnYear: false }),
      current: entries(Y2021.slice(0, 8)),
      prior: [],
      target: undefined,
    });
    for (const name of ['base', 'growth', 'pointsOverTarget'] as const) {
      expectReason(result[name], { code: 'not-applicable' });
    }
    expectReason(result.ytd, { code: 'missing-periods', year: 2021, periods: [9, 10], quarterly: false });
  });

  it('a quarterly count without year-on-year comparison still has no complete quarter before March', () => {
    const result = evaluate({ indicator: indicator({ frequency: 'quarterly', yearOnYear: false }), throughMonth: 2 });
    for (const name of FIGURES) expectReason(result[name], { code: 'no-complete-quarter' });
  });

  it('a zero base is stated as no comparison, and a growth target then has no colour', () => {
    const result = evaluate({
      prior: entries(Y2020.map(() => '0')),
      target: { indicator: 'X', year: 2021, growth: '5', amount: '35' },
    });
    expectReason(result.growth, { code: 'zero-base' });
    expectReason(result.pointsOverTarget, { code: 'zero-base' });
    // last year's same months total zero: the forecast falls back to linear
    expect(result.forecastMethod).toBe('linear');
  });

  it('a zero or negative target gives no completion share and no colour', () => {
    const zero = evaluate({ target: { indicator: 'FAI', year: 2021, amount: '0' } });
    expectReason(zero.completionShare, { code: 'zero-target' });
    expectReason(zero.aheadOfTime, { code: 'zero-target' });
    expect(zero.status).toBe('none');
    // the gap is still stated: 35.8 − 0
    expectValue(zero.forecastGap, '35.8');
    const negative = evaluate({ target: { indicator: 'FAI', year: 2021, amount: '-1' } });
    expectReason(negative.completionShare, { code: 'negative-target' });
    expect(negative.status).toBe('none');
  });

  it('without a target: figures that need one say 未设目标 and the status is none', () => {
    const result = evaluate({ target: undefined });
    for (const name of [
      'targetAmount',
      'targetGrowth',
      'completionShare',
      'pointsOverTarget',
      'aheadOfTime',
      'forecastGap',
    ] as const) {
      expectReason(result[name], { code: 'no-target' });
    }
    expectValue(result.growth, '11.875');
    expect(result.status).toBe('none');
  });

  it('names the missing target before missing data, since no data would give the figure', () => {
    const result = evaluate({ target: undefined, current: entries(Y2021.slice(0, 9)) });
    expectReason(result.completionShare, { code: 'no-target' });
    expectReason(result.ytd, { code: 'missing-periods', year: 2021, periods: [10], quarterly: false });
  });

  it('lists all missing months of this year in every figure built on the YTD', () => {
    const gaps: (string | undefined)[] = [...Y2021];
    gaps[3] = undefined;
    gaps[8] = undefined;
    const result = evaluate({ current: entries(gaps) });
    expectReason(result.completionShare, { code: 'missing-periods', year: 2021, periods: [4, 9], quarterly: false });
  });

  it('reads the plan curve for time progress, and says when there is none', () => {
    const plan = ['3', '6', '12', '18', '26', '40', '48', '56', '66', '76', '88', '100'];
    const planned = evaluate({
      indicator: indicator({ timeProgress: 'plan' }),
      target: { ...AMOUNT_35, planCurve: plan },
    });
    // 81.83 − 76 = +5.83 points ahead of plan → green
    expectValue(planned.timeProgress, '76');
    expect(planned.status).toBe('green');
    const unplanned = evaluate({ indicator: indicator({ timeProgress: 'plan' }) });
    expectReason(unplanned.timeProgress, { code: 'no-plan-curve' });
    expectReason(unplanned.aheadOfTime, { code: 'no-plan-curve' });
    expect(unplanned.status).toBe('none');
  });

  it('counts days in the leap year 2020 for days-mode time progress', () => {
    const result = evaluate({ indicator: indicator({ timeProgress: 'days' }), year: 2020, throughMonth: 2 });
    // 60 ÷ 366 × 100 = 16.393…
    expectValue(result.timeProgress, new Decimal(6000).div(366));
  });

  it('at month 12 the forecast is the actual total, and below 100 the year ends red', () => {
    const full = [...Y2021, '3.10', '3.26'];
    // 28.64 + 3.10 + 3.26 = 35.00 → share 100 → green
    const met = evaluate({ throughMonth: 12, current: entries(full) });
    expectValue(met.forecast, '35');
    expect(met.forecastMethod).toBe('actual');
    expect(met.status).toBe('green');
    // one cent short: 34.99 ÷ 35 × 100 = 99.97… → red
    const short = evaluate({ throughMonth: 12, current: entries([...Y2021, '3.10', '3.25']) });
    expect(short.status).toBe('red');
    expectValue(short.forecastGap, '-0.01');
  });

  it('is red more than 10 points behind time progress', () => {
    // 1－6月: 2.10 + 2.35 + 3.02 + 2.88 + 3.11 + 0.54 = 14.00 → 40％ of 35, exactly 10 behind 50 → yellow
    const current = entries(['2.10', '2.35', '3.02', '2.88', '3.11', '0.54']);
    expect(evaluate({ throughMonth: 6, current }).status).toBe('yellow');
    // 0.53 instead: 13.99 ÷ 35 × 100 = 39.97… → red
    expect(
      evaluate({ throughMonth: 6, current: entries(['2.10', '2.35', '3.02', '2.88', '3.11', '0.53']) }).status,
    ).toBe('red');
  });

  it('treats an average price as a level: growth of October’s value, no completion share or forecast', () => {
    const prices = entries(['7600', '7620', '7700', '7710', '7690', '7800', '7790', '7820', '7830', '7850']);
    const lastYear = entries([
      '7300',
      '7310',
      '7320',
      '7330',
      '7340',
      '7350',
      '7360',
      '7370',
      '7380',
      '7500',
      '7510',
      '7520',
    ]);
    const result = evaluate({
      indicator: indicator({ code: 'PRICE', name: '商品房平均价格', unit: '元／㎡', kind: 'level', decimals: 0 }),
      target: { indicator: 'PRICE', year: 2021, growth: '3' },
      current: prices,
      prior: lastYear,
    });
    // (7850 − 7500) ÷ 7500 × 100 = 4.666…; 4.666… − 3 = 1.666… → green
    expectPrinted(result.growth, 1, '4.7');
    expectPrinted(result.pointsOverTarget, 1, '1.7');
    expect(result.targetAmountImplied).toBe(false);
    expectReason(result.targetAmount, { code: 'no-target' });
    for (const name of ['completionShare', 'timeProgress', 'aheadOfTime', 'forecast', 'forecastGap'] as const) {
      expectReason(result[name], { code: 'not-applicable' });
    }
    expect(result.forecastMethod).toBeNull();
    expect(result.status).toBe('green');
  });

  it('judges a rate against its amount target: 清扫保洁率 93 against ≥ 95 is yellow', () => {
    const result = evaluate({
      indicator: indicator({ code: 'CLEAN', name: '清扫保洁率', unit: '％', kind: 'rate', decimals: 1 }),
      target: { indicator: 'CLEAN', year: 2021, amount: '95' },
      current: entries([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        '93',
      ]),
      prior: [],
    });
    expectValue(result.ytd, '93');
    expectReason(result.completionShare, { code: 'not-applicable' });
    expect(result.status).toBe('yellow');
  });

  it('a level without data says 不适用 for flow-only figures rather than asking for data', () => {
    const result = evaluate({ indicator: indicator({ kind: 'level' }), current: [], target: undefined });
    expectReason(result.completionShare, { code: 'not-applicable' });
    expectReason(result.forecastGap, { code: 'not-applicable' });
    expectReason(result.ytd, { code: 'missing-periods', year: 2021, periods: [10], quarterly: false });
  });

  it('reads a value that is not a decimal as not entered, never NaN', () => {
    const current = entries(Y2021).map((entry) => (entry.period === 5 ? { ...entry, value: 'NaN' } : entry));
    expectReason(evaluate({ current }).ytd, { code: 'missing-periods', year: 2021, periods: [5], quarterly: false });
    expectReason(evaluate({ target: { indicator: 'FAI', year: 2021, amount: 'Infinity' } }).targetAmount, {
      code: 'no-target',
    });
  });

  const RANK: Record<Exclude<Status, 'none'>, number> = { red: 0, yellow: 1, green: 2 };
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const scenario = fc.record({
    kind: fc.constantFrom('flow', 'level', 'rate') as fc.Arbitrary<'flow' | 'level' | 'rate'>,
    mode: fc.constantFrom('linear', 'days', 'plan') as fc.Arbitrary<'linear' | 'days' | 'plan'>,
    frequency: fc.constantFrom('monthly', 'quarterly') as fc.Arbitrary<'monthly' | 'quarterly'>,
    year: fc.integer({ min: 2019, max: 2025 }),
    throughMonth: fc.integer({ min: 1, max: 12 }),
    // mostly complete, so that most runs reach a colour
    current: fc.array(fc.option(fc.oneof(smallText, decimalText), { nil: undefined, freq: 40 }), {
      minLength: 12,
      maxLength: 12,
    }),
    prior: fc.array(maybe(fc.oneof(smallText, decimalText)), { minLength: 12, maxLength: 12 }),
    amount: maybe(fc.oneof(fc.integer({ min: 0, max: 600 }).map(String), decimalText)),
    growth: maybe(fc.oneof(smallText, decimalText)),
    planCurve: maybe(fc.array(nonNegativeText, { minLength: 12, maxLength: 12 })),
    redThreshold: fc.constantFrom('10', '5', '0', '20'),
    yearOnYear: fc.boolean(),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  function inputOf(s: Scenario): EvaluationInput {
    return {
      indicator: indicator({
        kind: s.kind,
        timeProgress: s.mode,
        frequency: s.frequency,
        redThreshold: s.redThreshold,
        yearOnYear: s.yearOnYear,
      }),
      year: s.year,
      throughMonth: s.throughMonth,
      target: { indicator: 'FAI', year: s.year, amount: s.amount, growth: s.growth, planCurve: s.planCurve },
      current: entries(s.current),
      prior: entries(s.prior),
    };
  }

  it('property: more done never makes the colour worse (status is monotonic in YTD)', () => {
    const seen = new Set<Status>();
    fc.assert(
      fc.property(
        scenario,
        fc.oneof(smallText, nonNegativeText).map((text) => new Decimal(text).abs().toString()),
        (s, extra) => {
          const before = evaluateIndicator(inputOf(s));
          const last = before.periods.at(-1);
          if (last === undefined) return;
          const current = entries(s.current).map((entry) =>
            entry.period === last ? { ...entry, value: new Decimal(entry.value).plus(extra).toString() } : entry,
          );
          const after = evaluateIndicator({ ...inputOf(s), current });
          seen.add(before.status);
          expect(after.status === 'none').toBe(before.status === 'none');
          if (before.status !== 'none' && after.status !== 'none') {
            expect(RANK[after.status]).toBeGreaterThanOrEqual(RANK[before.status]);
          }
        },
      ),
      { numRuns: 1000 },
    );
    // the runs must have met every colour, or the property says little
    expect([...seen].sort()).toEqual(['green', 'none', 'red', 'yellow']);
  });

  it('property: no figure is ever NaN or Infinity, and no data makes it throw', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = evaluateIndicator(inputOf(s));
        for (const name of FIGURES) {
          const value: Figure = result[name];
          if (value.ok) expect(value.value.isFinite()).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
