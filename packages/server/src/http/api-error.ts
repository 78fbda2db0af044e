import type { WireError } from '../backend/protocol.js';

/** An answer other than success, in the shape of docs/api.md ("Errors"): status, code, Chinese message. */
export class ApiError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.wire.status;
  }

  get code(): string {
    return this.wire.code;
  }

  static of(status: number, code: string, message: string, details?: readonly string[]): ApiError {
    return new ApiError({ status, code, message, details });
  }

  /** The response body: `{ error: { code, message, details?, problems? }, current? }`. */
  body(): Record<string, unknown> {
    const { code, message, details, problems, current } = this.wire;
    const error: Record<string, unknown> = { code, message };
    if (details !== undefined && details.length > 0) error.details = details;
    if (problems !== undefined && problems.length > 0) error.problems = problems;
    return current === undefined ? { error } : { error, current };
  }
}
