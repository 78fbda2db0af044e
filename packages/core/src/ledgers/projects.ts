import { templateTextError } from '../report/engine.js';
import { readMoment } from './dates.js';
import type { LedgerRule } from './rules.js';

/** A project's milestone (节点) as a row keeps it in its jsonb list. */
export interface ProjectMilestone {
  stage: string;
  status: '计划' | '进行中' | '已完成';
  plannedAt?: string | undefined;
  doneAt?: string | undefined;
}

/**
 * 重点项目: every milestone's dates are real days, and a milestone has a completion day when
 * it is 已完成, and only then. A completion before the planned day is allowed (done early) but
 * flagged, since it is as often a date typed in the wrong field.
 * The shape of each item (its stage and status among the allowed, dates written as dates) is
 * the schema's.
 */
const milestoneRule: LedgerRule = (row) => {
  const milestones = row.value('milestones');
  if (!Array.isArray(milestones)) return;
  milestones.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) return;
    const milestone = item as Readonly<Record<string, unknown>>;
    const stage = String(milestone.stage);
    let datesSound = true;
    for (const [field, label] of [
      ['plannedAt', '计划完成日期'],
      ['doneAt', '完成日期'],
    ] as const) {
      const value = milestone[field];
      if (typeof value === 'string' && readMoment(value) === undefined) {
        row.reportAt(['milestones', index, field], 'impossibleDate', {
          label: `节点“${stage}”的${label}`,
          actual: value,
        });
        datesSound = false;
      }
    }
    if (!datesSound) return;
    const done = milestone.status === '已完成';
    const { plannedAt, doneAt } = milestone;
    if (done && typeof doneAt === 'string' && typeof plannedAt === 'string' && doneAt < plannedAt) {
      row.warnAt(['milestones', index, 'doneAt'], 'milestoneDoneEarly', { owner: row.owner, stage, doneAt, plannedAt });
    }
    if (done && milestone.doneAt === undefined) {
      row.reportAt(['milestones', index, 'status'], 'milestoneDoneAtMissing', { owner: row.owner, stage });
    } else if (!done && milestone.doneAt !== undefined) {
      row.reportAt(['milestones', index, 'doneAt'], 'milestoneDoneAtNotDone', {
        owner: row.owner,
        stage,
        status: String(milestone.status),
      });
    }
  });
};

/**
 * A progress text may hold template tags, rendered within the report: one that does not parse
 * is refused when written, with its line and column, instead of being found by the report.
 */
const progressTextRule: LedgerRule = (row) => {
  const text = row.text('progressText');
  if (text === undefined) return;
  const error = templateTextError(text, '', true);
  if (error) {
    row.report('progressText', 'templateText', {
      owner: row.owner,
      label: row.title('progressText'),
      error: error.message,
    });
  }
};

export const projectRules: readonly LedgerRule[] = [milestoneRule, progressTextRule];
