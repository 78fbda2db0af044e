import type { Frequency } from '../model.js';
import { spanLabel } from '../period/report-period.js';

/**
 * The report period 报告期 "1－m月" of a year, seen from one indicator: which of its periods (months, or
 * quarters for a quarterly indicator) are covered, and how the period is labelled in a report.
 */
export interface IndicatorPeriod {
  quarterly: boolean;
  /** the month the report runs through, 1–12 */
  throughMonth: number;
  /** covered periods 1 … p; empty for a quarterly indicator before the end of March */
  periods: number[];
  /** P: periods in a whole year (12 months or 4 quarters) */
  perYear: number;
  /** "1－10月", "1月", "1－3季度", "1季度" */
  label: string;
  /** p = P: the whole year is covered, so a target not met by now is missed */
  yearOver: boolean;
}

function assertMonth(throughMonth: number): void {
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > 12) {
    throw new RangeError(`through-month must be an integer 1–12, got ${throughMonth}`);
  }
}

/** P: 12 months, or 4 quarters. */
export function periodsPerYear(frequency: Frequency): number {
  return frequency === 'quarterly' ? 4 : 12;
}

/** 最后一个完整季度 last complete quarter by the end of month m: ⌊m ÷ 3⌋, 0 before the end of March. */
export function lastCompleteQuarter(throughMonth: number): number {
  assertMonth(throughMonth);
  return Math.floor(throughMonth / 3);
}

/** 1 … n, the periods from the start of the year. */
export function periodsThrough(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** The periods a report through month m covers: months 1 … m, or quarters 1 … ⌊m ÷ 3⌋. */
export function coveredPeriods(frequency: Frequency, throughMonth: number): number[] {
  assertMonth(throughMonth);
  return periodsThrough(frequency === 'quarterly' ? lastCompleteQuarter(throughMonth) : throughMonth);
}

/** The calendar month a period ends in: a month itself, or the third month of a quarter (quarter 3 → September). */
export function periodEndMonth(period: number, frequency: Frequency): number {
  return frequency === 'quarterly' ? period * 3 : period;
}

/**
 * The label of the covered span: "1－10月" / "1月" for a monthly indicator, "1－3季度" / "1季度" for a
 * quarterly one. Before the first quarter is complete a quarterly indicator keeps the label of the month
 * asked for ("1－2月"), so a report still says which period has no figure.
 */
export function coveredLabel(frequency: Frequency, throughMonth: number): string {
  const periods = coveredPeriods(frequency, throughMonth);
  if (frequency === 'quarterly' && periods.length > 0) return spanLabel(periods.length, '季度');
  return spanLabel(throughMonth, '月');
}

/** Everything about the period "1－m月" that the figures of one indicator need. */
export function indicatorPeriod(frequency: Frequency, throughMonth: number): IndicatorPeriod {
  const periods = coveredPeriods(frequency, throughMonth);
  const perYear = periodsPerYear(frequency);
  return {
    quarterly: frequency === 'quarterly',
    throughMonth,
    periods,
    perYear,
    label: coveredLabel(frequency, throughMonth),
    yearOver: periods.length === perYear,
  };
}
