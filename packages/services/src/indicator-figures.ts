import {
  type EarlierEvaluations,
  evaluateEarlier,
  evaluateIndicator,
  type IndicatorEvaluation,
  type PeriodEntry,
  type ReportPeriod,
  type SourceRow,
  type Target,
} from '@taizhang/core';
import { type Database, listIndicators, listTargets, listValues, type Queryable } from '@taizhang/db';
import { type DerivedSeries, derivedSeries, type LedgerRowsRef } from './derived-values.js';
import { refuse } from './refusals.js';

export interface EvaluatedIndicator {
  evaluation: IndicatorEvaluation;
  sectionName: string;
  /** the value rows of this year and last year: what every figure of the period is computed from */
  rows: SourceRow[];
  /** this year's target */
  target: Target | undefined;
  /** for a derived indicator: the ledger rows behind this year's figure */
  ledgerRows?: LedgerRowsRef | undefined;
  /** with `earlier`: the indicator evaluated for the periods its growth is compared with */
  earlier?: EarlierEvaluations | undefined;
}

export interface EvaluateOptions {
  /**
   * Also evaluate each indicator for the previous period of the year, and for last year (from the
   * values of the year before last), as the report's comparisons need. A derived indicator is
   * compared only within the year, and only a flow: its ledger gives this year's months.
   */
  earlier?: boolean | undefined;
}

/**
 * The latest period holding any value: the default for commands given no --year/--through.
 * Taken from the data, not the clock, so the same database always gives the same answer.
 */
export async function latestPeriod(q: Queryable, orgId: string): Promise<ReportPeriod | undefined> {
  const rows = await q.query<{ year: number; through: number }>(
    `select v.year::int as year,
       max(case when i.frequency = 'quarterly' then v.period * 3 else v.period end)::int as through
     from indicator_values v join indicators i on i.org_id = v.org_id and i.id = v.indicator_id
     where v.org_id = $1 and v.year = (select max(year) from indicator_values where org_id = $1)
     group by v.year`,
    [orgId],
  );
  return rows[0];
}

/** The period asked for, or the latest in the data; a clear error when there is none. */
export async function choosePeriod(
  q: Queryable,
  orgId: string,
  asked: { year?: number | undefined; through?: number | undefined },
): Promise<ReportPeriod> {
  if (asked.year !== undefined && asked.through !== undefined) return { year: asked.year, through: asked.through };
  const latest = await latestPeriod(q, orgId);
  if (asked.year !== undefined) {
    return { year: asked.year, through: asked.year === latest?.year ? latest.through : 12 };
  }
  if (!latest) throw refuse('PERIOD_NONE', {});
  return { year: latest.year, through: asked.through ?? latest.through };
}

/** Every indicator of the organisation evaluated for the period, in definition order. */
export async function evaluateIndicators(
  db: Database,
  orgId: string,
  period: ReportPeriod,
  options: EvaluateOptions = {},
): Promise<EvaluatedIndicator[]> {
  const years = options.earlier ? [period.year - 2, period.year - 1, period.year] : [period.year - 1, period.year];
  const [indicators, targets, values] = await Promise.all([
    listIndicators(db, orgId),
    listTargets(db, orgId, period.year),
    listValues(db, orgId, years),
  ]);
  const entries = new Map<
    string,
    { current: PeriodEntry[]; prior: PeriodEntry[]; older: PeriodEntry[]; rows: SourceRow[]; olderRows: SourceRow[] }
  >();
  for (const indicator of indicators) {
    entries.set(indicator.code, { current: [], prior: [], older: [], rows: [], olderRows: [] });
  }
  const quarterly = new Set(indicators.filter((i) => i.frequency === 'quarterly').map((i) => i.code));
  for (const value of values) {
    const series = entries.get(value.indicator);
    if (!series) continue;
    const entry = { period: value.period, value: value.value, comparableBase: value.comparableBase };
    const older = value.year === period.year - 2;
    (value.year === period.year ? series.current : older ? series.older : series.prior).push(entry);
    (older ? series.olderRows : series.rows).push({
      year: value.year,
      period: value.period,
      quarterly: quarterly.has(value.indicator),
      value: value.value,
      comparableBase: value.comparableBase,
      enteredBy: value.enteredBy,
      enteredAt: value.enteredAt,
      source: value.source,
    });
  }
  // Derived indicators' values come from their ledgers, computed by the database.
  const derivable = indicators.flatMap((i) => (i.derive ? [{ ...i, derive: i.derive }] : []));
  const derived =
    derivable.length > 0 ? await derivedSeries(db, orgId, derivable, period) : new Map<string, DerivedSeries>();
  return indicators.map((indicator) => {
    const target = targets.find((t) => t.indicator === indicator.code);
    const fromLedger = derived.get(indicator.code);
    const entered = entries.get(indicator.code);
    const series = fromLedger ?? entered ?? { current: [], prior: [] };
    const input = {
      indicator,
      year: period.year,
      throughMonth: period.through,
      target,
      current: series.current,
      prior: series.prior,
    };
    return {
      target,
      sectionName: indicator.sectionName,
      rows: fromLedger ? [] : (entered?.rows ?? []),
      ledgerRows: fromLedger?.rows,
      evaluation: evaluateIndicator(input),
      earlier: options.earlier ? earlierOf(input, fromLedger ? undefined : entered) : undefined,
    };
  });
}

/** The earlier evaluations of an entered indicator, or of a derived flow within its year. */
function earlierOf(
  input: Parameters<typeof evaluateEarlier>[0],
  entered: { older: PeriodEntry[]; olderRows: SourceRow[] } | undefined,
): EarlierEvaluations {
  if (entered) return { ...evaluateEarlier({ ...input, older: entered.older }), olderRows: entered.olderRows };
  const previous = input.indicator.kind === 'flow' ? evaluateEarlier(input).previous : undefined;
  return { previous, olderRows: [] };
}
