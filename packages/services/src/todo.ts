import type { MissingFigure, ReportPeriod } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import { checkCompleteness, type Gap } from './completeness.js';
import { type PeriodView, periodView } from './period-view.js';

/** 待办: what is still owed for a period — by the caller's section when they have one. */
export interface TodoView {
  period: PeriodView;
  gaps: Gap[];
  /** the report's 【待填】 markers */
  missing: MissingFigure[];
}

/** The completeness check (`taizhang check`) of the period, kept to `section` when given. */
export async function todoList(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  section: string | null,
): Promise<TodoView> {
  const result = await checkCompleteness(db, org, period);
  const mine = <T extends { section: string }>(items: readonly T[]) =>
    section === null ? [...items] : items.filter((item) => item.section === section);
  return { period: periodView(period), gaps: mine(result.gaps), missing: mine(result.report ?? []) };
}
