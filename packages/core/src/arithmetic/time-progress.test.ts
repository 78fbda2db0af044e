import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectPrinted, expectReason, expectValue } from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { describeNoFigure } from './figure.js';
import {
  daysInYear,
  daysThroughMonth,
  daysTimeProgress,
  isLeapYear,
  linearTimeProgress,
  planTimeProgress,
  timeProgress,
} from './time-progress.js';

const PLAN = ['3', '6', '12', '18', '26', '40', '48', '56', '66', '76', '88', '100'];

describe('time progress 时序进度', () => {
  it('is m ÷ 12 × 100 by default: 1－10月 is 83.3％, 1－6月 exactly 50％', () => {
    // 10 ÷ 12 × 100 = 83.333…
    expectValue(timeProgress('linear', 'monthly', 2021, 10), new Decimal(1000).div(12));
    expectPrinted(timeProgress('linear', 'monthly', 2021, 10), 1, '83.3');
    expectValue(timeProgress('linear', 'monthly', 2021, 6), '50');
  });

  it('is q ÷ 4 × 100 for a quarterly indicator: 1－3季度 is 75％', () => {
    expectValue(timeProgress('linear', 'quarterly', 2021, 3), '75');
    expectValue(linearTimeProgress(3, 4), '75');
  });

  it('counts days in a non-leap year: 1 January–31 October 2021 is 304 of 365 days', () => {
    // 31+28+31+30+31+30+31+31+30+31 = 304; 304 ÷ 365 × 100 = 83.287…
    expect(daysThroughMonth(2021, 10)).toBe(304);
    expectValue(timeProgress('days', 'monthly', 2021, 10), new Decimal(30400).div(365));
    expectPrinted(timeProgress('days', 'monthly', 2021, 10), 1, '83.3');
  });

  it('counts 366 days in a leap year: through October 2020 is 305 of 366, through February 60 of 366', () => {
    // 2020 is leap: February has 29 days. 305 ÷ 366 = 5 ÷ 6 → 83.333…; 60 ÷ 366 × 100 = 16.393…
    expect(isLeapYear(2020)).toBe(true);
    expect(daysInYear(2020)).toBe(366);
    expect(daysThroughMonth(2020, 10)).toBe(305);
    expectValue(daysTimeProgress(2020, 10), new Decimal(30500).div(366));
    expectPrinted(daysTimeProgress(2020, 2), 1, '16.4');
    // 2021: 59 ÷ 365 × 100 = 16.164…
    expectPrinted(daysTimeProgress(2021, 2), 1, '16.2');
  });

  it('puts the end of June just short of half the year in days: 181 ÷ 365 and 182 ÷ 366', () => {
    // 181 ÷ 365 × 100 = 49.589…; 182 ÷ 366 × 100 = 49.726…
    expectPrinted(daysTimeProgress(2021, 6), 1, '49.6');
    expectPrinted(daysTimeProgress(2020, 6), 1, '49.7');
  });

  it('follows the Gregorian rule for centuries: 2000 leap, 1900 and 2100 not', () => {
    expect([2000, 1900, 2100, 2024, 2023].map(isLeapYear)).toEqual([true, false, false, true, false]);
  });

  it('counts days to the end of the quarter’s third month for a quarterly indicator', () => {
    // 1－3季度 2021 ends 30 September: 273 ÷ 365 × 100 = 74.794…
    expect(daysThroughMonth(2021, 9)).toBe(273);
    expectValue(timeProgress('days', 'quarterly', 2021, 3), new Decimal(27300).div(365));
  });

  it('reaches exactly 100 at the end of December in every mode', () => {
    expectValue(timeProgress('days', 'monthly', 2020, 12), '100');
    expectValue(timeProgress('days', 'monthly', 2021, 12), '100');
    expectValue(timeProgress('linear', 'monthly', 2021, 12), '100');
    expectValue(timeProgress('plan', 'monthly', 2021, 12, PLAN), '100');
  });

  it('reads the plan curve 计划进度 at the last month covered', () => {
    expectValue(timeProgress('plan', 'monthly', 2021, 10, PLAN), '76');
    expectValue(timeProgress('plan', 'monthly', 2021, 6, PLAN), '40');
    // quarter 3 ends in September: the curve's ninth entry
    expectValue(timeProgress('plan', 'quarterly', 2021, 3, PLAN), '66');
  });

  it('plan mode without a plan curve says so', () => {
    const progress = timeProgress('plan', 'monthly', 2021, 10, undefined);
    expectReason(progress, { code: 'no-plan-curve' });
    if (!progress.ok) expect(describeNoFigure(progress.reason)).toBe('未设计划进度曲线');
    expectReason(planTimeProgress(['3', '6'], 10), { code: 'no-plan-curve' });
    expectReason(planTimeProgress([...PLAN.slice(0, 9), 'abc'], 10), { code: 'no-plan-curve' });
  });

  it('property: days mode never goes back as months pass and stays within 0–100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 11 }), (year, month) => {
        const now = daysTimeProgress(year, month);
        const next = daysTimeProgress(year, month + 1);
        expect(now.ok && next.ok && now.value.lessThan(next.value) && now.value.greaterThan(0)).toBe(true);
        expect(next.ok && next.value.lessThanOrEqualTo(100)).toBe(true);
      }),
    );
  });
});
