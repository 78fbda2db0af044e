import type { Narrative } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

/** A stored narrative block (叙述), with its section's name for messages and markers. */
export interface NarrativeRow extends Narrative {
  id: string;
  sectionName: string;
  version: number;
}

/**
 * The narrative blocks of one year, by key and then `through` (the whole-year block first):
 * the order in which a report picks, for each key, the latest block not after its month.
 */
export async function listNarratives(q: Queryable, orgId: string, year: number): Promise<NarrativeRow[]> {
  const rows = await q.query<{
    id: string;
    key: string;
    year: number;
    through: number | null;
    section: string;
    sectionName: string;
    title: string | null;
    text: string;
    version: number;
  }>(
    `select n.id::text as id, n.key, n.year::int as year, n.through::int as through, s.code as section,
       s.name as "sectionName", n.title, n.text, n.version
     from narratives n join sections s on s.org_id = n.org_id and s.id = n.section_id
     where n.org_id = $1 and n.year = $2
     order by n.key, coalesce(n.through, 0)`,
    [orgId, year],
  );
  return rows.map((row) => {
    const narrative: NarrativeRow = {
      id: row.id,
      key: row.key,
      year: row.year,
      section: row.section,
      sectionName: row.sectionName,
      text: row.text,
      version: row.version,
    };
    if (row.through !== null) narrative.through = row.through;
    if (row.title !== null) narrative.title = row.title;
    return narrative;
  });
}

/**
 * Inserts or updates narrative blocks by (key, year, through), in one set-based statement;
 * sections are named by code and must exist. A block as stored is left alone, so its
 * version and audit trail do not move when the same file is loaded again.
 */
export async function upsertNarratives(
  q: Queryable,
  orgId: string,
  narratives: readonly Narrative[],
  count: UpsertCount,
): Promise<void> {
  const changed = await q.query<{ inserted: boolean }>(
    `insert into narratives (org_id, key, year, through, section_id, title, text)
     select $1, n.key, n.year, n.through, s.id, n.title, n.text
     from unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[])
       with ordinality as n(key, year, through, section_code, title, text, ord)
     join sections s on s.org_id = $1 and s.code = n.section_code
     order by n.ord
     on conflict (org_id, key, year, (coalesce(through, 0))) do update set section_id = excluded.section_id,
       title = excluded.title, text = excluded.text, version = narratives.version + 1, updated_at = now()
     where (narratives.section_id, narratives.title, narratives.text)
       is distinct from (excluded.section_id, excluded.title, excluded.text)
     returning (xmax = 0) as inserted`,
    [
      orgId,
      narratives.map((n) => n.key),
      narratives.map((n) => n.year),
      narratives.map((n) => n.through ?? null),
      narratives.map((n) => n.section),
      narratives.map((n) => n.title ?? null),
      narratives.map((n) => n.text),
    ],
  );
  count.recordBatch(narratives.length, changed);
}
