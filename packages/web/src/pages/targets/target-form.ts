import type { IndicatorTarget, Target, TargetInput } from '@taizhang/contract';
import type { ApiProblem } from '../../api/client.js';
import { isDecimalText } from '../../format.js';

/**
 * The target form of one indicator (目标任务): what is typed, what is sent, and the
 * problems shown beside each field. The server checks every target with the dataset's
 * rules (docs/api.md, "Targets"); the form only catches what needs no rule book — a blank
 * form, text that is not a number, a plan curve with months left empty — and places the
 * server's problems on their fields, a plan curve's on its month.
 */

export const MONTHS = 12;

export interface TargetDraft {
  amount: string;
  growth: string;
  /** twelve entries, January to December; '' where nothing is typed */
  planCurve: string[];
}

export function draftOf(target: Target | null | undefined): TargetDraft {
  const curve = target?.planCurve ?? [];
  return {
    amount: target?.amount ?? '',
    growth: target?.growth ?? '',
    planCurve: Array.from({ length: MONTHS }, (_, i) => curve[i] ?? ''),
  };
}

export function sameDraft(a: TargetDraft, b: TargetDraft): boolean {
  return (
    a.amount.trim() === b.amount.trim() &&
    a.growth.trim() === b.growth.trim() &&
    a.planCurve.every((month, i) => month.trim() === (b.planCurve[i] ?? '').trim())
  );
}

/** Whether any month of the plan curve is typed. */
export function hasCurve(draft: TargetDraft): boolean {
  return draft.planCurve.some((month) => month.trim() !== '');
}

/**
 * What the form sends: the whole target, trimmed, a blank part as null. A plan curve is
 * sent whenever one is typed, so that saving the amount of an indicator whose curve came
 * from a dataset keeps that curve.
 */
export function targetInput(draft: TargetDraft, version: number | undefined): TargetInput {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    amount: text(draft.amount),
    growth: text(draft.growth),
    planCurve: hasCurve(draft) ? draft.planCurve.map((month) => month.trim()) : null,
    ...(version === undefined ? {} : { version }),
  };
}

/** The problems of a form by where they are shown. */
export interface TargetProblems {
  /** the target as a whole: neither amount nor growth */
  form?: string | undefined;
  amount?: string | undefined;
  growth?: string | undefined;
  /** the plan curve as a whole: missing, or not twelve months */
  planCurve?: string | undefined;
  /** by month index 0–11 */
  months: (string | undefined)[];
}

export function noProblems(problems: TargetProblems): boolean {
  return (
    problems.form === undefined &&
    problems.amount === undefined &&
    problems.growth === undefined &&
    problems.planCurve === undefined &&
    problems.months.every((m) => m === undefined)
  );
}

const NOT_A_NUMBER = '请填写数字，如 36.00、-2.5（不带单位、逗号或空格）';

/** What the form can tell before asking the server. */
export function draftProblems(draft: TargetDraft, indicator: IndicatorTarget): TargetProblems {
  const problems: TargetProblems = { months: Array.from({ length: MONTHS }, () => undefined) };
  const amount = draft.amount.trim();
  const growth = draft.growth.trim();
  if (amount === '' && growth === '') problems.form = '目标任务和目标增速至少填写一项';
  if (amount !== '' && !isDecimalText(amount)) problems.amount = NOT_A_NUMBER;
  if (growth !== '' && !isDecimalText(growth)) problems.growth = NOT_A_NUMBER;
  if (growth !== '' && !indicator.yearOnYear) problems.growth = '该指标不作同比，不能设定目标增速';
  const plan = indicator.timeProgress === 'plan';
  if (plan || hasCurve(draft)) {
    draft.planCurve.forEach((month, i) => {
      const text = month.trim();
      if (text === '') problems.months[i] = `请填写 ${i + 1} 月的计划进度`;
      else if (!isDecimalText(text)) problems.months[i] = '请填写 0－100 的数字';
    });
    if (problems.months.some((m) => m !== undefined)) {
      problems.planCurve = plan
        ? '按计划进度考核的指标须填写 1－12 月的计划进度（累计完成全年目标的百分比）'
        : '计划进度须填满 1－12 月，或全部留空';
    }
  }
  return problems;
}

/** The server's problems (422) placed on the form: `/planCurve/4` on May, `''` on the whole target. */
export function serverProblems(problems: readonly ApiProblem[], fallback: string): TargetProblems {
  const placed: TargetProblems = { months: Array.from({ length: MONTHS }, () => undefined) };
  const add = (current: string | undefined, message: string) => (current ? `${current}；${message}` : message);
  for (const problem of problems) {
    const month = /^\/planCurve\/(\d+)$/.exec(problem.path ?? '')?.[1];
    if (month !== undefined && Number(month) < MONTHS) {
      placed.months[Number(month)] = add(placed.months[Number(month)], problem.message);
    } else if (problem.field === 'amount' || problem.field === 'growth' || problem.field === 'planCurve') {
      placed[problem.field] = add(placed[problem.field], problem.message);
    } else {
      placed.form = add(placed.form, problem.message);
    }
  }
  if (noProblems(placed)) placed.form = fallback;
  return placed;
}

/**
 * 按月平均: the curve of an even year (k ÷ 12 of the target by month k), to start a plan
 * curve from; one decimal, and exactly 100 in December.
 */
export function evenCurve(): string[] {
  return Array.from({ length: MONTHS }, (_, i) => {
    const tenths = Math.round(((i + 1) * 1000) / MONTHS);
    return i === MONTHS - 1 ? '100' : `${Math.floor(tenths / 10)}.${tenths % 10}`;
  });
}

/** A plan curve in a line: 3月 25％ · 6月 50％ · 9月 75％ · 12月 100％. */
export function curveSummary(curve: readonly string[] | null | undefined): string {
  if (!curve || curve.length !== MONTHS || curve.some((m) => m.trim() === '')) return '未设定';
  return [3, 6, 9, 12].map((month) => `${month}月 ${curve[month - 1]}％`).join(' · ');
}
