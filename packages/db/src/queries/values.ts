import type { IndicatorValue } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

export interface StoredValue extends IndicatorValue {
  version: number;
  enteredAt: string;
}

/** The columns of a stored value, as `SelectedValue` names them; timestamps in UTC ISO form so output never depends on the server's zone. */
export const VALUE_SELECT = `select i.code as indicator, v.year::int as year, v.period::int as period, v.value::text as value,
    v.comparable_base::text as "comparableBase", v.entered_by as "enteredBy",
    to_char(v.entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "enteredAt",
    v.source, v.note, v.version
  from indicator_values v join indicators i on i.org_id = v.org_id and i.id = v.indicator_id`;

export interface SelectedValue extends Record<string, unknown> {
  indicator: string;
  year: number;
  period: number;
  value: string;
  comparableBase: string | null;
  enteredBy: string | null;
  enteredAt: string;
  source: string | null;
  note: string | null;
  version: number;
}

/** A selected row as the model has it: fields not set are absent. */
export function storedValue(row: SelectedValue): StoredValue {
  return {
    indicator: row.indicator,
    year: row.year,
    period: row.period,
    value: row.value,
    comparableBase: row.comparableBase ?? undefined,
    enteredBy: row.enteredBy ?? undefined,
    enteredAt: row.enteredAt,
    source: row.source ?? undefined,
    note: row.note ?? undefined,
    version: row.version,
  };
}

/** Values of the given years, oldest first. */
export async function listValues(q: Queryable, orgId: string, years: readonly number[]): Promise<StoredValue[]> {
  const rows = await q.query<SelectedValue>(
    `${VALUE_SELECT}
     where v.org_id = $1 and v.year = any($2::int[])
     order by i.id, v.year, v.period`,
    [orgId, years],
  );
  return rows.map(storedValue);
}

/**
 * Inserts new values and updates changed ones by (indicator, year, period), in one
 * set-based statement. A value whose fields are all as stored is left alone, so its
 * version and audit trail do not move when the same file is loaded again. A value given
 * without `enteredAt` is stamped with the load time when new and keeps its time otherwise.
 * `enteredAt` must carry its zone (the service adds +08:00 to bare dates).
 */
export async function upsertValues(
  q: Queryable,
  orgId: string,
  values: readonly IndicatorValue[],
  count: UpsertCount,
): Promise<void> {
  const col = <K extends keyof IndicatorValue>(key: K) => values.map((v) => v[key] ?? null);
  const [result] = await q.query<{ inserted: number; updated: number }>(
    `with input as (
       select i.id as indicator_id, v.year, v.period, v.value::numeric as value, v.comparable_base::numeric as comparable_base,
         v.entered_by, v.entered_at::timestamptz as entered_at, v.source, v.note
       from unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         as v(indicator, year, period, value, comparable_base, entered_by, entered_at, source, note)
       join indicators i on i.org_id = $1 and i.code = v.indicator
     ),
     updated as (
       update indicator_values t set value = s.value, comparable_base = s.comparable_base, entered_by = s.entered_by,
         entered_at = coalesce(s.entered_at, t.entered_at), source = s.source, note = s.note,
         version = t.version + 1, updated_at = now()
       from input s
       where t.org_id = $1 and t.indicator_id = s.indicator_id and t.year = s.year and t.period = s.period
         and (t.value, t.comparable_base, t.entered_by, t.source, t.note, t.entered_at)
           is distinct from (s.value, s.comparable_base, s.entered_by, s.source, s.note, coalesce(s.entered_at, t.entered_at))
       returning 1
     ),
     inserted as (
       insert into indicator_values (org_id, indicator_id, year, period, value, comparable_base, entered_by, entered_at, source, note)
       select $1, s.indicator_id, s.year, s.period, s.value, s.comparable_base, s.entered_by,
         coalesce(s.entered_at, now()), s.source, s.note
       from input s
       where not exists (
         select 1 from indicator_values t
         where t.org_id = $1 and t.indicator_id = s.indicator_id and t.year = s.year and t.period = s.period
       )
       returning 1
     )
     select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`,
    [
      orgId,
      col('indicator'),
      col('year'),
      col('period'),
      col('value'),
      col('comparableBase'),
      col('enteredBy'),
      col('enteredAt'),
      col('source'),
      col('note'),
    ],
  );
  const inserted = result?.inserted ?? 0;
  const updated = result?.updated ?? 0;
  count.record('inserted', inserted);
  count.record('updated', updated);
  count.record('unchanged', values.length - inserted - updated);
}
