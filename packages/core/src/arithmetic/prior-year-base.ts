import type { IndicatorKind } from '../model.js';
import type { PeriodEntry, PeriodSpan } from './entries.js';
import { valuesByPeriod } from './entries.js';
import type { Figure } from './figure.js';
import { accumulate } from './year-to-date.js';

/**
 * 上年同期 the base of year-on-year growth for the span of year Y. Per period, the comparable base
 * (上年同期可比数) entered with this year's value wins, because statistics offices revise last year's
 * figures; otherwise last year's stored value. Missing periods are reported against year Y−1.
 */
export function priorYearBase(
  kind: IndicatorKind,
  span: PeriodSpan,
  current: readonly PeriodEntry[],
  prior: readonly PeriodEntry[],
): Figure {
  const comparable = valuesByPeriod(current, 'comparableBase');
  const stored = valuesByPeriod(prior);
  return accumulate(kind, { ...span, year: span.year - 1 }, (period) => comparable.get(period) ?? stored.get(period));
}
