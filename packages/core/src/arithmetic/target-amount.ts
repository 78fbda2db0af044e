import type { IndicatorKind, Target } from '../model.js';
import { type DecimalLike, finiteDecimal, HUNDRED, parseDecimal } from './decimal.js';
import { combine, type Figure, figure, noFigure } from './figure.js';

/** 全年目标 the annual target amount, and whether it was implied from a growth target. */
export interface TargetAmount {
  amount: Figure;
  /** true when the target sets only a growth rate and the amount is last year's total × (1 + g ÷ 100) */
  implied: boolean;
}

/**
 * Whether the annual amount of this target is implied from its growth rate (目标增速): only a flow has a
 * full-year total that a growth rate can be applied to; an average price growing 5％ has no "amount".
 */
export function isImpliedTarget(kind: IndicatorKind, target: Target | undefined): boolean {
  return kind === 'flow' && parseDecimal(target?.amount) === undefined && parseDecimal(target?.growth) !== undefined;
}

/** The amount implied by a growth target: last year's full-year total × (1 + g ÷ 100). */
export function impliedTargetAmount(priorFullYear: DecimalLike, targetGrowth: DecimalLike): Figure {
  return figure(finiteDecimal(priorFullYear).times(HUNDRED.plus(finiteDecimal(targetGrowth)).div(HUNDRED)));
}

/** 目标增速 the target's growth rate in ％, or no-target. */
export function targetGrowth(target: Target | undefined): Figure {
  const growth = parseDecimal(target?.growth);
  return growth === undefined ? noFigure({ code: 'no-target' }) : figure(growth);
}

/**
 * 全年目标 the annual target amount: the amount set, else (for a flow with only a growth target) the
 * implied amount from last year's full-year total of stored values (`priorFullYear`, missing-periods
 * for Y−1 when last year is incomplete). Stored values, not comparable bases, so an implied target does
 * not drift through the year as this year's comparable bases are entered.
 */
export function targetAmount(kind: IndicatorKind, target: Target | undefined, priorFullYear: Figure): TargetAmount {
  const amount = parseDecimal(target?.amount);
  if (amount !== undefined) return { amount: figure(amount), implied: false };
  if (!isImpliedTarget(kind, target)) return { amount: noFigure({ code: 'no-target' }), implied: false };
  return { amount: combine([priorFullYear, targetGrowth(target)], impliedTargetAmount), implied: true };
}
