import type { IndicatorDef, Target } from '../model.js';
import { aheadOfTime } from './ahead-of-time.js';
import { flowsOnly, yearOnYearOnly } from './applicability.js';
import { completionShare } from './completion-share.js';
import type { PeriodEntry, PeriodSpan } from './entries.js';
import { combine, type Figure, figureValue, noFigure } from './figure.js';
import { type ForecastMethod, yearEndForecast } from './forecast.js';
import { forecastGap } from './forecast-gap.js';
import { growthRate } from './growth.js';
import { indicatorPeriod, periodsThrough } from './period.js';
import { pointsOverTarget } from './points-over-target.js';
import { priorYearBase } from './prior-year-base.js';
import { progressStatus, type Status } from './status.js';
import { isImpliedTarget, targetAmount, targetGrowth } from './target-amount.js';
import { timeProgress } from './time-progress.js';
import { yearToDate } from './year-to-date.js';

export type { PeriodEntry } from './entries.js';
export type { ForecastMethod } from './forecast.js';
export type { Status } from './status.js';

export interface EvaluationInput {
  indicator: IndicatorDef;
  year: number;
  /** 1..12 */
  throughMonth: number;
  /** the target of `year`, if any */
  target?: Target | undefined;
  /** entries of year Y (period = month 1-12, or quarter 1-4 for quarterly) */
  current: readonly PeriodEntry[];
  /** entries of year Y-1 (their comparableBase is ignored) */
  prior: readonly PeriodEntry[];
}

/** Every figure of one indicator for "1－m月" of a year: what the report, the dashboard and the CLI print. */
export interface IndicatorEvaluation {
  indicator: IndicatorDef;
  year: number;
  throughMonth: number;
  quarterly: boolean;
  /** covered periods (months, or quarters for a quarterly indicator) */
  periods: number[];
  /** "1－10月", "1月", "1－3季度", "1季度" */
  periodLabel: string;
  /** 累计 */
  ytd: Figure;
  /** 上年同期 */
  base: Figure;
  /** 同比增幅 ％ */
  growth: Figure;
  /** 全年目标 */
  targetAmount: Figure;
  /** the target sets only a growth rate and the amount is implied from it (even when last year is too incomplete to give it) */
  targetAmountImplied: boolean;
  /** 目标增速 ％ */
  targetGrowth: Figure;
  /** 完成率 ％ */
  completionShare: Figure;
  /** 超目标百分点 */
  pointsOverTarget: Figure;
  /** 时序进度 ％ */
  timeProgress: Figure;
  /** 超时序进度 points */
  aheadOfTime: Figure;
  /** 预计年底 */
  forecast: Figure;
  forecastMethod: ForecastMethod | null;
  /** 预计差额 forecast − target amount */
  forecastGap: Figure;
  /** 三色预警 */
  status: Status;
}

/**
 * Evaluates one indicator for "1－m月" of a year. When several inputs of a figure are missing, the reason
 * given is the first of: no complete quarter, not applicable, no target or plan curve (no data would
 * help), then missing data in the formula's order (this year before last year).
 */
export function evaluateIndicator(input: EvaluationInput): IndicatorEvaluation {
  const { indicator, year, throughMonth, target, current, prior } = input;
  const { kind, yearOnYear } = indicator;
  const period = indicatorPeriod(indicator.frequency, throughMonth);
  const head = {
    indicator,
    year,
    throughMonth,
    quarterly: period.quarterly,
    periods: period.periods,
    periodLabel: period.label,
    targetAmountImplied: isImpliedTarget(kind, target),
  };

  if (period.periods.length === 0) {
    const none = noFigure({ code: 'no-complete-quarter' });
    return {
      ...head,
      ytd: none,
      base: none,
      growth: none,
      targetAmount: none,
      targetGrowth: none,
      completionShare: none,
      pointsOverTarget: none,
      timeProgress: none,
      aheadOfTime: none,
      forecast: none,
      forecastMethod: null,
      forecastGap: none,
      status: 'none',
    };
  }

  const span: PeriodSpan = { year, periods: period.periods, quarterly: period.quarterly };
  const lastYear: PeriodSpan = { ...span, year: year - 1 };
  const covered = period.periods.length;

  const ytd = yearToDate(kind, span, current);
  const base = yearOnYearOnly(yearOnYear, () => priorYearBase(kind, span, current, prior));
  const growth = yearOnYearOnly(yearOnYear, () => combine([ytd, base], growthRate));

  // Last year's stored totals (never comparable bases): the implied target and the seasonal pattern.
  const priorFullYear = yearToDate('flow', { ...lastYear, periods: periodsThrough(period.perYear) }, prior);
  const priorSamePeriods = yearToDate('flow', lastYear, prior);

  const amount = targetAmount(kind, target, priorFullYear).amount;
  const goalGrowth = targetGrowth(target);
  const share = flowsOnly(kind, () => combine([amount, ytd], (goal, done) => completionShare(done, goal)));
  const points = yearOnYearOnly(yearOnYear, () =>
    combine([goalGrowth, growth], (goal, rate) => pointsOverTarget(rate, goal)),
  );
  const progress = flowsOnly(kind, () =>
    timeProgress(indicator.timeProgress, indicator.frequency, year, covered, target?.planCurve),
  );
  const ahead = combine([share, progress], aheadOfTime);

  const { forecast, method } = ytd.ok
    ? yearEndForecast({
        kind,
        ytd: ytd.value,
        covered,
        perYear: period.perYear,
        // Without year-on-year comparison last year is no pattern for this one: a straight line.
        priorYearToDate: yearOnYear ? figureValue(priorSamePeriods) : undefined,
        priorFullYear: yearOnYear ? figureValue(priorFullYear) : undefined,
      })
    : { forecast: flowsOnly(kind, () => ytd), method: null };
  const gap = flowsOnly(kind, () => combine([amount, forecast], (goal, expected) => forecastGap(expected, goal)));

  const { status } = progressStatus({
    kind,
    redThreshold: indicator.redThreshold,
    yearOver: period.yearOver,
    ytd,
    targetAmount: amount,
    completionShare: share,
    timeProgress: progress,
    growth,
    targetGrowth: goalGrowth,
  });

  return {
    ...head,
    ytd,
    base,
    growth,
    targetAmount: amount,
    targetGrowth: goalGrowth,
    completionShare: share,
    pointsOverTarget: points,
    timeProgress: progress,
    aheadOfTime: ahead,
    forecast,
    forecastMethod: method,
    forecastGap: gap,
    status,
  };
}
