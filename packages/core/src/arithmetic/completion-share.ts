import { type DecimalLike, finiteDecimal, HUNDRED } from './decimal.js';
import { type Figure, figure, noFigure } from './figure.js';

/**
 * 完成率 / 占全年目标的 completion share in ％: YTD ÷ annual target × 100. A zero or negative target has no
 * share that means anything, so none is given (the status then says why).
 */
export function completionShare(yearToDate: DecimalLike, target: DecimalLike): Figure {
  const ytd = finiteDecimal(yearToDate);
  const annual = finiteDecimal(target);
  if (annual.isZero()) return noFigure({ code: 'zero-target' });
  if (annual.isNegative()) return noFigure({ code: 'negative-target' });
  return figure(ytd.div(annual).times(HUNDRED));
}
