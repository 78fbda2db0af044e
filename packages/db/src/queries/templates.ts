import type { ReportTemplate } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

/** A stored report template (报告模板). */
export interface TemplateRow extends ReportTemplate {
  id: string;
  version: number;
}

const SELECT = 'select id::text as id, code, name, text, version from report_templates';

/** Every report template of the organisation, by code. */
export async function listTemplates(q: Queryable, orgId: string): Promise<TemplateRow[]> {
  return q.query<TemplateRow & Record<string, unknown>>(`${SELECT} where org_id = $1 order by code`, [orgId]);
}

/** One report template by code, or undefined when the organisation has none of that code. */
export async function findTemplate(q: Queryable, orgId: string, code: string): Promise<TemplateRow | undefined> {
  const rows = await q.query<TemplateRow & Record<string, unknown>>(`${SELECT} where org_id = $1 and code = $2`, [
    orgId,
    code,
  ]);
  return rows[0];
}

/** Inserts or updates report templates by code, in one statement; one as stored is left alone. */
export async function upsertTemplates(
  q: Queryable,
  orgId: string,
  templates: readonly ReportTemplate[],
  count: UpsertCount,
): Promise<void> {
  const changed = await q.query<{ inserted: boolean }>(
    `insert into report_templates (org_id, code, name, text)
     select $1, t.code, t.name, t.text from unnest($2::text[], $3::text[], $4::text[]) as t(code, name, text)
     on conflict (org_id, code) do update set name = excluded.name, text = excluded.text,
       version = report_templates.version + 1, updated_at = now()
     where (report_templates.name, report_templates.text) is distinct from (excluded.name, excluded.text)
     returning (xmax = 0) as inserted`,
    [orgId, templates.map((t) => t.code), templates.map((t) => t.name), templates.map((t) => t.text)],
  );
  count.recordBatch(templates.length, changed);
}
