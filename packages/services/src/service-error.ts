import { type ErrorArgs, type ErrorKind, UserError } from './user-error.js';

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
    extra: {
      details?: readonly string[];
      problems?: readonly FieldProblem[];
      current?: unknown;
      args?: ErrorArgs;
    } = {},
  ) {
    super(code, message, extra.details ?? [], { kind, ...(extra.args === undefined ? {} : { args: extra.args }) });
    this.name = 'ServiceError';
    this.problems = extra.problems ?? [];
    this.current = extra.current;
  }
}
