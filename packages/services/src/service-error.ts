import { UserError } from './user-error.js';

/**
 * What kind of refusal a service error is, so that any shell can answer it properly (the
 * HTTP server maps each kind to its status: docs/api.md, "Errors"); the command line
 * prints the message either way.
 */
export type ErrorKind =
  /** the input breaks a rule (422), `problems` says where */
  | 'invalid'
  /** not signed in, or the credentials are wrong (401) */
  | 'unauthenticated'
  /** signed in but not allowed (403) */
  | 'forbidden'
  /** no such thing, or one the caller may not see (404) */
  | 'not-found'
  /** based on a stale version, or taken already (409); `current` is the thing as it now is */
  | 'conflict';

/** One problem of a submitted form, by field (and JSON Pointer path for a nested one). */
export interface FieldProblem {
  field: string;
  path?: string | undefined;
  message: string;
  /** the template line, for a template that does not compile */
  line?: number | undefined;
}

export class ServiceError extends UserError {
  readonly problems: readonly FieldProblem[];
  readonly current: unknown;

  constructor(
    readonly kind: ErrorKind,
    code: string,
    message: string,
    extra: { details?: readonly string[]; problems?: readonly FieldProblem[]; current?: unknown } = {},
  ) {
    super(code, message, extra.details ?? []);
    this.name = 'ServiceError';
    this.problems = extra.problems ?? [];
    this.current = extra.current;
  }
}

/** A form refused for the problems found in it, with the message naming the first. */
export function invalid(code: string, problems: readonly FieldProblem[], message?: string): ServiceError {
  return new ServiceError('invalid', code, message ?? problems[0]?.message ?? '提交的数据有误', { problems });
}
