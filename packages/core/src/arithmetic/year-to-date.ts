import type { IndicatorKind } from '../model.js';
import { type Decimal, ZERO } from './decimal.js';
import { type PeriodEntry, type PeriodSpan, valuesByPeriod } from './entries.js';
import { type Figure, figure, noFigure } from './figure.js';

/**
 * Builds the figure of a span from one value per period: a flow (累计型) adds every period's value; a
 * level or rate (时点型、比率型) is its last period's value, so only that period is needed. Every
 * needed period without a value is listed, so one message tells a section all it still owes.
 */
export function accumulate(
  kind: IndicatorKind,
  span: PeriodSpan,
  valueAt: (period: number) => Decimal | undefined,
): Figure {
  // An empty span only arises for a quarterly indicator before its first quarter is complete.
  if (span.periods.length === 0) return noFigure({ code: 'no-complete-quarter' });
  const needed = kind === 'flow' ? span.periods : span.periods.slice(-1);
  const values: Decimal[] = [];
  const missing: number[] = [];
  for (const period of needed) {
    const value = valueAt(period);
    if (value === undefined) missing.push(period);
    else values.push(value);
  }
  if (missing.length > 0) {
    return noFigure({ code: 'missing-periods', year: span.year, periods: missing, quarterly: span.quarterly });
  }
  return figure(values.reduce((sum, value) => sum.plus(value), ZERO));
}

/** 累计 year to date: Σ of the span's entered values for a flow, the last period's value for a level or rate. */
export function yearToDate(kind: IndicatorKind, span: PeriodSpan, entries: readonly PeriodEntry[]): Figure {
  const values = valuesByPeriod(entries);
  return accumulate(kind, span, (period) => values.get(period));
}
