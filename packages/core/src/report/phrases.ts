import { type Decimal, roundHalfUp } from '../arithmetic/decimal.js';
import { formatNumber, formatPercent, PERCENT_DECIMALS } from './format.js';

/**
 * Phrases that let the text say only what the data supports. Each takes unrounded
 * figures and decides on the rounded value the reader will see, so a phrase never
 * contradicts its own number ("增长0.0％" cannot happen: that is 持平).
 */

/** 增长6.7％ / 下降3.2％ / 持平: the sign decides the verb (never "增长－3.2％"). */
export function growthPhrase(growth: Decimal, up = '增长', down = '下降'): string {
  const shown = roundHalfUp(growth, PERCENT_DECIMALS);
  if (shown.isZero()) return '持平';
  return shown.isPositive() ? `${up}${formatPercent(shown)}％` : `${down}${formatPercent(shown.abs())}％`;
}

/** 超额完成4.8个百分点 / 低于目标1.2个百分点 / 与目标持平: never "超额" for a shortfall. */
export function pointsPhrase(points: Decimal, over = '超额完成', under = '低于目标', level = '与目标持平'): string {
  const shown = roundHalfUp(points, PERCENT_DECIMALS);
  if (shown.isZero()) return level;
  return shown.isPositive()
    ? `${over}${formatPercent(shown)}个百分点`
    : `${under}${formatPercent(shown.abs())}个百分点`;
}

/** 超过时序进度2.8个百分点 / 低于时序进度1.2个百分点 / 与时序进度持平, from the points ahead of time progress. */
export function timeProgressPhrase(pointsAhead: Decimal): string {
  return pointsPhrase(pointsAhead, '超过时序进度', '低于时序进度', '与时序进度持平');
}

export interface ForecastPhraseInput {
  forecast: Decimal;
  /** forecast − target */
  gap: Decimal;
  unit: string;
  decimals: number;
  /** also state the forecast amount when the target is met ("…全年目标任务31.66亿元") */
  withAmount: boolean;
}

/**
 * 预计年底能够完成全年目标任务 only when the forecast reaches the target; otherwise the
 * expected shortfall, stated.
 */
export function forecastPhrase({ forecast, gap, unit, decimals, withAmount }: ForecastPhraseInput): string {
  const amount = `${formatNumber(forecast, decimals)}${unit}`;
  if (gap.greaterThanOrEqualTo(0)) return `预计年底能够完成全年目标任务${withAmount ? amount : ''}`;
  return `预计年底完成${amount}，较全年目标少${formatNumber(gap.abs(), decimals)}${unit}`;
}

export interface CompletePhraseInput {
  done: Decimal;
  of: Decimal;
  unit: string;
  decimals: number;
  /** said when all is done: 已全部开工建设 */
  whenComplete: string;
  /** followed by the count when not: 已开工 → 已开工10个，尚有2个未完成 */
  prefix: string;
}

/** "已全部…" only when the count is complete, compared as printed. */
export function completePhrase({ done, of, unit, decimals, whenComplete, prefix }: CompletePhraseInput): string {
  const shownDone = roundHalfUp(done, decimals);
  const remaining = roundHalfUp(of, decimals).minus(shownDone);
  if (remaining.lessThanOrEqualTo(0)) return whenComplete;
  return `${prefix}${formatNumber(shownDone, decimals)}${unit}，尚有${formatNumber(remaining, decimals)}${unit}未完成`;
}
