import { type ErrorKind, ServiceError, UserError } from '@taizhang/services';
import { httpRefusal } from '../http/http-refusals.js';
import type { WireError } from './protocol.js';

/** How each kind of refusal answers over HTTP (docs/api.md, "Errors"). */
const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
};

/**
 * Codes of a database that cannot be reached or is not accepting work: the socket's (refused,
 * reset, timed out, unreachable) and PostgreSQL's (57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now — starting up or shutting down, 53300 too_many_connections; class
 * 08, connection_exception, is matched by its prefix).
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** node-postgres' own words for a connection that ended or could not be made in time (they carry no code). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Connection refused/i;

/**
 * Whether an error says the database is out of reach (a server restart, a network fault), as
 * opposed to a fault of the request or of the code: such a request may succeed when retried later.
 * Looks through `cause` and an AggregateError's errors (a connection tried on several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** The answer to any request that needs a database out of reach. */
export const DATABASE_DOWN: WireError = httpRefusal('DATABASE_DOWN', {});

/** PostgreSQL's integrity errors that a race between two writers can still raise after every check. */
function databaseError(error: unknown): WireError | undefined {
  if (isDatabaseUnavailable(error)) return DATABASE_DOWN;
  const code = (error as { code?: unknown }).code;
  if (code === '23505') return httpRefusal('CONFLICT', {});
  if (code === '23503' || code === '23514' || code === '23502') return httpRefusal('CONSTRAINT', {});
  return undefined;
}

/** Any error of an operation, as it crosses back to the HTTP thread. */
export function wireError(error: unknown): WireError {
  if (error instanceof ServiceError) {
    return {
      status: STATUS[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
      problems: error.problems,
      current: error.current,
    };
  }
  if (error instanceof UserError) {
    return {
      status: STATUS[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
    };
  }
  return (
    databaseError(error) ??
    httpRefusal('INTERNAL', {}, { internal: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  );
}
