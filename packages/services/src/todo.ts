import type { Todo } from '@taizhang/contract';
import type { ReportPeriod } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import { checkCompleteness } from './completeness.js';
import { periodView } from './period-view.js';

/** The completeness check (`taizhang check`) of the period, kept to `section` when given. */
export async function todoList(
  db: Database,
  org: OrganisationRow,
  period: ReportPeriod,
  section: string | null,
): Promise<Todo> {
  const result = await checkCompleteness(db, org, period);
  const mine = <T extends { section: string }>(items: readonly T[]) =>
    section === null ? [...items] : items.filter((item) => item.section === section);
  return { period: periodView(period), gaps: mine(result.gaps), missing: mine(result.report ?? []) };
}
