import { type ErrorKind, UserError } from './user-error.js';

/** One problem of a submitted form, by field (and JSON Pointer path for a nested one). */
export interface FieldProblem {
  field: string;
  path?: string | undefined;
  message: string;
  /** the template line, for a template that does not compile */
  line?: number | undefined;
}

/** A refusal of a request: a UserError with, for a form, its problems by field, and for a conflict, the thing as it now is. */
export class ServiceError extends UserError {
  readonly problems: readonly FieldProblem[];
  readonly current: unknown;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    extra: { details?: readonly string[]; problems?: readonly FieldProblem[]; current?: unknown } = {},
  ) {
    super(code, message, extra.details ?? [], { kind });
    this.name = 'ServiceError';
    this.problems = extra.problems ?? [];
    this.current = extra.current;
  }
}

/** A form refused for the problems found in it, with the message naming the first. */
export function invalid(code: string, problems: readonly FieldProblem[], message?: string): ServiceError {
  return new ServiceError('invalid', code, message ?? problems[0]?.message ?? '提交的数据有误', { problems });
}
