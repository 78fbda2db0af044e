import {
  type DeriveSpec,
  datasetSchema,
  type IndicatorDef,
  lastCompleteQuarter,
  type PeriodEntry,
} from '@taizhang/core';
import { type DerivedQuery, derivedFlow, derivedLevel, derivedRows, firstDayAfter, type Queryable } from '@taizhang/db';
import type { PeriodSelection } from './indicator-figures.js';

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

interface SchemaProperty {
  format?: string;
}

/** camelCase field → snake_case column, the catalogue's convention (docs/ledgers.md). */
function column(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The SQL form of a derive spec; the dataset validator has checked every field against the ledger's schema. */
export function derivedQuery(spec: DeriveSpec): DerivedQuery {
  const defs = (datasetSchema as { $defs: Record<string, { properties?: Record<string, SchemaProperty> }> }).$defs;
  const format = defs[`ledger_${spec.ledger}`]?.properties?.[spec.date]?.format;
  return {
    table: `ledger_${spec.ledger}`,
    dateColumn: column(spec.date),
    dateType: format === 'date' ? 'date' : 'timestamptz',
    aggregate: spec.aggregate,
    sumColumn: spec.field === undefined ? undefined : column(spec.field),
    filters: Object.entries(spec.where ?? {}).map(([field, value]) => ({ column: column(field), value })),
  };
}

/**
 * A derived indicator's values for the period, computed by the database: for a flow, one
 * value per month (or quarter) of this year through the period and of all last year, a
 * period without rows being zero; for a level or rate, the value as of the period's end
 * this year and last year. Plus the rows behind this year's figure, for provenance.
 */
export async function derivedSeries(
  q: Queryable,
  orgId: string,
  indicator: IndicatorDef & { derive: DeriveSpec },
  period: PeriodSelection,
): Promise<DerivedSeries> {
  const query = derivedQuery(indicator.derive);
  const quarterly = indicator.frequency === 'quarterly';
  const covered = quarterly ? lastCompleteQuarter(period.through) : period.through;
  const endMonth = quarterly ? covered * 3 : covered;
  const perYear = quarterly ? 4 : 12;
  const { year } = period;
  const rowsRange = {
    from: indicator.kind === 'flow' ? `${year}-01-01` : undefined,
    before: firstDayAfter(year, Math.max(endMonth, 1)),
  };
  const rows = { ledger: indicator.derive.ledger, ...(await derivedRows(q, orgId, query, rowsRange)) };
  if (covered === 0) return { current: [], prior: [], rows };

  if (indicator.kind === 'flow') {
    const found = await derivedFlow(q, orgId, query, [year - 1, year], quarterly);
    const amountIn = (y: number, p: number) => found.find((v) => v.year === y && v.period === p)?.value ?? '0';
    const series = (y: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ period: i + 1, value: amountIn(y, i + 1) }));
    return { current: series(year, covered), prior: series(year - 1, perYear), rows };
  }
  const [current, prior] = await derivedLevel(q, orgId, query, [
    { year, month: endMonth },
    { year: year - 1, month: endMonth },
  ]);
  return {
    current: [{ period: covered, value: current ?? '0' }],
    prior: indicator.yearOnYear ? [{ period: covered, value: prior ?? '0' }] : [],
    rows,
  };
}
