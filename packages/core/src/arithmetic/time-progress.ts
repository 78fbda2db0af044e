import type { Frequency, TimeProgressMode } from '../model.js';
import { dec, HUNDRED, parseDecimal } from './decimal.js';
import { type Figure, figure, noFigure } from './figure.js';
import { periodEndMonth, periodsPerYear } from './period.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian leap year: every 4th year, except centuries not divisible by 400 (2000 was leap, 2100 is not). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days from 1 January to the last day of `month`, both included (31 for January, 60 through February of a leap year). */
export function daysThroughMonth(year: number, month: number): number {
  let days = 0;
  for (let m = 1; m <= month; m += 1) days += (DAYS_IN_MONTH[m - 1] ?? 0) + (m === 2 && isLeapYear(year) ? 1 : 0);
  return days;
}

/** 时序进度 (linear) p ÷ P × 100: the default, "1－6月" is 50％ of the year. */
export function linearTimeProgress(covered: number, perYear: number): Figure {
  return figure(dec(covered).div(perYear).times(HUNDRED));
}

/** 时序进度 (days) elapsed days through the end of `month` ÷ days in the year × 100; leap years count 366. */
export function daysTimeProgress(year: number, month: number): Figure {
  return figure(dec(daysThroughMonth(year, month)).div(daysInYear(year)).times(HUNDRED));
}

/**
 * 时序进度 (plan) the plan curve (计划进度) at `month`: the cumulative share of the annual target the plan
 * expects by then. A curve without a finite value for that month is treated as not set.
 */
export function planTimeProgress(planCurve: readonly string[] | undefined, month: number): Figure {
  const planned = parseDecimal(planCurve?.[month - 1]);
  return planned === undefined ? noFigure({ code: 'no-plan-curve' }) : figure(planned);
}

/**
 * 时序进度 time progress in ％ at the end of the last covered period `period` (a month, or a quarter whose
 * last month is counted), in the indicator's mode.
 */
export function timeProgress(
  mode: TimeProgressMode,
  frequency: Frequency,
  year: number,
  period: number,
  planCurve?: readonly string[] | undefined,
): Figure {
  const month = periodEndMonth(period, frequency);
  switch (mode) {
    case 'linear':
      return linearTimeProgress(period, periodsPerYear(frequency));
    case 'days':
      return daysTimeProgress(year, month);
    case 'plan':
      return planTimeProgress(planCurve, month);
  }
}
