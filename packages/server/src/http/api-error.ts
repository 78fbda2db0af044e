import type { WireError } from '../backend/protocol.js';
import { type HttpRefusalCode, httpRefusal } from './http-refusals.js';

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

  /** A refusal of the server's own catalogue (http-refusals.ts). */
  static of<C extends HttpRefusalCode>(...refusal: Parameters<typeof httpRefusal<C>>): ApiError {
    return new ApiError(httpRefusal(...refusal));
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
