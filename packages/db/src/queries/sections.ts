import type { Section } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

export interface SectionRow {
  id: string;
  code: string;
  name: string;
}

export async function listSections(q: Queryable, orgId: string): Promise<SectionRow[]> {
  return q.query<SectionRow & Record<string, unknown>>(
    'select id::text as id, code, name from sections where org_id = $1 order by code',
    [orgId],
  );
}

/** Inserts or renames sections by code, in one statement. */
export async function upsertSections(
  q: Queryable,
  orgId: string,
  sections: readonly Section[],
  count: UpsertCount,
): Promise<void> {
  const changed = await q.query<{ inserted: boolean }>(
    `insert into sections (org_id, code, name)
     select $1, s.code, s.name from unnest($2::text[], $3::text[]) as s(code, name)
     on conflict (org_id, code) do update set name = excluded.name,
       version = sections.version + 1, updated_at = now()
     where sections.name is distinct from excluded.name
     returning (xmax = 0) as inserted`,
    [orgId, sections.map((s) => s.code), sections.map((s) => s.name)],
  );
  count.recordBatch(sections.length, changed);
}
