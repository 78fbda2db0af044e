import { type Decimal, parseDecimal } from './decimal.js';

/** One entered value of a period (a month 1–12, or a quarter 1–4 for a quarterly indicator). */
export interface PeriodEntry {
  period: number;
  value: string;
  /** 上年同期可比数: the statistics office's revised prior-year figure for the same period. */
  comparableBase?: string | undefined;
}

/** Which periods of which year a figure is built from; a missing period is reported against `year`. */
export interface PeriodSpan {
  year: number;
  periods: readonly number[];
  quarterly: boolean;
}

/**
 * The entered values (or comparable bases) by period. Text that is not a finite decimal counts as not
 * entered, and of two entries for one period the later counts; the loader refuses both, so neither
 * happens with loaded data, but the arithmetic still never turns them into NaN or a double count.
 */
export function valuesByPeriod(
  entries: readonly PeriodEntry[],
  field: 'value' | 'comparableBase' = 'value',
): Map<number, Decimal> {
  const byPeriod = new Map<number, Decimal>();
  for (const entry of entries) {
    const parsed = parseDecimal(entry[field]);
    if (parsed === undefined) byPeriod.delete(entry.period);
    else byPeriod.set(entry.period, parsed);
  }
  return byPeriod;
}
