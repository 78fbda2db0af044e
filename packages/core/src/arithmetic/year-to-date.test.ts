import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries, expectReason, expectValue, nonNegativeText } from './arithmetic.test-helpers.js';
import { describeNoFigure } from './figure.js';
import { periodsThrough } from './period.js';
import { yearToDate } from './year-to-date.js';

const MONTHLY_2021 = ['2.10', '2.35', '3.02', '2.88', '3.11', '3.40', '2.76', '2.95', '3.05', '3.02'];

describe('year to date 累计', () => {
  it('adds the months of a flow: 1－10月 of 2021', () => {
    // 2.10 + 2.35 + 3.02 + 2.88 + 3.11 + 3.40 + 2.76 + 2.95 + 3.05 + 3.02 = 28.64
    expectValue(
      yearToDate('flow', { year: 2021, periods: periodsThrough(10), quarterly: false }, entries(MONTHLY_2021)),
      '28.64',
    );
  });

  it('takes the last month of a level or rate, not a sum', () => {
    // 平均房价 in October is October's value: 7 850 元／㎡
    const prices = entries(['7600', '7620', '7700', '7710', '7690', '7800', '7790', '7820', '7830', '7850']);
    expectValue(yearToDate('level', { year: 2021, periods: periodsThrough(10), quarterly: false }, prices), '7850');
    expectValue(yearToDate('rate', { year: 2021, periods: periodsThrough(3), quarterly: false }, prices), '7700');
  });

  it('lists every missing month of a flow, so one message says all a section owes', () => {
    const gaps: (string | undefined)[] = [...MONTHLY_2021];
    gaps[2] = undefined;
    gaps[6] = undefined;
    const ytd = yearToDate('flow', { year: 2021, periods: periodsThrough(10), quarterly: false }, entries(gaps));
    expectReason(ytd, { code: 'missing-periods', year: 2021, periods: [3, 7], quarterly: false });
    if (!ytd.ok) expect(describeNoFigure(ytd.reason)).toBe('缺2021年3月、7月数据');
  });

  it('through December with data to October is missing November and December, never a ten-month total', () => {
    const ytd = yearToDate(
      'flow',
      { year: 2021, periods: periodsThrough(12), quarterly: false },
      entries(MONTHLY_2021),
    );
    expectReason(ytd, { code: 'missing-periods', year: 2021, periods: [11, 12], quarterly: false });
    if (!ytd.ok) expect(describeNoFigure(ytd.reason)).toBe('缺2021年11月、12月数据');
  });

  it('needs only the last month of a level: an earlier gap does not hide October’s price', () => {
    const prices = entries(['7600', undefined, '7700', '7710', '7690', '7800', '7790', '7820', '7830', '7850']);
    expectValue(yearToDate('level', { year: 2021, periods: periodsThrough(10), quarterly: false }, prices), '7850');
    expectReason(yearToDate('level', { year: 2021, periods: periodsThrough(11), quarterly: false }, prices), {
      code: 'missing-periods',
      year: 2021,
      periods: [11],
      quarterly: false,
    });
  });

  it('adds quarters of a quarterly indicator and names a missing quarter as a quarter', () => {
    // 建筑业总产值: 5.2 + 6.8 + 7.1 = 19.1
    const quarters = entries(['5.2', '6.8', '7.1']);
    expectValue(yearToDate('flow', { year: 2021, periods: [1, 2, 3], quarterly: true }, quarters), '19.1');
    const ytd = yearToDate('flow', { year: 2021, periods: [1, 2, 3, 4], quarterly: true }, quarters);
    expectReason(ytd, { code: 'missing-periods', year: 2021, periods: [4], quarterly: true });
    if (!ytd.ok) expect(describeNoFigure(ytd.reason)).toBe('缺2021年4季度数据');
  });

  it('has no figure for an empty span (a quarterly indicator before March)', () => {
    expectReason(yearToDate('flow', { year: 2021, periods: [], quarterly: true }, []), { code: 'no-complete-quarter' });
  });

  it('sums negative adjustments as entered', () => {
    // 3 + (−1.5) + 0 = 1.5
    expectValue(
      yearToDate('flow', { year: 2021, periods: [1, 2, 3], quarterly: false }, entries(['3', '-1.5', '0'])),
      '1.5',
    );
  });

  it('property: YTD(m) = YTD(m − 1) + value(m) for a flow', () => {
    fc.assert(
      fc.property(
        fc.array(nonNegativeText, { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 2, max: 12 }),
        (values, month) => {
          const list = entries(values);
          const through = (m: number) =>
            yearToDate('flow', { year: 2021, periods: periodsThrough(m), quarterly: false }, list);
          const now = through(month);
          const before = through(month - 1);
          expect(now.ok && before.ok).toBe(true);
          if (now.ok && before.ok) expect(now.value.equals(before.value.plus(values[month - 1] ?? '0'))).toBe(true);
        },
      ),
    );
  });
});
