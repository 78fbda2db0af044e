import { type CalendarDate, daysInMonth, isoDate } from './calendar-date.js';

/**
 * 报告期: a report, a dashboard or a completeness check covers "1－through月" of a year, from
 * January to the end of month `through`. The periods bureaus name — 一季度, 上半年, 前三季度,
 * 全年 — are such spans too (1－3月, 1－6月, 1－9月, 1－12月), so this one value serves them all.
 * Plain data, so it crosses the worker boundary and the API unchanged.
 */
export interface ReportPeriod {
  year: number;
  /** the last month covered, 1–12 */
  through: number;
}

/** The years Taizhang keeps figures for: API schemas, CLI options and dataset checks use these bounds. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** The full-width dash (U+FF0D) of "1－10月", as the statistics bureau and the seed write it. */
export const PERIOD_DASH = '－';

/** A period, checked: a RangeError names the part out of range. */
export function reportPeriod(year: number, through: number): ReportPeriod {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
    throw new RangeError(`year must be an integer ${YEAR_MIN}–${YEAR_MAX}, got ${year}`);
  }
  if (!Number.isInteger(through) || through < 1 || through > 12) {
    throw new RangeError(`through-month must be an integer 1–12, got ${through}`);
  }
  return { year, through };
}

/** "1－n{unit}", or just "1{unit}" for the first one alone, as the statistics bureau writes it. */
export function spanLabel(count: number, unit: string): string {
  return count === 1 ? `1${unit}` : `1${PERIOD_DASH}${count}${unit}`;
}

/** "1－10月"; "1月" for January alone. */
export function monthsLabel(through: number): string {
  return spanLabel(through, '月');
}

/** "2021年1－10月"; "2021年1月" for January alone. */
export function periodLabel(period: ReportPeriod): string {
  return `${period.year}年${monthsLabel(period.through)}`;
}

const QUARTER_NAMES = ['一季度', '二季度', '三季度', '四季度'] as const;

/** 一季度 … 四季度, for quarter 1–4. */
export function quarterName(quarter: number): string {
  const name = QUARTER_NAMES[quarter - 1];
  if (name === undefined) throw new RangeError(`quarter ${quarter} is not 1–4`);
  return name;
}

/** The period one value is entered for: "10月", or "三季度" for a quarterly indicator's. */
export function valuePeriodName(period: number, quarterly: boolean): string {
  return quarterly ? quarterName(period) : `${period}月`;
}

const NAMED: Readonly<Record<number, string>> = { 3: '一季度', 6: '上半年', 9: '前三季度', 12: '全年' };

/** 一季度, 上半年, 前三季度 or 全年 for a span that has such a name; undefined for the others. */
export function periodName(through: number): string | undefined {
  return NAMED[through];
}

/** The period's last day: the default 成文日期 of its report. */
export function periodEnd(period: ReportPeriod): CalendarDate {
  return { year: period.year, month: period.through, day: daysInMonth(period.year, period.through) };
}

/**
 * The period's days as ISO dates: `from` its first day, `before` the first day after it (an
 * exclusive end, so a row dated on the last day of the period is inside it whatever its time).
 */
export function periodDates(period: ReportPeriod): { from: string; before: string } {
  return {
    from: isoDate({ year: period.year, month: 1, day: 1 }),
    before: firstDayAfter(period.year, period.through),
  };
}

/** The first day after month `month` of `year`: the exclusive end of a span ending that month. */
export function firstDayAfter(year: number, month: number): string {
  return month === 12 ? isoDate({ year: year + 1, month: 1, day: 1 }) : isoDate({ year, month: month + 1, day: 1 });
}

/** The same span of the year before: what 同比 compares with. */
export function priorPeriod(period: ReportPeriod): ReportPeriod {
  return { year: period.year - 1, through: period.through };
}
