import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDate, daysInMonth, isoDate, parseCalendarDate } from './calendar-date.js';
import {
  firstDayAfter,
  monthsLabel,
  PERIOD_DASH,
  periodDates,
  periodEnd,
  periodLabel,
  periodName,
  priorPeriod,
  quarterName,
  reportPeriod,
  valuePeriodName,
  YEAR_MAX,
  YEAR_MIN,
} from './report-period.js';

const periods = fc.record({
  year: fc.integer({ min: YEAR_MIN, max: YEAR_MAX }),
  through: fc.integer({ min: 1, max: 12 }),
});

describe('the report period 报告期', () => {
  it('is labelled as the statistics bureau writes it, with a full-width dash, and January alone as 1月', () => {
    expect(periodLabel({ year: 2021, through: 10 })).toBe('2021年1－10月');
    expect(periodLabel({ year: 2021, through: 1 })).toBe('2021年1月');
    expect(monthsLabel(2)).toBe('1－2月');
    expect(PERIOD_DASH.codePointAt(0)).toBe(0xff0d);
  });

  it('names the spans bureaus report on: 一季度, 上半年, 前三季度, 全年, and no other', () => {
    expect([3, 6, 9, 12].map(periodName)).toEqual(['一季度', '上半年', '前三季度', '全年']);
    for (const through of [1, 2, 4, 5, 7, 8, 10, 11]) expect(periodName(through)).toBeUndefined();
  });

  it('ends on the last day of its month, leap years included', () => {
    expect(chineseDate(periodEnd({ year: 2021, through: 10 }))).toBe('2021年10月31日');
    expect(chineseDate(periodEnd({ year: 2020, through: 2 }))).toBe('2020年2月29日');
    expect(chineseDate(periodEnd({ year: 2021, through: 2 }))).toBe('2021年2月28日');
    expect(chineseDate(periodEnd({ year: 2100, through: 2 }))).toBe('2100年2月28日');
  });

  it('covers its days from 1 January up to, not including, the first day after it', () => {
    expect(periodDates({ year: 2021, through: 10 })).toEqual({ from: '2021-01-01', before: '2021-11-01' });
    expect(periodDates({ year: 2021, through: 12 })).toEqual({ from: '2021-01-01', before: '2022-01-01' });
    fc.assert(
      fc.property(periods, (period) => {
        const end = periodEnd(period);
        const next = new Date(`${isoDate(end)}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        expect(periodDates(period).before).toBe(next.toISOString().slice(0, 10));
        expect(firstDayAfter(period.year, period.through)).toBe(periodDates(period).before);
      }),
    );
  });

  it('compares with the same span of the year before', () => {
    expect(priorPeriod({ year: 2021, through: 10 })).toEqual({ year: 2020, through: 10 });
  });

  it('refuses a year or month out of range, naming which', () => {
    expect(reportPeriod(2021, 10)).toEqual({ year: 2021, through: 10 });
    for (const [year, through] of [
      [YEAR_MIN - 1, 1],
      [YEAR_MAX + 1, 1],
      [2021.5, 1],
    ] as const) {
      expect(() => reportPeriod(year, through)).toThrow(/year/);
    }
    for (const through of [0, 13, 6.5, Number.NaN]) expect(() => reportPeriod(2021, through)).toThrow(/through/);
  });
});

describe('the period of one value', () => {
  it('is a month, or a quarter by its name', () => {
    expect(valuePeriodName(10, false)).toBe('10月');
    expect(valuePeriodName(3, true)).toBe('三季度');
    expect(quarterName(1)).toBe('一季度');
    expect(() => quarterName(5)).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('reads a date as printed or in ISO form, and nothing that is not a day of the calendar', () => {
    expect(parseCalendarDate('2021年11月5日')).toEqual({ year: 2021, month: 11, day: 5 });
    expect(parseCalendarDate(' 2021-11-05 ')).toEqual({ year: 2021, month: 11, day: 5 });
    for (const text of ['待定', '2021年2月30日', '2021-13-01', '2021-00-10', '2021年11月']) {
      expect(parseCalendarDate(text), text).toBeUndefined();
    }
  });

  it('prints what it reads', () => {
    fc.assert(
      fc.property(periods, fc.integer({ min: 1, max: 31 }), ({ year, through: month }, day) => {
        const date = { year, month, day: Math.min(day, daysInMonth(year, month)) };
        expect(parseCalendarDate(chineseDate(date))).toEqual(date);
        expect(parseCalendarDate(isoDate(date))).toEqual(date);
      }),
    );
  });
});
