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

/** The words of a completion against time progress: ahead of it, behind it, and behind it past the red threshold. */
export interface TimeProgressWords {
  ahead: string;
  behind: string;
  lagging: string;
}

export const TIME_PROGRESS_WORDS: TimeProgressWords = {
  ahead: '快于时序进度',
  behind: '慢于时序进度',
  lagging: '滞后时序进度',
};

/**
 * 快于时序进度2.8个百分点 / 慢于时序进度1.2个百分点 / 与时序进度持平, from the points ahead of time
 * progress; 滞后时序进度27.7个百分点 when the lag is red (past the indicator's threshold).
 */
export function timeProgressPhrase(pointsAhead: Decimal, red = false, words = TIME_PROGRESS_WORDS): string {
  return pointsPhrase(pointsAhead, words.ahead, red ? words.lagging : words.behind, '与时序进度持平');
}

/**
 * A growth rate compared with an earlier one, as the statistics bureau writes it, from the rates
 * as printed (so a reader's subtraction agrees): 增速比1－9月提高0.2个百分点 / 回落 / 增速与1－9月持平;
 * when both are declines 降幅比上年同期收窄0.8个百分点 / 扩大 / 降幅与…持平; when the sign changed
 * 上年为增长8.5％. With `turn` a sign change also says 由增转降/由降转增; with `short` the subject
 * 增速/降幅 is left out, for a second comparison in the same sentence (比上年回落2.9个百分点).
 */
export function growthComparePhrase(
  now: Decimal,
  before: Decimal,
  label: string,
  option: 'turn' | 'short' | undefined = undefined,
): string {
  const a = roundHalfUp(now, PERCENT_DECIMALS);
  const b = roundHalfUp(before, PERCENT_DECIMALS);
  const points = (d: Decimal) => `${formatPercent(d.abs())}个百分点`;
  if (a.lessThan(0) && b.lessThan(0)) {
    const wider = a.abs().minus(b.abs());
    const subject = option === 'short' ? '' : '降幅';
    if (wider.isZero()) return `${subject}与${label}持平`;
    return `${subject}比${label}${wider.greaterThan(0) ? '扩大' : '收窄'}${points(wider)}`;
  }
  if ((a.greaterThan(0) && b.lessThan(0)) || (a.lessThan(0) && b.greaterThan(0))) {
    const was = b.greaterThan(0) ? `增长${formatPercent(b)}％` : `下降${formatPercent(b.abs())}％`;
    return `${option === 'turn' ? `${a.greaterThan(0) ? '由降转增' : '由增转降'}，` : ''}${label}为${was}`;
  }
  const subject = option === 'short' ? '' : '增速';
  const change = a.minus(b);
  if (change.isZero()) return `${subject}与${label}持平`;
  return `${subject}比${label}${change.greaterThan(0) ? '提高' : '回落'}${points(change)}`;
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
  /** followed by the count when not: 已开工 → 已开工10个，尚有2个未开工 */
  prefix: string;
  /** what the remainder is: 未开工, 未验收, 未办结; by default 未 and the prefix's verb (已开工 → 未开工) */
  remainder?: string | undefined;
}

/** The remainder's words when the template names none: 已开工 → 未开工, never 未完成 for work not started. */
export function remainderOf(prefix: string): string {
  return prefix.startsWith('已') && prefix.length > 1 ? `未${prefix.slice(1)}` : '未完成';
}

/** "已全部…" only when the count is complete, compared as printed. */
export function completePhrase(input: CompletePhraseInput): string {
  const { done, of, unit, decimals, whenComplete, prefix } = input;
  const shownDone = roundHalfUp(done, decimals);
  const remaining = roundHalfUp(of, decimals).minus(shownDone);
  if (remaining.lessThanOrEqualTo(0)) return whenComplete;
  const remainder = input.remainder ?? remainderOf(prefix);
  return `${prefix}${formatNumber(shownDone, decimals)}${unit}，尚有${formatNumber(remaining, decimals)}${unit}${remainder}`;
}
