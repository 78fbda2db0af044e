import {
  type LedgerDef,
  ledgerColumn,
  periodDates,
  type ReportLatest,
  type ReportPeriod,
  type ReportRanking,
} from '@taizhang/core';
import { latestOpen, ledgerRanking, type Queryable } from '@taizhang/db';
import { derivedQuery } from '../derived-values.js';
import { orgLedgers } from '../ledger-catalogue.js';

/**
 * The ledger facts a template asks for by name: `{{ 'complaints' | top: 'category' }}` (a
 * field's values by row count) and `{{ 'commitments' | latest: 'dueDate' }}` (the latest
 * deadline of the rows still open). Any ledger may be read so whose type says which date
 * counts a row in a period (`placedBy`); `latest` reads a deadline field (`due`), open while
 * its `doneBy` is not set. Nothing here names a ledger: the template and the types do.
 */

/** The ledger and field of every `'ledger' | filter: 'field'` in the text, once each. */
function named(text: string, filter: 'top' | 'latest'): { ledger: string; field: string }[] {
  const pattern = new RegExp(`'([a-z][a-z0-9_]{0,39})'\\s*\\|\\s*${filter}\\s*:\\s*'([A-Za-z][A-Za-z0-9]{0,39})'`, 'g');
  const pairs = new Map<string, { ledger: string; field: string }>();
  for (const [, ledger = '', field = ''] of text.matchAll(pattern)) pairs.set(`${ledger}.${field}`, { ledger, field });
  return [...pairs.values()];
}

/** The named pairs whose ledger the organisation has, placed by a date, with the field. */
async function readable(q: Queryable, orgId: string, text: string, filter: 'top' | 'latest') {
  const pairs = named(text, filter);
  if (pairs.length === 0) return [];
  const ledgers = new Map((await orgLedgers(q, orgId)).map((ledger) => [ledger.code, ledger]));
  return pairs.flatMap(({ ledger: code, field }) => {
    const ledger = ledgers.get(code);
    const placedBy = ledger?.definition.placedBy;
    const column = ledger === undefined ? undefined : ledgerColumn(ledger, field);
    return ledger && placedBy && column ? [{ ledger, placedBy, column }] : [];
  });
}

function placed(ledger: LedgerDef, placedBy: string) {
  return derivedQuery({ ledger: ledger.code, aggregate: 'count', date: placedBy }, ledger);
}

/**
 * The rankings the template names, for 1－through月 of the year, one grouped query each. A name
 * that cannot be ranked is left out, and the `top` filter says which can.
 */
export async function periodRankings(
  q: Queryable,
  orgId: string,
  period: ReportPeriod,
  templateText: string,
): Promise<ReportRanking[]> {
  const range = periodDates(period);
  return Promise.all(
    (await readable(q, orgId, templateText, 'top')).map(async ({ ledger, placedBy, column }) => ({
      ledger: ledger.code,
      ledgerName: ledger.label,
      field: column.field,
      fieldTitle: column.title,
      entries: await ledgerRanking(q, orgId, placed(ledger, placedBy), column.column, range),
    })),
  );
}

/** The latest open deadlines the template names, as of the period's end, one query each. */
export async function periodLatest(
  q: Queryable,
  orgId: string,
  period: ReportPeriod,
  templateText: string,
): Promise<ReportLatest[]> {
  const { before } = periodDates(period);
  const deadlines = (await readable(q, orgId, templateText, 'latest')).flatMap((found) => {
    const doneBy = found.column.definition.due?.doneBy;
    const done = doneBy === undefined ? undefined : ledgerColumn(found.ledger, doneBy);
    return done ? [{ ...found, done }] : [];
  });
  return Promise.all(
    deadlines.map(async ({ ledger, placedBy, column, done }) => ({
      ledger: ledger.code,
      ledgerName: ledger.label,
      field: column.field,
      fieldTitle: column.title,
      ...(await latestOpen(q, orgId, placed(ledger, placedBy), column.column, done.column, before)),
    })),
  );
}
