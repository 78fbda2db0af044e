import { periodDates, type ReportPeriod, toChinaInstant } from '@taizhang/core';
import type { Queryable } from '../database.js';
import { ident } from './sql-names.js';

/**
 * The dashboard's ledger aggregates (领导驾驶舱), each one grouped query: no row reaches
 * JavaScript. Which ledger and which columns they read is the caller's choice, made from the
 * organisation's catalogue.
 */

/** A ledger whose rows arrive on one date-time and are done on another (群众投诉: 受理时间, 办结时间). */
export interface ArrivalsSource {
  table: string;
  arrivedColumn: string;
  doneColumn: string;
}

/** Rows that arrived and rows done in each month of the period (Beijing time); months without any are zero. */
export async function arrivalsByMonth(
  q: Queryable,
  orgId: string,
  source: ArrivalsSource,
  period: ReportPeriod,
): Promise<{ month: number; received: number; closed: number }[]> {
  const dates = periodDates(period);
  const table = ident(source.table);
  const month = (column: string) => `extract(month from (${column} at time zone 'UTC') + interval '8 hours')::int`;
  const counted = (column: string) =>
    `select ${month(column)} as month, count(*)::int as n from ${table}
     where org_id = $1 and ${column} >= $2::timestamptz and ${column} < $3::timestamptz group by 1`;
  return q.query<{ month: number; received: number; closed: number }>(
    `with received as (${counted(ident(source.arrivedColumn))}), closed as (${counted(ident(source.doneColumn))})
     select m.month, coalesce(r.n, 0) as received, coalesce(c.n, 0) as closed
     from generate_series(1, $4::int) as m(month)
       left join received r on r.month = m.month left join closed c on c.month = m.month
     order by m.month`,
    [orgId, toChinaInstant(dates.from), toChinaInstant(dates.before), period.through],
  );
}

/** A ledger with a list of dated stages (重点项目台账: 项目节点), its rows grouped by a choice and chosen by a year. */
export interface StagesSource {
  table: string;
  stagesColumn: string;
  categoryColumn: string;
  yearColumn: string;
}

/**
 * The rows of `year`, counted by category and by stage: the last stage, in the row's own
 * order, completed before the day `before` ('' when none is).
 */
export async function rowsByStage(
  q: Queryable,
  orgId: string,
  source: StagesSource,
  year: number,
  before: string,
): Promise<{ category: string; stage: string; count: number }[]> {
  return q.query<{ category: string; stage: string; count: number }>(
    `select p.${ident(source.categoryColumn)} as category, coalesce(reached.stage, '') as stage, count(*)::int as count
     from ${ident(source.table)} p
     left join lateral (
       select e.m ->> 'stage' as stage
       from jsonb_array_elements(coalesce(p.${ident(source.stagesColumn)}, '[]'::jsonb)) with ordinality as e(m, n)
       where e.m ->> 'status' = '已完成' and (e.m ->> 'doneAt') < $3
       order by e.n desc limit 1
     ) reached on true
     where p.org_id = $1 and p.${ident(source.yearColumn)} = $2
     group by 1, 2 order by 1, 2`,
    [orgId, year, before],
  );
}
