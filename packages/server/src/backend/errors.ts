import { type ErrorKind, ServiceError, UserError } from '@taizhang/services';
import type { WireError } from './protocol.js';

/** How each kind of refusal answers over HTTP (docs/api.md, "Errors"). */
const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  locked: 423,
};

/** Codes of the command-line services' errors that mean something other than bad input. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  ORG_UNKNOWN: 404,
  SECTION_UNKNOWN: 404,
  LEDGER_UNKNOWN: 404,
  LEDGER_ROW_MISSING: 404,
  TEMPLATE_NONE: 404,
  // the server cannot make a PDF (LibreOffice missing, stuck or failing): not the user's doing
  PDF_NO_LIBREOFFICE: 503,
  PDF_TIMEOUT: 503,
  PDF_FAILED: 503,
};

/** PostgreSQL's integrity errors that a race between two writers can still raise after every check. */
function databaseError(error: unknown): WireError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === '23505') return { status: 409, code: 'CONFLICT', message: '数据已被他人同时修改，请刷新后重试' };
  if (code === '23503' || code === '23514' || code === '23502') {
    return { status: 422, code: 'CONSTRAINT', message: '数据不符合数据库的约束，未保存；请检查后重试' };
  }
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
      status: STATUS_BY_CODE[error.code] ?? 422,
      code: error.code,
      message: error.message,
      details: error.details,
    };
  }
  return (
    databaseError(error) ?? {
      status: 500,
      code: 'INTERNAL',
      message: '服务器内部错误，请稍后重试；如果一再出现，请联系系统管理员',
      internal: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }
  );
}
