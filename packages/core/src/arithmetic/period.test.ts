import { describe, expect, it } from 'vitest';
import { PERIOD_DASH } from '../period/report-period.js';
import {
  coveredLabel,
  coveredPeriods,
  indicatorPeriod,
  lastCompleteQuarter,
  periodEndMonth,
  periodsPerYear,
} from './period.js';

describe('period 报告期', () => {
  it('labels a monthly span "1－m月" with the full-width dash U+FF0D', () => {
    expect(coveredLabel('monthly', 10)).toBe('1－10月');
    expect(PERIOD_DASH.codePointAt(0)).toBe(0xff0d);
    expect(coveredLabel('monthly', 10)).not.toContain('-');
  });

  it('labels January alone "1月", not "1－1月"', () => {
    expect(coveredLabel('monthly', 1)).toBe('1月');
    expect(coveredLabel('monthly', 2)).toBe('1－2月');
  });

  it('covers months 1 … m for a monthly indicator', () => {
    expect(coveredPeriods('monthly', 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(coveredPeriods('monthly', 1)).toEqual([1]);
  });

  it('covers the last complete quarter: through October is quarters 1–3, "1－3季度"', () => {
    // ⌊10 ÷ 3⌋ = 3: October belongs to a quarter that is not over.
    expect(lastCompleteQuarter(10)).toBe(3);
    expect(coveredPeriods('quarterly', 10)).toEqual([1, 2, 3]);
    expect(coveredLabel('quarterly', 10)).toBe('1－3季度');
  });

  it('labels the first quarter alone "1季度" from March to May', () => {
    for (const month of [3, 4, 5]) expect(coveredLabel('quarterly', month)).toBe('1季度');
    expect(coveredLabel('quarterly', 6)).toBe('1－2季度');
    expect(coveredLabel('quarterly', 12)).toBe('1－4季度');
  });

  it('has no complete quarter before the end of March, and keeps the month label asked for', () => {
    expect(lastCompleteQuarter(1)).toBe(0);
    expect(lastCompleteQuarter(2)).toBe(0);
    expect(coveredPeriods('quarterly', 2)).toEqual([]);
    expect(coveredLabel('quarterly', 2)).toBe('1－2月');
    expect(coveredLabel('quarterly', 1)).toBe('1月');
  });

  it('counts 12 months or 4 quarters in a year, and a quarter ends in its third month', () => {
    expect(periodsPerYear('monthly')).toBe(12);
    expect(periodsPerYear('quarterly')).toBe(4);
    expect(periodEndMonth(3, 'quarterly')).toBe(9);
    expect(periodEndMonth(10, 'monthly')).toBe(10);
  });

  it('says the year is over only when every period is covered', () => {
    expect(indicatorPeriod('monthly', 12).yearOver).toBe(true);
    expect(indicatorPeriod('monthly', 11).yearOver).toBe(false);
    expect(indicatorPeriod('quarterly', 12)).toMatchObject({ periods: [1, 2, 3, 4], perYear: 4, yearOver: true });
    expect(indicatorPeriod('quarterly', 11)).toMatchObject({ periods: [1, 2, 3], label: '1－3季度', yearOver: false });
  });

  it('refuses a through-month outside 1–12 as a caller error (the CLI checks the flag first)', () => {
    for (const month of [0, 13, 6.5, Number.NaN]) expect(() => indicatorPeriod('monthly', month)).toThrow(RangeError);
  });
});
