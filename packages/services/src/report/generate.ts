import { readFile } from 'node:fs/promises';
import {
  type ReportDocument,
  type ReportNarrative,
  type ReportPeriod,
  renderReport,
  TemplateError,
} from '@taizhang/core';
import { type Database, listNarratives, listSections, listTemplates, type OrganisationRow } from '@taizhang/db';
import { evaluateIndicators } from '../indicator-figures.js';
import { refuse, refuseField } from '../refusals.js';
import { periodProjects } from './projects.js';
import { periodLatest, periodRankings } from './rankings.js';

/** The template a report is written from when none is named. */
export const DEFAULT_TEMPLATE = 'work-summary';

export interface ReportOptions {
  /** a template file to use instead of the organisation's stored template */
  templateFile?: string | undefined;
  /** a template's text to use instead (one being edited), and what to call it in an error */
  template?: { text: string; source: string } | undefined;
  /** the code of a stored template (default work-summary, or the only one) */
  templateCode?: string | undefined;
  /** 成文日期 as printed; defaults to the last day of the period */
  date?: string | undefined;
}

/** The template a report is written from when none is named: work-summary, or the only one stored. */
export function defaultTemplateCode(stored: readonly { code: string }[]): string | undefined {
  if (stored.some((t) => t.code === DEFAULT_TEMPLATE)) return DEFAULT_TEMPLATE;
  return stored.length === 1 ? stored[0]?.code : undefined;
}

async function chooseTemplate(
  db: Database,
  orgId: string,
  options: ReportOptions,
): Promise<{ text: string; source: string }> {
  if (options.template !== undefined) return options.template;
  if (options.templateFile !== undefined) {
    try {
      return { text: await readFile(options.templateFile, 'utf8'), source: options.templateFile };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? '';
      throw refuse('TEMPLATE_FILE_UNREADABLE', { file: options.templateFile, reason });
    }
  }
  const code = options.templateCode;
  const all = await listTemplates(db, orgId);
  const known = all.map((t) => `${t.code}（${t.name}）`).join('、');
  const template = all.find((t) => t.code === (code ?? defaultTemplateCode(all)));
  if (template) return { text: template.text, source: `模板 ${template.code}` };
  // Several stored and none the default is a choice to make, not an absence.
  if (!code && all.length > 1) throw refuse('TEMPLATE_CHOOSE', { known });
  throw refuse('TEMPLATE_NONE', { code: code ?? '', known });
}

/**
 * Writes the report of an organisation for a period: its indicators evaluated in a few
 * set-based queries, its narratives, rendered through its template into the document model.
 */
export async function generateReport(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  options: ReportOptions = {},
): Promise<ReportDocument> {
  // The texts first: the ledger facts they name (top, latest) are the ones read.
  const [template, narratives, projects] = await Promise.all([
    chooseTemplate(db, org.id, options),
    listNarratives(db, org.id, period.year),
    periodProjects(db, org.id, period),
  ]);
  const texts = [template.text, ...narratives.map((n) => n.text), ...projects.map((p) => p.progressText ?? '')].join(
    '\n',
  );
  const [indicators, sections, rankings, latest] = await Promise.all([
    evaluateIndicators(db, org.id, period, { earlier: true }),
    listSections(db, org.id),
    periodRankings(db, org.id, period, texts),
    periodLatest(db, org.id, period, texts),
  ]);
  const sectionNames = new Map(sections.map((s) => [s.code, s.name]));
  const reportNarratives: ReportNarrative[] = narratives.map((n) => ({
    ...n,
    sectionName: sectionNames.get(n.section) ?? n.section,
  }));
  try {
    return renderReport({
      template,
      organisation: { code: org.code, name: org.name, shortName: org.shortName ?? undefined },
      year: period.year,
      through: period.through,
      date: options.date,
      indicators,
      narratives: reportNarratives,
      rankings,
      latest,
      projects: projects.map((p) => ({ ...p, sectionName: p.section && sectionNames.get(p.section) })),
    });
  } catch (error) {
    if (error instanceof TemplateError)
      throw refuseField('TEMPLATE_ERROR', 'text', { error: error.message }, error.line);
    throw error;
  }
}
