import type { TemplateSummary } from '@taizhang/contract';
import { ApiError } from '../../api/client.js';

/** The template the report uses when none is named (docs/api.md, GET /api/reports/preview). */
export const DEFAULT_TEMPLATE = 'work-summary';

/**
 * The template the editor opens: the one chosen, while it is listed; else the report's
 * default template, else the first listed; undefined until the list is there (or empty).
 */
export function chosenTemplate(list: readonly TemplateSummary[] | undefined, chosen: string | undefined) {
  if (!list || list.length === 0) return undefined;
  const listed = (code: string | undefined) => list.some((t) => t.code === code);
  if (listed(chosen)) return chosen;
  return listed(DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : list[0]?.code;
}

export interface TemplateProblem {
  /** the template line, 1-based, when the server said which */
  line: number | undefined;
  message: string;
}

/** A line number written in a message: 第 12 行, line 12, 12:5. */
function lineIn(text: string): number | undefined {
  const match = /第\s*(\d+)\s*行/.exec(text) ?? /\bline\s*(\d+)/i.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * The problems of a template the server refused (422), each with its line. docs/api.md
 * says only "422 with the template line"; the line is read from `problems[].line`, from
 * `error.line`, or from the message itself, in that order.
 */
export function templateProblems(error: unknown): TemplateProblem[] {
  if (!(error instanceof ApiError)) {
    return [{ line: undefined, message: error instanceof Error ? error.message : String(error) }];
  }
  if (error.problems.length > 0) {
    return error.problems.map((p) => ({ line: p.line ?? lineIn(p.message), message: p.message }));
  }
  const rawLine = error.raw?.line;
  const line = typeof rawLine === 'number' ? rawLine : lineIn(error.message);
  const problems: TemplateProblem[] = [{ line, message: error.message }];
  for (const detail of error.details) problems.push({ line: lineIn(detail), message: detail });
  return problems;
}

/** The character offsets of a line of a text, for selecting it. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return { start: text.length, end: text.length };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end === -1 ? text.length : end };
}
