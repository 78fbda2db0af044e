import { type DecimalLike, finiteDecimal, HUNDRED } from './decimal.js';
import { type Figure, figure, noFigure } from './figure.js';

/**
 * 同比增幅 growth in ％: (YTD − base) ÷ base × 100. Against a zero or negative base a rate says nothing
 * (a loss turning into a smaller loss would read as a "decline"), so the statistics bureau states that
 * no rate is computed, and so do we.
 */
export function growthRate(yearToDate: DecimalLike, base: DecimalLike): Figure {
  const ytd = finiteDecimal(yearToDate);
  const prior = finiteDecimal(base);
  if (prior.isZero()) return noFigure({ code: 'zero-base' });
  if (prior.isNegative()) return noFigure({ code: 'negative-base' });
  return figure(ytd.minus(prior).div(prior).times(HUNDRED));
}
