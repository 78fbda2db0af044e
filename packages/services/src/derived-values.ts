import {
  Decimal,
  type DeriveSpec,
  firstDayAfter,
  type IndicatorDef,
  type LedgerDef,
  lastCompleteQuarter,
  ledgerColumn,
  type PeriodEntry,
  type ReportPeriod,
  unitFactor,
} from '@taizhang/core';
import {
  type DatedState,
  type DerivedQuery,
  type DerivedRange,
  type DerivedRows,
  derivedFlowsAndRows,
  derivedLevelsAndRows,
  derivedRowRefs,
  type Queryable,
} from '@taizhang/db';
import { orgLedgers } from './ledger-catalogue.js';

/** The rows of a ledger behind a derived figure. */
export interface LedgerRowsRef {
  ledger: string;
  refs: string[];
  total: number;
}

export interface DerivedSeries {
  current: PeriodEntry[];
  prior: PeriodEntry[];
  rows: LedgerRowsRef;
}

/** The SQL form of a derive spec; the dataset validator has checked every field against the ledger's catalogue. */
export function derivedQuery(spec: DeriveSpec, ledger: LedgerDef): DerivedQuery {
  const column = (field: string) => ledgerColumn(ledger, field)?.column ?? field;
  const dateType = (field: string) => {
    const type = ledgerColumn(ledger, field)?.type;
    return type === 'date' ? 'date' : type === 'dateTime' ? 'timestamptz' : undefined;
  };
  /** A choice whose values are dated stages of work (已建成 from completedAt), in order. */
  const states = (field: string): DatedState[] | undefined => {
    const definition = ledgerColumn(ledger, field)?.definition;
    if (definition?.type !== 'choice' || definition.datedBy === undefined) return undefined;
    const datedBy = definition.datedBy;
    return (definition.values ?? []).map((value) => {
      const dated = datedBy[value];
      return dated === undefined ? { value } : { value, column: column(dated), dateType: dateType(dated) };
    });
  };
  return {
    table: ledger.table,
    dateColumn: spec.date === undefined ? undefined : column(spec.date),
    dateType: spec.date === undefined ? undefined : (dateType(spec.date) ?? 'timestamptz'),
    yearColumn: spec.year === undefined ? undefined : column(spec.year),
    aggregate: spec.aggregate,
    sumColumn: spec.field === undefined ? undefined : column(spec.field),
    filters: Object.entries(spec.where ?? {}).map(([field, value]) => ({
      column: column(field),
      value,
      dateType: dateType(field),
      states: states(field),
    })),
  };
}

type Derived = IndicatorDef & { derive: DeriveSpec };

/** What the period asks of one derived indicator. */
function plan(indicator: Derived, period: ReportPeriod) {
  const quarterly = indicator.frequency === 'quarterly';
  const covered = quarterly ? lastCompleteQuarter(period.through) : period.through;
  const endMonth = quarterly ? covered * 3 : covered;
  const range: DerivedRange = {
    from: indicator.kind === 'flow' ? `${period.year}-01-01` : undefined,
    before: firstDayAfter(period.year, Math.max(endMonth, 1)),
    year: period.year,
  };
  return { quarterly, covered, endMonth, perYear: quarterly ? 4 : 12, range };
}

/** Indicators that can share one query: the same ledger and placement in time (and, for flows, frequency). */
function groupKey(indicator: Derived): string {
  const basis = indicator.kind === 'flow' ? `flow:${indicator.frequency}` : 'level';
  const { ledger, date, year } = indicator.derive;
  const placement = date !== undefined ? `date:${date}` : year !== undefined ? `year:${year}` : 'none';
  return `${ledger}|${placement}|${basis}`;
}

/**
 * What a value summed from a field in its own unit is multiplied by to be in the indicator's
 * (万元 → 亿元: 0.0001), or undefined when no conversion is wanted. The dataset check has
 * refused units of different kinds.
 */
function conversion(indicator: Derived, ledger: LedgerDef): Decimal | undefined {
  const { field, aggregate } = indicator.derive;
  if (field === undefined || aggregate === 'count' || aggregate === 'month') return undefined;
  const from = ledgerColumn(ledger, field)?.definition.unit;
  const factor = from === undefined ? undefined : unitFactor(from, indicator.unit);
  return factor === undefined || factor.equals(1) ? undefined : factor;
}

/** A value as the database gave it, in the indicator's unit. */
function inUnit(factor: Decimal | undefined, value: string): string {
  return factor === undefined ? value : new Decimal(value).times(factor).toFixed();
}

/**
 * Derived indicators' values for the period, computed by the database, a few queries per
 * ledger and date field: for a flow, one value per month (or quarter) of this year through
 * the period and of all last year, a period without rows being zero; for a level or rate,
 * the value as of the period's end this year and last year. Plus, for provenance, the
 * rows behind this year's figure.
 */
export async function derivedSeries(
  q: Queryable,
  orgId: string,
  indicators: readonly Derived[],
  period: ReportPeriod,
): Promise<Map<string, DerivedSeries>> {
  const groups = new Map<string, Derived[]>();
  for (const indicator of indicators)
    groups.set(groupKey(indicator), [...(groups.get(groupKey(indicator)) ?? []), indicator]);
  const result = new Map<string, DerivedSeries>();
  if (groups.size === 0) return result;
  const { year } = period;
  const ledgers = new Map((await orgLedgers(q, orgId)).map((ledger) => [ledger.code, ledger]));
  for (const members of groups.values()) {
    const first = members[0] as Derived;
    const ledger = ledgers.get(first.derive.ledger);
    // The dataset check refuses a derive naming a ledger the organisation does not have.
    if (ledger === undefined) throw new Error(`derived indicator ${first.code}: no ledger ${first.derive.ledger}`);
    const source = derivedQuery(first.derive, ledger);
    const items = members.map((m) => ({ ...derivedQuery(m.derive, ledger), range: plan(m, period).range }));
    const factors = members.map((m) => conversion(m, ledger));
    const ranges = items.map((item) => item.range);
    const { quarterly, covered, endMonth, perYear } = plan(first, period);
    const rowsOf = (rows: readonly DerivedRows[], i: number) => ({
      ledger: first.derive.ledger,
      ...(rows[i] ?? { refs: [], total: 0 }),
    });
    if (covered === 0) {
      const rows = await derivedRowRefs(q, orgId, source, items);
      for (const [i, m] of members.entries()) result.set(m.code, { current: [], prior: [], rows: rowsOf(rows, i) });
    } else if (first.kind === 'flow') {
      const asOf = plan(first, period).range.before;
      // the values and, in the same scan, the rows behind this year's figures
      const flows = await derivedFlowsAndRows(q, orgId, source, items, [year - 1, year], quarterly, asOf, ranges);
      members.forEach((m, i) => {
        const found = flows.values[i] ?? [];
        const amountIn = (y: number, p: number) =>
          inUnit(factors[i], found.find((v) => v.year === y && v.period === p)?.value ?? '0');
        const series = (y: number, count: number) =>
          Array.from({ length: count }, (_, k) => ({ period: k + 1, value: amountIn(y, k + 1) }));
        result.set(m.code, {
          current: series(year, covered),
          prior: series(year - 1, perYear),
          rows: rowsOf(flows.rows, i),
        });
      });
    } else {
      const asOf = [
        { year, month: endMonth },
        { year: year - 1, month: endMonth },
      ];
      const levels = await derivedLevelsAndRows(q, orgId, source, items, asOf, ranges);
      // A level without a value (no planned month yet, no rows to average) is missing, as an entered one would be.
      const entry = (i: number, value: string | null | undefined) =>
        value == null ? [] : [{ period: covered, value: inUnit(factors[i], value) }];
      members.forEach((m, i) => {
        const [current, prior] = levels.values[i] ?? [];
        // Rows not placed in time are the same rows a year ago: there is nothing to compare with.
        const placed = m.derive.date !== undefined || m.derive.year !== undefined;
        result.set(m.code, {
          current: entry(i, current),
          prior: m.yearOnYear && placed ? entry(i, prior) : [],
          rows: rowsOf(levels.rows, i),
        });
      });
    }
  }
  return result;
}
