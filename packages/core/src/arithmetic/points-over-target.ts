import { type DecimalLike, finiteDecimal } from './decimal.js';
import { type Figure, figure } from './figure.js';

/**
 * 超目标百分点 percentage points of growth over the target growth: growth − target growth, from the
 * unrounded rates (rounding each rate first could print "超额0.1个百分点" for rates that print equal).
 * Negative means 低于目标; the phrasing, not the arithmetic, chooses the words.
 */
export function pointsOverTarget(growth: DecimalLike, targetGrowth: DecimalLike): Figure {
  return figure(finiteDecimal(growth).minus(finiteDecimal(targetGrowth)));
}
