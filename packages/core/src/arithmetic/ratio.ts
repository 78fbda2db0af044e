import { type DecimalLike, finiteDecimal, HUNDRED } from './decimal.js';
import { type Figure, figure, noFigure } from './figure.js';

/** 比率 a rate in ％ such as 开工率 = started ÷ planned × 100; nothing planned gives no rate, never Infinity. */
export function ratio(numerator: DecimalLike, denominator: DecimalLike): Figure {
  const over = finiteDecimal(denominator);
  if (over.isZero()) return noFigure({ code: 'zero-denominator' });
  return figure(finiteDecimal(numerator).div(over).times(HUNDRED));
}
