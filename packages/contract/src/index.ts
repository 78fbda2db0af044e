/**
 * The HTTP API's one contract: every route's method, path and schemas (TypeBox, so each is
 * JSON Schema and a TypeScript type at once). The server registers these schemas and reads its
 * request types off them; the services answer in these types; the web imports the types only
 * (`import type`), so none of this reaches its bundle; the OpenAPI document is generated from
 * them and docs/api.md is held to that document by a test.
 */
import type { Static } from '@sinclair/typebox';
import type { Answer, BodyOf, QueryOf, RouteContract } from './kit.js';
import * as audit from './routes/audit.js';
import * as context from './routes/context.js';
import * as indicators from './routes/indicators.js';
import * as ledgers from './routes/ledgers.js';
import * as reports from './routes/reports.js';
import * as session from './routes/session.js';
import * as targets from './routes/targets.js';
import * as templates from './routes/templates.js';
import * as users from './routes/users.js';
import * as work from './routes/work.js';

export { type Answer, type BodyOf, type QueryOf, type RouteContract, ref } from './kit.js';
export { REPORT_FILE_FORMATS, type ReportFileFormat } from './routes/reports.js';
export * from './shapes.js';

/** Every route of the API, by resource. */
export const api = { session, context, indicators, targets, ledgers, work, reports, templates, users, audit } as const;

/** Every route contract, for checks that walk them all. */
export const API_ROUTES: readonly RouteContract[] = Object.values(api).flatMap((routes) =>
  Object.values(routes).filter((value): value is RouteContract => typeof value === 'object' && 'url' in value),
);

// The answers and requests the web app names.
export type OrgContext = Answer<typeof context.context>;
export type Health = Answer<typeof context.health>;
export type IndicatorList = Answer<typeof indicators.indicators>;
export type IndicatorValues = Answer<typeof indicators.indicatorValues>;
export type IndicatorValueInput = BodyOf<typeof indicators.enterValue>;
export type TargetList = Answer<typeof targets.targets>;
export type TargetInput = BodyOf<typeof targets.saveTarget>;
export type LedgerPage = Answer<typeof ledgers.ledgerRows>;
export type LedgerQuery = QueryOf<typeof ledgers.ledgerRows>;
export type HistoryEntry = Answer<typeof ledgers.ledgerHistory>[number];
export type NewLedgerRow = BodyOf<typeof ledgers.createLedgerRow>;
export type LedgerChange = BodyOf<typeof ledgers.changeLedgerRow>;
export type Todo = Answer<typeof work.todo>;
export type Dashboard = Answer<typeof work.dashboard>;
export type DashboardSeries = Dashboard['series'][number];
export type ReportPreview = Static<typeof reports.ReportPreview>;
export type ReportQuery = QueryOf<typeof reports.reportDownload>;
export type ApprovalInput = BodyOf<typeof reports.approveReport>;
export type TemplateSummary = Answer<typeof templates.templates>[number];
export type TemplatePreviewInput = BodyOf<typeof templates.previewTemplate>;
export type NarrativeInput = BodyOf<typeof templates.saveNarrative>;
export type AuditPage = Answer<typeof audit.audit>;
export type AuditQuery = QueryOf<typeof audit.audit>;
export type NewUser = BodyOf<typeof users.createUser>;
export type UserChanges = BodyOf<typeof users.changeUser>;
export type AccountRequestPage = Answer<typeof users.accountRequests>;
export type AccountRequestQuery = QueryOf<typeof users.accountRequests>;
export type Approved = Answer<typeof users.approveAccountRequest>;
export type SignInFailurePage = Answer<typeof users.signInFailures>;
export type SignInFailureQuery = QueryOf<typeof users.signInFailures>;
export type SignInInput = BodyOf<typeof session.signIn>;
export type PasswordChange = BodyOf<typeof session.changePassword>;
