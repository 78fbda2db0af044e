import type { Queryable } from '../database.js';
import type { EditOutcome } from './edit-outcome.js';
import { listNarratives, type NarrativeRow } from './narratives.js';
import { findTemplate, type TemplateRow } from './templates.js';

/**
 * Editing a report template (报告模板) or a narrative block (叙述) in place, at the version it
 * was read at: the same optimistic concurrency as ledger rows. A dataset load still upserts
 * them by code; these are the single-row edits of the office.
 */

export async function updateTemplateText(
  q: Queryable,
  orgId: string,
  code: string,
  text: string,
  expectedVersion: number,
): Promise<EditOutcome<TemplateRow>> {
  const written = await q.query(
    `update report_templates set text = $3, version = version + 1, updated_at = now()
     where org_id = $1 and code = $2 and version = $4 and text is distinct from $3
     returning id`,
    [orgId, code, text, expectedVersion],
  );
  const current = await findTemplate(q, orgId, code);
  if (current === undefined) return { outcome: 'missing' };
  if (written.length > 0) return { outcome: 'written', row: current };
  return { outcome: current.version === expectedVersion ? 'unchanged' : 'stale', row: current };
}

/** The narrative block of a key, year and `through` (null: the whole-year block). */
export async function findNarrative(
  q: Queryable,
  orgId: string,
  key: string,
  year: number,
  through: number | null,
): Promise<NarrativeRow | undefined> {
  const all = await listNarratives(q, orgId, year);
  return all.find((n) => n.key === key && (n.through ?? null) === through);
}

export async function updateNarrativeText(
  q: Queryable,
  orgId: string,
  key: string,
  year: number,
  through: number | null,
  text: string,
  expectedVersion: number,
): Promise<EditOutcome<NarrativeRow>> {
  const written = await q.query(
    `update narratives set text = $5, version = version + 1, updated_at = now()
     where org_id = $1 and key = $2 and year = $3 and coalesce(through, 0) = coalesce($4::int, 0)
       and version = $6 and text is distinct from $5
     returning id`,
    [orgId, key, year, through, text, expectedVersion],
  );
  const current = await findNarrative(q, orgId, key, year, through);
  if (current === undefined) return { outcome: 'missing' };
  if (written.length > 0) return { outcome: 'written', row: current };
  return { outcome: current.version === expectedVersion ? 'unchanged' : 'stale', row: current };
}

export interface NewNarrative {
  key: string;
  year: number;
  through: number | null;
  /** owning section code */
  section: string;
  title: string | null;
  text: string;
}

/** Adds a narrative block; undefined when one of that key, year and `through` exists already. */
export async function insertNarrative(
  q: Queryable,
  orgId: string,
  narrative: NewNarrative,
): Promise<NarrativeRow | undefined> {
  const inserted = await q.query(
    `insert into narratives (org_id, key, year, through, section_id, title, text)
     select $1, $2, $3, $4, s.id, $6, $7 from sections s where s.org_id = $1 and s.code = $5
     on conflict (org_id, key, year, (coalesce(through, 0))) do nothing
     returning id`,
    [orgId, narrative.key, narrative.year, narrative.through, narrative.section, narrative.title, narrative.text],
  );
  if (inserted.length === 0) return undefined;
  return findNarrative(q, orgId, narrative.key, narrative.year, narrative.through);
}
