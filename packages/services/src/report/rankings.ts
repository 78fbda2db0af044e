import {
  periodDates,
  presetLedger,
  type ReportLatest,
  type ReportPeriod,
  type ReportRanking,
  snakeCase,
} from '@taizhang/core';
import { latestOpen, ledgerRanking, type Queryable } from '@taizhang/db';
import { derivedQuery } from '../derived-values.js';

/**
 * The ledger fields a report may rank (`{{ 'complaints' | top: 'category' }}`), each with
 * the date that places a row in the period: complaints by 问题类别 and by 来源渠道, counted
 * over those received in the period.
 */
const RANKABLE: readonly { ledger: string; field: string; date: string }[] = [
  { ledger: 'complaints', field: 'category', date: 'receivedAt' },
  { ledger: 'complaints', field: 'channel', date: 'receivedAt' },
];

/** Every rankable field's values by row count for 1－through月 of the year, one grouped query each. */
export async function periodRankings(q: Queryable, orgId: string, period: ReportPeriod): Promise<ReportRanking[]> {
  const range = periodDates(period);
  return Promise.all(
    RANKABLE.map(async ({ ledger, field, date }) => {
      const definition = presetLedger(ledger);
      const column = definition.columns.find((c) => c.field === field);
      const source = derivedQuery({ ledger, aggregate: 'count', date }, definition);
      return {
        ledger,
        ledgerName: definition.label,
        field,
        fieldTitle: column?.title ?? field,
        entries: await ledgerRanking(q, orgId, source, column?.column ?? field, range),
      };
    }),
  );
}

/**
 * The dates a report may give of a ledger's open rows (`{{ 'commitments' | latest: 'dueDate' }}`):
 * the latest 承诺办结日期 of the commitments announced and not yet done by the period's end.
 */
const LATEST_OPEN: readonly { ledger: string; field: string; open: string; date: string }[] = [
  { ledger: 'commitments', field: 'dueDate', open: 'doneAt', date: 'announcedAt' },
];

/** Every such date for 1－through月 of the year, one query each. */
export async function periodLatest(q: Queryable, orgId: string, period: ReportPeriod): Promise<ReportLatest[]> {
  const { before } = periodDates(period);
  return Promise.all(
    LATEST_OPEN.map(async ({ ledger, field, open, date }) => {
      const definition = presetLedger(ledger);
      const column = definition.columns.find((c) => c.field === field);
      const source = derivedQuery({ ledger, aggregate: 'count', date }, definition);
      const found = await latestOpen(q, orgId, source, snakeCase(field), snakeCase(open), before);
      return { ledger, ledgerName: definition.label, field, fieldTitle: column?.title ?? field, ...found };
    }),
  );
}
