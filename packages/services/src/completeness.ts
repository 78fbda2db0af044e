import type { Gap } from '@taizhang/contract';
import type { Figure, MissingFigure, ReportPeriod } from '@taizhang/core';
import { type Database, listTemplates, type OrganisationRow } from '@taizhang/db';
import { evaluateIndicators } from './indicator-figures.js';
import { defaultTemplateCode, generateReport } from './report/generate.js';

export interface Completeness {
  period: ReportPeriod;
  indicatorCount: number;
  gaps: Gap[];
  /** the markers the organisation's report would print (【待填：…】), or null when it has no template */
  report: MissingFigure[] | null;
}

function missing(figure: Figure): { year: number; periods: number[]; quarterly: boolean } | undefined {
  return !figure.ok && figure.reason.code === 'missing-periods' ? figure.reason : undefined;
}

/**
 * `taizhang check`: which values are missing for the period and which section owes them,
 * and which markers the report would still print. The gaps are read off the arithmetic's
 * own reasons, so the check can never disagree with what a report cannot compute.
 */
export async function checkCompleteness(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  templateCode?: string | undefined,
): Promise<Completeness> {
  const figures = await evaluateIndicators(db, org.id, period);
  const gaps: Gap[] = [];
  for (const { evaluation, sectionName } of figures) {
    const { indicator } = evaluation;
    const owner = {
      indicator: indicator.code,
      indicatorName: indicator.name,
      section: indicator.section,
      sectionName,
    };
    const current = missing(evaluation.ytd);
    if (current) gaps.push({ ...owner, ...current, role: 'current' });
    const prior = missing(evaluation.base);
    if (prior) gaps.push({ ...owner, ...prior, role: 'prior' });
  }
  return { period, indicatorCount: figures.length, gaps, report: await reportMarkers(db, org, period, templateCode) };
}

/**
 * The markers the report would print: of the template named, else of the one a report is
 * written from by default; when several are stored and none is the default, of all of them
 * (each marker once), since any of them may be the report asked for next.
 */
async function reportMarkers(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  templateCode: string | undefined,
): Promise<MissingFigure[] | null> {
  const templates = await listTemplates(db, org.id);
  if (templates.length === 0) return null;
  const chosen = templateCode ?? defaultTemplateCode(templates);
  const codes = chosen === undefined ? templates.map((t) => t.code) : [chosen];
  const seen = new Set<string>();
  const markers: MissingFigure[] = [];
  for (const code of codes) {
    for (const marker of (await generateReport(db, org, period, { templateCode: code })).missing) {
      if (seen.has(marker.text)) continue;
      seen.add(marker.text);
      markers.push({ ...marker, ref: markers.length });
    }
  }
  return markers;
}
