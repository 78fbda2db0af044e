import type { Target } from '@taizhang/core';
import type { Queryable } from '../database.js';
import { type WriteOutcome, writeOutcome } from './edit-outcome.js';
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

/** A target as the office edits it: one indicator and year, at a version (目标任务). */
export interface StoredTarget {
  indicator: string;
  year: number;
  amount: string | null;
  growth: string | null;
  planCurve: string[] | null;
  version: number;
  updatedAt: string;
}

const SELECT_STORED = `select i.code as indicator, t.year::int as year, t.amount::text as amount, t.growth::text as growth,
    t.plan_curve::text as "planCurve", t.version,
    to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
  from indicator_targets t join indicators i on i.org_id = t.org_id and i.id = t.indicator_id`;

interface SelectedTarget extends Record<string, unknown> {
  indicator: string;
  year: number;
  amount: string | null;
  growth: string | null;
  planCurve: string | null;
  version: number;
  updatedAt: string;
}

function storedTarget(row: SelectedTarget): StoredTarget {
  return { ...row, planCurve: row.planCurve === null ? null : parseNumericArray(row.planCurve) };
}

/** Every target of a year with its version, in the indicators' order. */
export async function listStoredTargets(q: Queryable, orgId: string, year: number): Promise<StoredTarget[]> {
  const rows = await q.query<SelectedTarget>(`${SELECT_STORED} where t.org_id = $1 and t.year = $2 order by i.id`, [
    orgId,
    year,
  ]);
  return rows.map(storedTarget);
}

export async function findStoredTarget(
  q: Queryable,
  orgId: string,
  indicator: string,
  year: number,
): Promise<StoredTarget | undefined> {
  const rows = await q.query<SelectedTarget>(`${SELECT_STORED} where t.org_id = $1 and i.code = $2 and t.year = $3`, [
    orgId,
    indicator,
    year,
  ]);
  return rows[0] && storedTarget(rows[0]);
}

/** A target as written from the form; null for a part not set. */
export interface TargetEntry {
  indicator: string;
  year: number;
  amount: string | null;
  growth: string | null;
  planCurve: readonly string[] | null;
}

/**
 * Writes one target: a new one when `expectedVersion` is undefined (refused as stale when
 * the indicator has one for the year already), else a change of the stored one at that
 * version. A change that leaves the target as stored writes nothing.
 */
export async function writeTarget(
  q: Queryable,
  orgId: string,
  entry: TargetEntry,
  expectedVersion: number | undefined,
): Promise<WriteOutcome<StoredTarget>> {
  const curve = entry.planCurve === null ? null : `{${entry.planCurve.join(',')}}`;
  const params = [orgId, entry.indicator, entry.year, entry.amount, entry.growth, curve];
  const written =
    expectedVersion === undefined
      ? await q.query(
          `insert into indicator_targets (org_id, indicator_id, year, amount, growth, plan_curve)
           select $1, i.id, $3, $4::numeric, $5::numeric, $6::numeric[]
           from indicators i where i.org_id = $1 and i.code = $2
           on conflict (org_id, indicator_id, year) do nothing
           returning 1`,
          params,
        )
      : await q.query(
          `update indicator_targets t set amount = $4::numeric, growth = $5::numeric, plan_curve = $6::numeric[],
             version = t.version + 1, updated_at = now()
           from indicators i
           where i.org_id = $1 and i.code = $2 and t.org_id = $1 and t.indicator_id = i.id and t.year = $3
             and t.version = $7
             and (t.amount, t.growth, t.plan_curve) is distinct from ($4::numeric, $5::numeric, $6::numeric[])
           returning 1`,
          [...params, expectedVersion],
        );
  const current = await findStoredTarget(q, orgId, entry.indicator, entry.year);
  return writeOutcome(written.length > 0, current, expectedVersion);
}
