import type { IndicatorKind } from '../model.js';
import { type Decimal, type DecimalLike, dec, finiteDecimal, HUNDRED, parseDecimal, ZERO } from './decimal.js';
import { type Figure, type NoFigure, valuesOf } from './figure.js';

/** 三色预警 green 绿 (on or ahead), yellow 黄 (behind), red 红 (far behind or a deadline missed), none 无. */
export type Status = 'green' | 'yellow' | 'red' | 'none';
export type Colour = Exclude<Status, 'none'>;
/** A colour, or none with the reason that is missing. */
export type StatusOutcome = { status: Colour } | { status: 'none'; reason: NoFigure };

/** Points behind beyond which yellow turns red, when an indicator's `redThreshold` is not a decimal. */
export const DEFAULT_RED_THRESHOLD = '10';

export interface StatusInput {
  kind: IndicatorKind;
  /** the indicator's `redThreshold`: points (％ of the target for a level) */
  redThreshold: DecimalLike | undefined;
  /** p = P: the year is covered, so the deadline has come */
  yearOver: boolean;
  ytd: Figure;
  /** explicit or implied annual amount; no-target when the target sets none */
  targetAmount: Figure;
  completionShare: Figure;
  timeProgress: Figure;
  growth: Figure;
  /** no-target when the target sets no growth rate */
  targetGrowth: Figure;
}

/** Green on or above zero, red more than `threshold` below it, yellow between. */
export function colourOfGap(gap: Decimal, threshold: Decimal): Colour {
  if (gap.greaterThanOrEqualTo(ZERO)) return 'green';
  return gap.lessThan(threshold.negated()) ? 'red' : 'yellow';
}

/**
 * A flow against its annual amount: lag = completion share − time progress ("时间过半、任务过半" at the end
 * of June). Once the year is over, a completion below 100 is a missed target and red whatever the lag
 * (a plan curve may end below 100).
 */
export function completionLagStatus(
  completionShare: DecimalLike,
  timeProgress: DecimalLike,
  threshold: DecimalLike,
  yearOver: boolean,
): Colour {
  const share = finiteDecimal(completionShare);
  if (yearOver && share.lessThan(HUNDRED)) return 'red';
  return colourOfGap(share.minus(finiteDecimal(timeProgress)), finiteDecimal(threshold));
}

/** Against a growth target: d = growth − target growth, in points. */
export function growthGapStatus(growth: DecimalLike, targetGrowth: DecimalLike, threshold: DecimalLike): Colour {
  return colourOfGap(finiteDecimal(growth).minus(finiteDecimal(targetGrowth)), finiteDecimal(threshold));
}

/**
 * A level or rate against an amount (清扫保洁率 ≥ 95％): a rate's shortfall is in points; a level's in ％
 * of the target, taken of |target| so that more is still better for a negative target. Below a zero
 * target a level has no finite shortfall in ％, so it is red.
 */
export function levelStatus(
  kind: IndicatorKind,
  value: DecimalLike,
  target: DecimalLike,
  threshold: DecimalLike,
): Colour {
  const current = finiteDecimal(value);
  const goal = finiteDecimal(target);
  const limit = finiteDecimal(threshold);
  const gap = current.minus(goal);
  if (kind === 'rate') return colourOfGap(gap, limit);
  if (goal.isZero()) return colourOfGap(gap, limit) === 'green' ? 'green' : 'red';
  return colourOfGap(gap.div(goal.abs()).times(HUNDRED), limit);
}

/** Applies `rule` when every figure is present; otherwise none, with the first missing reason. */
function whenPresent(inputs: readonly Figure[], rule: (...values: Decimal[]) => Colour): StatusOutcome {
  const present = valuesOf(inputs);
  return present.ok ? { status: rule(...present.values) } : { status: 'none', reason: present.reason };
}

/**
 * 三色预警 progress status, by the first rule that applies: a flow with an annual amount (explicit, or
 * implied when last year's total allows) by its lag behind time progress; otherwise a growth target by
 * the growth gap; otherwise a level or rate with an amount by its shortfall; otherwise none.
 */
export function progressStatus(input: StatusInput): StatusOutcome {
  const threshold = parseDecimal(input.redThreshold) ?? dec(DEFAULT_RED_THRESHOLD);
  if (input.kind === 'flow' && input.targetAmount.ok) {
    return whenPresent([input.completionShare, input.timeProgress], (share, progress) =>
      completionLagStatus(share, progress, threshold, input.yearOver),
    );
  }
  if (input.targetGrowth.ok) {
    return whenPresent([input.targetGrowth, input.growth], (target, growth) =>
      growthGapStatus(growth, target, threshold),
    );
  }
  if (input.kind !== 'flow' && input.targetAmount.ok) {
    return whenPresent([input.targetAmount, input.ytd], (target, value) =>
      levelStatus(input.kind, value, target, threshold),
    );
  }
  // No rule applies: the target sets neither an amount nor a growth rate, or no quarter is complete yet.
  return { status: 'none', reason: input.targetAmount.ok ? { code: 'no-target' } : input.targetAmount.reason };
}

/** The colour in Chinese, as the dashboard and the CLI show it. */
export function describeStatus(status: Status): string {
  switch (status) {
    case 'green':
      return '绿';
    case 'yellow':
      return '黄';
    case 'red':
      return '红';
    case 'none':
      return '无';
  }
}
