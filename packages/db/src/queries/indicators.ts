import type { DeriveSpec, IndicatorDef } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

export interface IndicatorRow extends IndicatorDef {
  id: string;
  sectionName: string;
}

export async function listIndicators(q: Queryable, orgId: string): Promise<IndicatorRow[]> {
  // The derivation travels as JSON text, parsed below.
  const rows = await q.query<Omit<IndicatorRow, 'derive'> & { derive: string | null }>(
    `select i.id::text as id, i.code, i.name, i.unit, s.code as section, s.name as "sectionName",
       i.kind, i.frequency, i.decimals::int as decimals, i.time_progress as "timeProgress",
       i.red_threshold::text as "redThreshold", i.year_on_year as "yearOnYear", i.derive::text as derive
     from indicators i join sections s on s.org_id = i.org_id and s.id = i.section_id
     where i.org_id = $1 order by i.id`,
    [orgId],
  );
  return rows.map(({ derive, ...row }) =>
    derive === null ? row : { ...row, derive: JSON.parse(derive) as DeriveSpec },
  );
}

/** Inserts or updates indicator definitions by code; sections are named by code and must exist. */
export async function upsertIndicators(
  q: Queryable,
  orgId: string,
  indicators: readonly IndicatorDef[],
  count: UpsertCount,
): Promise<void> {
  const column = <K extends keyof IndicatorDef>(key: K) => indicators.map((i) => i[key]);
  const changed = await q.query<{ inserted: boolean }>(
    `insert into indicators (org_id, code, name, unit, section_id, kind, frequency, decimals, time_progress, red_threshold,
       year_on_year, derive)
     select $1, i.code, i.name, i.unit, s.id, i.kind, i.frequency, i.decimals, i.time_progress, i.red_threshold::numeric,
       i.year_on_year, i.derive::jsonb
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[],
         $11::boolean[], $12::text[])
       with ordinality as i(code, name, unit, section_code, kind, frequency, decimals, time_progress, red_threshold,
         year_on_year, derive, n)
     join sections s on s.org_id = $1 and s.code = i.section_code
     order by i.n
     on conflict (org_id, code) do update set name = excluded.name, unit = excluded.unit,
       section_id = excluded.section_id, kind = excluded.kind, frequency = excluded.frequency,
       decimals = excluded.decimals, time_progress = excluded.time_progress, red_threshold = excluded.red_threshold,
       year_on_year = excluded.year_on_year, derive = excluded.derive,
       version = indicators.version + 1, updated_at = now()
     where (indicators.name, indicators.unit, indicators.section_id, indicators.kind, indicators.frequency,
            indicators.decimals, indicators.time_progress, indicators.red_threshold, indicators.year_on_year,
            indicators.derive)
       is distinct from (excluded.name, excluded.unit, excluded.section_id, excluded.kind, excluded.frequency,
            excluded.decimals, excluded.time_progress, excluded.red_threshold, excluded.year_on_year, excluded.derive)
     returning (xmax = 0) as inserted`,
    [
      orgId,
      column('code'),
      column('name'),
      column('unit'),
      column('section'),
      column('kind'),
      column('frequency'),
      column('decimals'),
      column('timeProgress'),
      column('redThreshold'),
      column('yearOnYear'),
      indicators.map((i) => (i.derive === undefined ? null : JSON.stringify(i.derive))),
    ],
  );
  count.recordBatch(indicators.length, changed);
}
