import type { IndicatorKind } from '../model.js';
import { type DecimalLike, finiteDecimal, parseDecimal } from './decimal.js';
import { type Figure, figure, noFigure } from './figure.js';

/** How the year-end figure was reached: the year's actual total, last year's seasonal pattern, or a straight line. */
export type ForecastMethod = 'actual' | 'seasonal' | 'linear';

/** 预计年底 the year-end forecast and how it was made (null when there is no forecast). */
export interface Forecast {
  forecast: Figure;
  method: ForecastMethod | null;
}

export interface ForecastInput {
  kind: IndicatorKind;
  /** YTD of the covered periods */
  ytd: DecimalLike;
  /** p: covered periods, 1 … P */
  covered: number;
  /** P: periods in a year */
  perYear: number;
  /** last year's stored total of the same periods; undefined when last year lacks any of them */
  priorYearToDate?: DecimalLike | undefined;
  /** last year's stored full-year total; undefined when last year is incomplete */
  priorFullYear?: DecimalLike | undefined;
}

/** Linear 线性推算: YTD × P ÷ p, as if the rest of the year runs at this year's average pace. */
export function linearForecast(ytd: DecimalLike, covered: number, perYear: number): Figure {
  if (!Number.isInteger(covered) || covered < 1) throw new RangeError(`covered periods must be ≥ 1, got ${covered}`);
  return figure(finiteDecimal(ytd).times(perYear).div(covered));
}

/**
 * Seasonal 按上年季节规律: YTD × full(Y−1) ÷ YTD(Y−1, same periods). Investment and sales bunch up at the
 * year end, so last year's pattern beats a straight line; a same-period total that is zero or negative
 * gives no pattern.
 */
export function seasonalForecast(ytd: DecimalLike, priorYearToDate: DecimalLike, priorFullYear: DecimalLike): Figure {
  const priorSame = finiteDecimal(priorYearToDate);
  if (priorSame.isZero()) return noFigure({ code: 'zero-base' });
  if (priorSame.isNegative()) return noFigure({ code: 'negative-base' });
  return figure(finiteDecimal(ytd).times(finiteDecimal(priorFullYear)).div(priorSame));
}

/**
 * 预计年底 year-end forecast of a flow: the YTD itself once the year is covered; otherwise seasonal when
 * last year is complete and its same-period total is positive; otherwise linear.
 */
export function yearEndForecast(input: ForecastInput): Forecast {
  if (input.kind !== 'flow') return { forecast: noFigure({ code: 'not-applicable' }), method: null };
  if (input.covered >= input.perYear) return { forecast: figure(finiteDecimal(input.ytd)), method: 'actual' };
  const priorSame = parseDecimal(input.priorYearToDate);
  const priorFull = parseDecimal(input.priorFullYear);
  if (priorSame !== undefined && priorFull !== undefined) {
    const seasonal = seasonalForecast(input.ytd, priorSame, priorFull);
    if (seasonal.ok) return { forecast: seasonal, method: 'seasonal' };
  }
  return { forecast: linearForecast(input.ytd, input.covered, input.perYear), method: 'linear' };
}

/** The method in Chinese, for the report's footnote and the CLI. */
export function describeForecastMethod(method: ForecastMethod): string {
  switch (method) {
    case 'actual':
      return '全年实际数';
    case 'seasonal':
      return '按上年同期进度推算';
    case 'linear':
      return '按平均进度推算';
  }
}
