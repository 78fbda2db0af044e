import type { IndicatorTarget, Target } from '@taizhang/contract';
import { type Problem, validateTarget } from '@taizhang/core';
import { type Database, listIndicators, listStoredTargets, writeTarget } from '@taizhang/db';
import type { Caller } from './accounts/caller.js';
import { findIndicator } from './find-indicator.js';
import { refuseForm } from './refusals.js';
import { saveAtVersion } from './save-at-version.js';
import type { FieldProblem } from './service-error.js';

/**
 * 目标任务: the office sets each indicator's annual target from a form, checked by the same
 * rules as a dataset's targets (core `validateTarget`) and written at the version read.
 */

/** Every indicator of the organisation, in order, each with its target for `year` or null. */
export async function targetList(
  db: Database,
  orgId: string,
  year: number,
): Promise<{ year: number; indicators: IndicatorTarget[] }> {
  const [indicators, targets] = await Promise.all([listIndicators(db, orgId), listStoredTargets(db, orgId, year)]);
  const byCode = new Map(targets.map((t) => [t.indicator, t]));
  return {
    year,
    indicators: indicators.map((i) => {
      const target = byCode.get(i.code);
      return {
        code: i.code,
        name: i.name,
        unit: i.unit,
        decimals: i.decimals,
        section: { code: i.section, name: i.sectionName },
        kind: i.kind,
        frequency: i.frequency,
        timeProgress: i.timeProgress,
        yearOnYear: i.yearOnYear,
        derived: i.derive !== undefined,
        target: target ?? null,
      };
    }),
  };
}

export interface TargetRequest {
  code: string;
  year: number;
  /** the annual amount in the indicator's unit; null or absent: none */
  amount?: string | null | undefined;
  /** the annual growth target in ％; null or absent: none */
  growth?: string | null | undefined;
  /** 计划进度: 12 cumulative shares (％), January to December; null or absent: none */
  planCurve?: string[] | null | undefined;
  /** the version read; absent (or 0) for a target the indicator does not have yet */
  version?: number | undefined;
}

/**
 * A problem of the target by the form field it belongs to: `/planCurve/4` is the plan
 * curve's; a missing plan curve is the plan curve's too; what concerns the target as a
 * whole (neither amount nor growth) has the field ''.
 */
function fieldProblem(problem: Problem): FieldProblem {
  const field = problem.code === 'DATASET_PLAN_CURVE_MISSING' ? 'planCurve' : (problem.path.split('/')[1] ?? '').trim();
  return { field, path: problem.path, message: problem.message };
}

/**
 * Sets an indicator's target for a year: the whole target as given (a part left out is
 * none), checked as a dataset target is, written in one audited transaction at the version
 * read — 409 with the target as it now is when someone changed it meanwhile.
 */
export async function saveTarget(db: Database, caller: Caller, request: TargetRequest): Promise<Target> {
  const indicator = await findIndicator(db, caller.orgId, request.code);
  const problems = validateTarget(indicator, request).map(fieldProblem);
  if (problems.length > 0) throw refuseForm('TARGET_INVALID', problems, {});
  const entry = {
    indicator: indicator.code,
    year: request.year,
    amount: request.amount ?? null,
    growth: request.growth ?? null,
    planCurve: request.planCurve ?? null,
  };
  return saveAtVersion(db, caller, request.version, (tx, version) => writeTarget(tx, caller.orgId, entry, version), {
    code: 'TARGET_STALE_VERSION',
    subject: `${indicator.name}${request.year}年的目标`,
    view: (target) => target,
  });
}
