import { type DecimalLike, finiteDecimal } from './decimal.js';
import { type Figure, figure } from './figure.js';

/** 超时序进度 points of completion ahead of time progress: completion share − time progress (negative: behind). */
export function aheadOfTime(completionShare: DecimalLike, timeProgress: DecimalLike): Figure {
  return figure(finiteDecimal(completionShare).minus(finiteDecimal(timeProgress)));
}
