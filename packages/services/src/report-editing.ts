import type { Narrative, NarrativeInput, Template } from '@taizhang/contract';
import { datasetSchema, type ReportDocument, type ReportPeriod, templateTextError } from '@taizhang/core';
import {
  type Database,
  findNarrative,
  findTemplate,
  insertNarrative,
  listNarratives,
  listSections,
  listTemplates,
  type NarrativeRow,
  type OrganisationRow,
  updateNarrativeText,
  updateTemplateText,
} from '@taizhang/db';
import { actorOf, type Caller } from './accounts/caller.js';
import { choosePeriod } from './indicator-figures.js';
import { refuse, refuseField, refuseStale } from './refusals.js';
import { generateReport } from './report/generate.js';
import type { ServiceError } from './service-error.js';

/** The office's edits of report templates (报告模板) and narrative blocks (叙述), at the version read. */

export async function templateList(db: Database, orgId: string): Promise<Omit<Template, 'text'>[]> {
  return (await listTemplates(db, orgId)).map(({ code, name, version }) => ({ code, name, version }));
}

function templateMissing(code: string): ServiceError {
  return refuse('TEMPLATE_MISSING', { code });
}

export async function templateView(db: Database, orgId: string, code: string): Promise<Template> {
  const found = await findTemplate(db, orgId, code);
  if (found === undefined) throw templateMissing(code);
  return { code: found.code, name: found.name, text: found.text, version: found.version };
}

/**
 * The report a template text gives for a period, without storing the text: it goes through
 * the same generateReport as a stored template. A template that does not compile or render is
 * refused with its line (422 TEMPLATE_ERROR, the line in its problem).
 */
export async function reportFromText(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  text: string,
): Promise<ReportDocument> {
  return generateReport(db, org, period, { template: { text, source: '模板' } });
}

/** The period a template is tried on before it is stored: the latest with data, else this year's. */
async function trialPeriod(db: Database, orgId: string): Promise<ReportPeriod> {
  return choosePeriod(db, orgId, {}).catch(() => ({ year: new Date().getFullYear(), through: 12 }));
}

/** Stores a template's new text at the version read, once it has rendered a report without error. */
export async function saveTemplate(
  db: Database,
  caller: Caller,
  org: OrganisationRow,
  code: string,
  request: { text: string; version: number },
): Promise<Template> {
  if ((await findTemplate(db, caller.orgId, code)) === undefined) throw templateMissing(code);
  if (request.text.trim() === '') throw refuseField('TEMPLATE_EMPTY', 'text', {});
  await reportFromText(db, org, await trialPeriod(db, caller.orgId), request.text);
  const result = await db.transaction(actorOf(caller), (tx) =>
    updateTemplateText(tx, caller.orgId, code, request.text, request.version),
  );
  if (result.outcome === 'missing') throw templateMissing(code);
  const { row } = result;
  if (result.outcome === 'stale') {
    throw refuseStale('TEMPLATE_STALE_VERSION', `报告模板 ${row.name}`, request.version, row, {
      code: row.code,
      name: row.name,
      text: row.text,
      version: row.version,
    });
  }
  return { code: row.code, name: row.name, text: row.text, version: row.version };
}

function narrativeView(n: NarrativeRow): Narrative {
  return {
    code: n.key,
    year: n.year,
    through: n.through ?? null,
    title: n.title ?? null,
    section: { code: n.section, name: n.sectionName },
    text: n.text,
    version: n.version,
  };
}

export async function narrativeList(db: Database, orgId: string, year: number): Promise<Narrative[]> {
  return (await listNarratives(db, orgId, year)).map(narrativeView);
}

/**
 * A new block's key: a dataset `code` (so that the organisation's data still loads as a
 * dataset), which is also what a template's {% narrative 'key' %} can name.
 */
const NARRATIVE_KEY = new RegExp(datasetSchema.$defs.code.pattern);

/**
 * Changes a narrative block's text at the version read, or adds the block when it does not
 * exist yet (which then needs its section). The text may hold Liquid, rendered with the report.
 */
export async function saveNarrative(
  db: Database,
  caller: Caller,
  key: string,
  edit: NarrativeInput,
): Promise<Narrative> {
  if (edit.text.trim() === '') throw refuseField('NARRATIVE_EMPTY', 'text', {});
  // Rendered within every report of the year: a text that does not parse is refused here, with its line.
  const error = templateTextError(edit.text, `叙述 ${key}`, true);
  if (error) throw refuseField('TEMPLATE_ERROR', 'text', { error: error.message }, error.line);
  const through = edit.through ?? null;
  const actor = actorOf(caller);
  const existing = await findNarrative(db, caller.orgId, key, edit.year, through);
  const version = edit.version === 0 ? undefined : edit.version;
  if (existing === undefined && version === undefined) {
    if (!NARRATIVE_KEY.test(key)) {
      throw refuseField('NARRATIVE_KEY', 'code', { code: key });
    }
    const sections = await listSections(db, caller.orgId);
    if (edit.section === undefined || !sections.some((s) => s.code === edit.section)) {
      const known = sections.map((s) => `${s.code}（${s.name}）`).join('、');
      throw refuseField('NARRATIVE_SECTION', 'section', { sections: known });
    }
    const section = edit.section;
    const added = await db.transaction(actor, (tx) =>
      insertNarrative(tx, caller.orgId, {
        key,
        year: edit.year,
        through,
        section,
        title: edit.title ?? null,
        text: edit.text,
      }),
    );
    if (added !== undefined) return narrativeView(added);
  }
  const result = await db.transaction(actor, (tx) =>
    updateNarrativeText(tx, caller.orgId, key, edit.year, through, edit.text, version ?? 0),
  );
  if (result.outcome === 'missing') {
    throw refuse('NARRATIVE_MISSING', { year: edit.year, code: key });
  }
  if (result.outcome === 'stale') {
    throw refuseStale(
      'NARRATIVE_STALE_VERSION',
      `叙述 ${result.row.title ?? key}`,
      version,
      result.row,
      narrativeView(result.row),
    );
  }
  return narrativeView(result.row);
}
