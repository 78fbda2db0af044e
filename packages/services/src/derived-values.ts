import {
  type DeriveSpec,
  firstDayAfter,
  type IndicatorDef,
  LEDGERS,
  type LedgerCode,
  lastCompleteQuarter,
  ledgerColumn,
  type PeriodEntry,
  type ReportPeriod,
} from '@taizhang/core';
import {
  type DerivedQuery,
  type DerivedRange,
  derivedFlows,
  derivedLevels,
  derivedRowRefs,
  type Queryable,
} from '@taizhang/db';

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
export function derivedQuery(spec: DeriveSpec): DerivedQuery {
  const ledger = spec.ledger as LedgerCode;
  const column = (field: string) => ledgerColumn(ledger, field)?.column ?? field;
  const dateType = (field: string) => {
    const type = ledgerColumn(ledger, field)?.type;
    return type === 'date' ? 'date' : type === 'dateTime' ? 'timestamptz' : undefined;
  };
  return {
    table: LEDGERS[ledger].table,
    dateColumn: column(spec.date),
    dateType: dateType(spec.date) ?? 'timestamptz',
    aggregate: spec.aggregate,
    sumColumn: spec.field === undefined ? undefined : column(spec.field),
    filters: Object.entries(spec.where ?? {}).map(([field, value]) => ({
      column: column(field),
      value,
      dateType: dateType(field),
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
  };
  return { quarterly, covered, endMonth, perYear: quarterly ? 4 : 12, range };
}

/** Indicators that can share one query: the same ledger and date field (and, for flows, frequency). */
function groupKey(indicator: Derived): string {
  const basis = indicator.kind === 'flow' ? `flow:${indicator.frequency}` : 'level';
  return `${indicator.derive.ledger}|${indicator.derive.date}|${basis}`;
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
  const { year } = period;
  for (const members of groups.values()) {
    const first = members[0] as Derived;
    const source = derivedQuery(first.derive);
    const items = members.map((m) => ({ ...derivedQuery(m.derive), range: plan(m, period).range }));
    const refs = await derivedRowRefs(q, orgId, source, items);
    const { quarterly, covered, endMonth, perYear } = plan(first, period);
    const rowsOf = (i: number) => ({ ledger: first.derive.ledger, ...(refs[i] ?? { refs: [], total: 0 }) });
    if (covered === 0) {
      for (const [i, m] of members.entries()) result.set(m.code, { current: [], prior: [], rows: rowsOf(i) });
    } else if (first.kind === 'flow') {
      const asOf = plan(first, period).range.before;
      const flows = await derivedFlows(q, orgId, source, items, [year - 1, year], quarterly, asOf);
      members.forEach((m, i) => {
        const found = flows[i] ?? [];
        const amountIn = (y: number, p: number) => found.find((v) => v.year === y && v.period === p)?.value ?? '0';
        const series = (y: number, count: number) =>
          Array.from({ length: count }, (_, k) => ({ period: k + 1, value: amountIn(y, k + 1) }));
        result.set(m.code, { current: series(year, covered), prior: series(year - 1, perYear), rows: rowsOf(i) });
      });
    } else {
      const asOf = [
        { year, month: endMonth },
        { year: year - 1, month: endMonth },
      ];
      const levels = await derivedLevels(q, orgId, source, items, asOf);
      // A level without a value (no planned month yet) is missing, as an entered one would be.
      const entry = (value: string | null | undefined) => (value == null ? [] : [{ period: covered, value }]);
      members.forEach((m, i) => {
        const [current, prior] = levels[i] ?? [];
        result.set(m.code, {
          current: entry(current),
          prior: m.yearOnYear ? entry(prior) : [],
          rows: rowsOf(i),
        });
      });
    }
  }
  return result;
}
