import type { Decimal } from '../arithmetic/decimal.js';
import { dec, HUNDRED, ZERO } from '../arithmetic/decimal.js';
import type { Problem, ProblemArgs, ProblemKey } from '../errors.js';
import { Findings, taintedPaths } from '../format/findings.js';
import { definitionShapeErrors } from '../format/schema.js';
import { checkShape } from '../format/shape.js';
import { LineIndex, type SourceDocument } from '../format/source.js';
import type { TimeProgressMode } from '../model.js';

/**
 * 目标任务: the rules of one target beyond its shape, shared by the dataset validator (a
 * file's `targets`) and the office's target form (one target at a time), so that both refuse
 * the same targets with the same words.
 */

/** What the rules of a target need to know of its indicator. */
export interface TargetIndicatorFacts {
  /** how messages name it: its name, or its code when the name is unusable */
  display: string;
  /** its time progress follows the target's plan curve (timeProgress: plan) */
  plan: boolean;
  /** compared with last year; false only when the indicator says so */
  yearOnYear: boolean;
}

/** How the rules read a target: only fields the shape check found sound. */
export interface TargetReader {
  clean(path: string): boolean;
  /** a sound decimal's text exactly as written */
  decimal(value: unknown, path: string): string;
}

interface TargetSink {
  at<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>): void;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * The rules of one target at `path`: a plan curve where the indicator's time progress follows
 * one (told only once the year is known, which the message names), no growth target for an
 * indicator never compared with last year, and a plan curve that makes sense.
 */
export function checkTargetRules(
  target: Fields,
  path: string,
  indicator: TargetIndicatorFacts | undefined,
  year: number | undefined,
  read: TargetReader,
  sink: TargetSink,
): void {
  if (indicator !== undefined && year !== undefined && indicator.plan && !('planCurve' in target)) {
    sink.at(path, 'planCurveMissing', { indicator: indicator.display, year });
  }
  // A growth target of an indicator never compared with last year could only be measured
  // against an implied amount from last year's values, which such an indicator does not keep.
  if (indicator !== undefined && !indicator.yearOnYear && 'growth' in target && read.clean(`${path}/growth`)) {
    sink.at(`${path}/growth`, 'growthWithoutYearOnYear', { indicator: indicator.display });
  }
  const curve = target.planCurve;
  if (Array.isArray(curve) && read.clean(`${path}/planCurve`)) {
    checkPlanCurve(
      curve.map((entry, index) => read.decimal(entry, `${path}/planCurve/${index}`)),
      `${path}/planCurve`,
      sink,
    );
  }
}

/**
 * 计划进度 is the cumulative planned share of the year's target: every month within 0–100,
 * never below the month before, and the whole target (100) planned by December.
 */
function checkPlanCurve(literals: readonly string[], path: string, sink: TargetSink): void {
  let previous: { month: number; literal: string; value: Decimal } | undefined;
  literals.forEach((literal, index) => {
    const month = index + 1;
    const value = dec(literal);
    const entryPath = `${path}/${index}`;
    if (value.lessThan(ZERO) || value.greaterThan(HUNDRED)) {
      sink.at(entryPath, 'planCurveOutOfRange', { month, literal });
      return;
    }
    if (previous !== undefined && value.lessThan(previous.value)) {
      sink.at(entryPath, 'planCurveDecreasing', {
        month,
        literal,
        previousMonth: previous.month,
        previous: previous.literal,
      });
    } else if (index === literals.length - 1 && !value.equals(HUNDRED)) {
      sink.at(entryPath, 'planCurveEnd', { literal });
    }
    previous = { month, literal, value };
  });
}

/** The indicator as the target form knows it (a stored indicator). */
export interface TargetIndicator {
  code: string;
  name: string;
  timeProgress: TimeProgressMode;
  yearOnYear: boolean;
}

/** One target as a form gives it: decimals as text; a field left out (or null) is not set. */
export interface TargetInput {
  year: number;
  amount?: string | null | undefined;
  growth?: string | null | undefined;
  planCurve?: readonly string[] | null | undefined;
}

/** Where a dataset keeps the target checked: messages then name its fields as a file's. */
const TARGET_PATH = '/targets/0';

/**
 * Every problem of one target of `indicator` on its own (the office's form): its shape as
 * the schema's `$defs/target` states it (at least one of amount and growth, plain decimals,
 * twelve plan-curve entries) and the same rules a dataset's targets obey. Paths are JSON
 * Pointers into the target: `/growth`, `/planCurve/4`; '' for the target itself.
 */
export function validateTarget(indicator: TargetIndicator, input: TargetInput): Problem[] {
  const target: Record<string, unknown> = { indicator: indicator.code, year: input.year };
  if (input.amount != null) target.amount = input.amount;
  if (input.growth != null) target.growth = input.growth;
  if (input.planCurve != null) target.planCurve = [...input.planCurve];
  const doc: SourceDocument = { value: { targets: [target] }, nodes: new Map(), duplicates: [] };
  const findings = new Findings('', new LineIndex(''));
  checkShape(doc, findings, definitionShapeErrors('target', target, TARGET_PATH));
  const tainted = taintedPaths(findings.problems.map((problem) => problem.path));
  const read: TargetReader = {
    clean: (path) => !tainted.has(path),
    decimal: (value) => String(value),
  };
  const facts = { display: indicator.name, plan: indicator.timeProgress === 'plan', yearOnYear: indicator.yearOnYear };
  checkTargetRules(target, TARGET_PATH, facts, input.year, read, findings);
  return findings.problems.map((problem) => ({ ...problem, path: problem.path.slice(TARGET_PATH.length) }));
}
