import type { Figure } from '@taizhang/core';
import type { Database } from '@taizhang/db';
import { evaluateIndicators, type PeriodSelection } from './indicator-figures.js';

/** Values one section still owes for one indicator and year. */
export interface Gap {
  indicator: string;
  indicatorName: string;
  section: string;
  sectionName: string;
  year: number;
  periods: number[];
  quarterly: boolean;
  /** current: the period's own values; prior: last year's, without which growth cannot be computed. */
  role: 'current' | 'prior';
}

export interface Completeness {
  period: PeriodSelection;
  indicatorCount: number;
  gaps: Gap[];
}

function missing(figure: Figure): { year: number; periods: number[]; quarterly: boolean } | undefined {
  return !figure.ok && figure.reason.code === 'missing-periods' ? figure.reason : undefined;
}

/**
 * `taizhang check`: which values are missing for the period and which section owes them.
 * The gaps are read off the arithmetic's own reasons, so the check can never disagree
 * with what a report would be unable to compute.
 */
export async function checkCompleteness(db: Database, orgId: string, period: PeriodSelection): Promise<Completeness> {
  const figures = await evaluateIndicators(db, orgId, period);
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
  return { period, indicatorCount: figures.length, gaps };
}
