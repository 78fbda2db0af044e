import { Decimal } from '../arithmetic/decimal.js';
import type { IndicatorValue } from '../model.js';

/**
 * 按累计数填报 (indicators with `entry: ytd`): statistics offices publish 1－N月 totals, so a flow
 * indicator may take its values as year-to-date totals. The dataset keeps what was written; the
 * store keeps monthly (or quarterly) amounts, derived here as the difference of consecutive
 * totals, each noting the total it came from. A total needs the one before it, and never falls.
 */

/** One year-to-date entry as written, with where it was written. */
export interface YearToDateEntry {
  period: number;
  value: string;
  comparableBase?: string | undefined;
  path: string;
}

export type YearToDateProblem =
  | { kind: 'gap'; path: string; period: number; missing: number; field: 'value' | 'comparableBase' }
  | {
      kind: 'decrease';
      path: string;
      period: number;
      total: string;
      previous: string;
      field: 'value' | 'comparableBase';
    };

/** What is wrong with one indicator's totals of one year: a total without the one before it, or one that falls. */
export function yearToDateProblems(entries: readonly YearToDateEntry[]): YearToDateProblem[] {
  const sorted = [...entries].sort((a, b) => a.period - b.period);
  const problems: YearToDateProblem[] = [];
  for (const field of ['value', 'comparableBase'] as const) {
    let previous: { period: number; total: string } | undefined;
    for (const entry of sorted) {
      const total = entry[field];
      if (total === undefined) {
        previous = undefined;
        continue;
      }
      const expected = previous?.period ?? 0;
      if (entry.period !== expected + 1) {
        problems.push({
          kind: 'gap',
          path: `${entry.path}/${field}`,
          period: entry.period,
          missing: entry.period - 1,
          field,
        });
      } else if (previous && new Decimal(total).lessThan(new Decimal(previous.total))) {
        problems.push({
          kind: 'decrease',
          path: `${entry.path}/${field}`,
          period: entry.period,
          total,
          previous: previous.total,
          field,
        });
      }
      previous = { period: entry.period, total };
    }
  }
  return problems;
}

/** The difference of two written decimals, to the places the later was written with. */
function minus(total: string, previous: string | undefined): string {
  if (previous === undefined) return total;
  const places = total.includes('.') ? (total.split('.')[1]?.length ?? 0) : 0;
  return new Decimal(total).minus(new Decimal(previous)).toFixed(places);
}

/**
 * The values of the `ytd` indicators turned into per-period amounts (the others as they are),
 * in the order given. Only called on a dataset that passed yearToDateProblems.
 */
export function amountsFromYearToDate(
  values: readonly IndicatorValue[],
  ytd: ReadonlySet<string>,
  unit: (code: string) => string,
): IndicatorValue[] {
  const byPeriod = new Map<string, IndicatorValue>();
  for (const value of values) {
    if (ytd.has(value.indicator)) byPeriod.set(`${value.indicator}|${value.year}|${value.period}`, value);
  }
  return values.map((value) => {
    if (!ytd.has(value.indicator)) return value;
    const before = byPeriod.get(`${value.indicator}|${value.year}|${value.period - 1}`);
    const amount: IndicatorValue = { ...value, value: minus(value.value, before?.value) };
    if (value.comparableBase !== undefined) amount.comparableBase = minus(value.comparableBase, before?.comparableBase);
    const written = `按累计数 ${value.value}${unit(value.indicator)} 推算`;
    amount.note = value.note === undefined ? written : `${value.note}（${written}）`;
    return amount;
  });
}
