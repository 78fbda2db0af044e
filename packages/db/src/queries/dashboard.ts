import { periodDates, type ReportPeriod, toChinaInstant } from '@taizhang/core';
import type { Queryable } from '../database.js';

/** The dashboard's ledger aggregates (领导驾驶舱), each one grouped query: no row reaches JavaScript. */

/** Complaints received and closed in each month of the period (Beijing time); months without any are zero. */
export async function complaintsByMonth(
  q: Queryable,
  orgId: string,
  period: ReportPeriod,
): Promise<{ month: number; received: number; closed: number }[]> {
  const dates = periodDates(period);
  const month = (column: string) => `extract(month from (${column} at time zone 'UTC') + interval '8 hours')::int`;
  return q.query<{ month: number; received: number; closed: number }>(
    `with received as (
       select ${month('received_at')} as month, count(*)::int as n from ledger_complaints
       where org_id = $1 and received_at >= $2::timestamptz and received_at < $3::timestamptz group by 1
     ),
     closed as (
       select ${month('closed_at')} as month, count(*)::int as n from ledger_complaints
       where org_id = $1 and closed_at >= $2::timestamptz and closed_at < $3::timestamptz group by 1
     )
     select m.month, coalesce(r.n, 0) as received, coalesce(c.n, 0) as closed
     from generate_series(1, $4::int) as m(month)
       left join received r on r.month = m.month left join closed c on c.month = m.month
     order by m.month`,
    [orgId, toChinaInstant(dates.from), toChinaInstant(dates.before), period.through],
  );
}

/**
 * The key projects (重点项目) planned for `year`, counted by category and by stage: the last
 * milestone, in the project's own order, completed before the day `before` ('' when none is).
 */
export async function projectsByStage(
  q: Queryable,
  orgId: string,
  year: number,
  before: string,
): Promise<{ category: string; stage: string; count: number }[]> {
  return q.query<{ category: string; stage: string; count: number }>(
    `select p.category, coalesce(reached.stage, '') as stage, count(*)::int as count
     from ledger_projects p
     left join lateral (
       select e.m ->> 'stage' as stage
       from jsonb_array_elements(coalesce(p.milestones, '[]'::jsonb)) with ordinality as e(m, n)
       where e.m ->> 'status' = '已完成' and (e.m ->> 'doneAt') < $3
       order by e.n desc limit 1
     ) reached on true
     where p.org_id = $1 and p.planned_year = $2
     group by 1, 2 order by 1, 2`,
    [orgId, year, before],
  );
}
