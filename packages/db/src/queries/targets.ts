import type { Target } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

export async function listTargets(q: Queryable, orgId: string, year: number): Promise<Target[]> {
  const rows = await q.query<{
    indicator: string;
    year: number;
    amount: string | null;
    growth: string | null;
    planCurve: string | null;
  }>(
    `select i.code as indicator, t.year::int as year, t.amount::text as amount, t.growth::text as growth,
       t.plan_curve::text as "planCurve"
     from indicator_targets t join indicators i on i.org_id = t.org_id and i.id = t.indicator_id
     where t.org_id = $1 and t.year = $2 order by i.id`,
    [orgId, year],
  );
  return rows.map((row) => ({
    indicator: row.indicator,
    year: row.year,
    amount: row.amount ?? undefined,
    growth: row.growth ?? undefined,
    planCurve: row.planCurve === null ? undefined : parseNumericArray(row.planCurve),
  }));
}

/** numeric[] as PostgreSQL writes it: "{8.3,16.7,…}" — numerals only, so a split suffices. */
function parseNumericArray(text: string): string[] {
  return text.slice(1, -1).split(',');
}

/** Inserts or updates targets by (indicator, year). */
export async function upsertTargets(
  q: Queryable,
  orgId: string,
  targets: readonly Target[],
  count: UpsertCount,
): Promise<void> {
  const changed = await q.query<{ inserted: boolean }>(
    `insert into indicator_targets (org_id, indicator_id, year, amount, growth, plan_curve)
     select $1, i.id, t.year, t.amount::numeric, t.growth::numeric, t.plan_curve::numeric[]
     from unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
       as t(indicator, year, amount, growth, plan_curve)
     join indicators i on i.org_id = $1 and i.code = t.indicator
     on conflict (org_id, indicator_id, year) do update set amount = excluded.amount, growth = excluded.growth,
       plan_curve = excluded.plan_curve, version = indicator_targets.version + 1, updated_at = now()
     where (indicator_targets.amount, indicator_targets.growth, indicator_targets.plan_curve)
       is distinct from (excluded.amount, excluded.growth, excluded.plan_curve)
     returning (xmax = 0) as inserted`,
    [
      orgId,
      targets.map((t) => t.indicator),
      targets.map((t) => t.year),
      targets.map((t) => t.amount ?? null),
      targets.map((t) => t.growth ?? null),
      targets.map((t) => (t.planCurve ? `{${t.planCurve.join(',')}}` : null)),
    ],
  );
  count.recordBatch(targets.length, changed);
}
