import type { Dashboard } from '@taizhang/contract';
import {
  evaluateIndicator,
  type Figure,
  PERCENT_DECIMALS,
  type PeriodEntry,
  periodDates,
  type ReportPeriod,
  toFixedHalfUp,
} from '@taizhang/core';
import { arrivalsByMonth, type Database, type OrganisationRow, rowsByStage } from '@taizhang/db';
import { derivedSeries } from './derived-values.js';
import { figuresView } from './figures-view.js';
import { type EvaluatedIndicator, evaluateIndicators } from './indicator-figures.js';
import { orgLedgers } from './ledger-catalogue.js';
import { arrivalsLedger, stagedLedger, stagesSource } from './ledger-roles.js';
import { periodView } from './period-view.js';

const NO_STAGE = '尚无完成节点';

/** Entries of this year and last year for the month-by-month series: entered values, or a derived indicator's. */
async function seriesEntries(
  db: Database,
  orgId: string,
  cards: readonly EvaluatedIndicator[],
  period: ReportPeriod,
): Promise<Map<string, { current: PeriodEntry[]; prior: PeriodEntry[] }>> {
  const entries = new Map<string, { current: PeriodEntry[]; prior: PeriodEntry[] }>();
  for (const { evaluation, rows } of cards) {
    const own = (year: number) =>
      rows
        .filter((r) => r.year === year)
        .map((r) => ({ period: r.period, value: r.value, comparableBase: r.comparableBase }));
    entries.set(evaluation.indicator.code, { current: own(period.year), prior: own(period.year - 1) });
  }
  const derivable = cards.flatMap(({ evaluation: { indicator } }) =>
    indicator.derive ? [{ ...indicator, derive: indicator.derive }] : [],
  );
  if (derivable.length > 0) {
    for (const [code, series] of await derivedSeries(db, orgId, derivable, period)) entries.set(code, series);
  }
  return entries;
}

function amount(figure: Figure, decimals: number): string | null {
  return figure.ok ? toFixedHalfUp(figure.value, decimals) : null;
}

export async function dashboard(db: Database, org: OrganisationRow, period: ReportPeriod): Promise<Dashboard> {
  const ledgers = await orgLedgers(db, org.id);
  const staged = stagedLedger(ledgers);
  const arrivals = arrivalsLedger(ledgers);
  const [figures, stages, complaints] = await Promise.all([
    evaluateIndicators(db, org.id, period),
    staged === undefined ? [] : rowsByStage(db, org.id, stagesSource(staged), period.year, periodDates(period).before),
    arrivals === undefined ? [] : arrivalsByMonth(db, org.id, arrivals, period),
  ]);
  const targeted = figures.filter((f) => f.target !== undefined);
  const cards = targeted.length > 0 ? targeted : figures;
  const entries = await seriesEntries(db, org.id, cards, period);
  const series = cards.map(({ evaluation: { indicator }, target }) => {
    const { current, prior } = entries.get(indicator.code) ?? { current: [], prior: [] };
    const months = Array.from({ length: period.through }, (_, i) => i + 1)
      // a quarterly figure changes only when a quarter ends
      .filter((month) => indicator.frequency === 'monthly' || month % 3 === 0)
      .map((month) => {
        const e = evaluateIndicator({ indicator, year: period.year, throughMonth: month, target, current, prior });
        const planned =
          e.targetAmount.ok && e.timeProgress.ok
            ? e.targetAmount.value.times(e.timeProgress.value).dividedBy(100)
            : null;
        return {
          month,
          value: amount(e.ytd, indicator.decimals),
          prior: amount(e.base, indicator.decimals),
          target: planned === null ? null : toFixedHalfUp(planned, indicator.decimals),
        };
      });
    return { code: indicator.code, name: indicator.name, unit: indicator.unit, months };
  });
  const warnings = figures.flatMap(({ evaluation: e, sectionName }) =>
    e.status === 'yellow' || e.status === 'red'
      ? [
          {
            code: e.indicator.code,
            name: e.indicator.name,
            section: { code: e.indicator.section, name: sectionName },
            share: amount(e.completionShare, PERCENT_DECIMALS),
            timeProgress: amount(e.timeProgress, PERCENT_DECIMALS),
            aheadOfTime: amount(e.aheadOfTime, PERCENT_DECIMALS),
            status: e.status,
          },
        ]
      : [],
  );
  // the categories in the order the ledger lists them, then any a row holds beside them
  const categories = [...new Set([...(staged?.category.values ?? []), ...stages.map((s) => s.category)])];
  const projects = categories
    .map((category) => {
      const byStage = stages
        .filter((s) => s.category === category)
        .map((s) => ({ stage: s.stage === '' ? NO_STAGE : s.stage, count: s.count }));
      return { category, count: byStage.reduce((sum, s) => sum + s.count, 0), byStage };
    })
    .filter((p) => p.count > 0);
  return { period: periodView(period), cards: cards.map(figuresView), series, warnings, projects, complaints };
}
