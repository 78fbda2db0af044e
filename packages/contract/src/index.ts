/**
 * The HTTP API's one contract: every route's method, path and schemas (TypeBox, so each is
 * JSON Schema and a TypeScript type at once). The server registers these schemas and reads its
 * request types off them; the services answer in these types; the web imports the types only
 * (`import type`), so none of this reaches its bundle; the OpenAPI document is generated from
 * them and docs/api.md is held to that document by a test.
 */
import type { RouteContract } from './kit.js';
import * as audit from './routes/audit.js';
import * as context from './routes/context.js';
import * as indicators from './routes/indicators.js';
import * as ledgerTypes from './routes/ledger-types.js';
import * as ledgers from './routes/ledgers.js';
import * as reports from './routes/reports.js';
import * as session from './routes/session.js';
import * as targets from './routes/targets.js';
import * as templates from './routes/templates.js';
import * as users from './routes/users.js';
import * as work from './routes/work.js';
import * as workbooks from './routes/workbooks.js';

export { type Answer, type BodyOf, type QueryOf, type RouteContract, ref } from './kit.js';
export type { AuditPage, AuditQuery, AuditTables } from './routes/audit.js';
export type { Health, OrgContext } from './routes/context.js';
export type { IndicatorList, IndicatorValueInput, IndicatorValues } from './routes/indicators.js';
export type { LedgerTypeChange, LedgerTypeInput, LedgerTypeList } from './routes/ledger-types.js';
export type { HistoryEntry, LedgerChange, LedgerPage, LedgerQuery, NewLedgerRow } from './routes/ledgers.js';
export type { ApprovalInput, ReportPreview, ReportQuery } from './routes/reports.js';
export { REPORT_FILE_FORMATS, type ReportFileFormat } from './routes/reports.js';
export type { PasswordChange, SignInInput } from './routes/session.js';
export type { TargetInput, TargetList } from './routes/targets.js';
export type { NarrativeInput, TemplatePreviewInput, TemplateSummary } from './routes/templates.js';
export type {
  AccountRequestPage,
  AccountRequestQuery,
  Approved,
  NewUser,
  SignInFailurePage,
  SignInFailureQuery,
  UserChanges,
} from './routes/users.js';
export type { Dashboard, DashboardSeries, Todo } from './routes/work.js';
export { type ImportQuery, type ImportResult, XLSX_CONTENT_TYPE } from './routes/workbooks.js';
export * from './shapes.js';

/** Every route of the API, by resource. */
export const api = {
  session,
  context,
  indicators,
  targets,
  ledgers,
  ledgerTypes,
  workbooks,
  work,
  reports,
  templates,
  users,
  audit,
} as const;

/** Every route contract, for checks that walk them all. */
export const API_ROUTES: readonly RouteContract[] = Object.values(api).flatMap((routes) =>
  Object.values(routes).filter((value): value is RouteContract => typeof value === 'object' && 'url' in value),
);
