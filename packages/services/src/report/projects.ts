import type { LedgerRow, ReportMilestone, ReportPeriod, ReportProject } from '@taizhang/core';
import { listLedgerRows, type Queryable } from '@taizhang/db';
import { orgLedgers } from '../ledger-catalogue.js';
import { stagedLedger } from '../ledger-roles.js';

/** No organisation keeps more key projects than this in a year's plan. */
const MOST_PROJECTS = 10_000;

/**
 * The key projects (重点项目台账, or the organisation's own ledger with a list of stages) of the
 * period's year — those whose 计划年度 is the year — in ledger order, as `project_count` and
 * `project_sentences` print them.
 */
export async function periodProjects(q: Queryable, orgId: string, period: ReportPeriod): Promise<ReportProject[]> {
  const staged = stagedLedger(await orgLedgers(q, orgId));
  if (staged === undefined) return [];
  const rows = await listLedgerRows(q, orgId, staged.ledger, { limit: MOST_PROJECTS, offset: 0 });
  const stages = staged.stages.field;
  return rows
    .filter((row) => Number(row[staged.year.field]) === period.year)
    .map((row) => reportProject({ ...row, milestones: row[stages] ?? null }));
}

function text(value: LedgerRow[string] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function reportProject(row: LedgerRow): ReportProject {
  const milestones = Array.isArray(row.milestones) ? (row.milestones as unknown as ReportMilestone[]) : [];
  const facts =
    typeof row.facts === 'object' && row.facts !== null && !Array.isArray(row.facts)
      ? (row.facts as Readonly<Record<string, string | number | boolean>>)
      : undefined;
  return {
    ref: row.ref,
    name: String(row.name),
    category: String(row.category),
    milestones: milestones.map((m) => ({
      stage: m.stage,
      status: m.status,
      plannedAt: m.plannedAt ?? undefined,
      doneAt: m.doneAt ?? undefined,
    })),
    doneSuffix: text(row.doneSuffix),
    facts,
    progressText: text(row.progressText),
    section: text(row.section),
  };
}
