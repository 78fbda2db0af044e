/**
 * What the shells (server, command line) use of the services: each use case and the refusals
 * they raise, and every request and answer type. Helpers not named here are the services' own.
 */
export type { Caller, SessionUser } from './accounts/caller.js';
export {
  changeOwnPassword,
  findSession,
  type LiveSession,
  recordThrottledSignIn,
  type SignedIn,
  type SignInRequest,
  type SignInResult,
  signIn,
  signOut,
} from './accounts/sessions.js';
export {
  type AccountChangeOutcome,
  type AccountChanges,
  type AccountRequestView,
  accountRequests,
  approveAccountRequest,
  changeAccount,
  createAccount,
  listAccounts,
  type NewAccount,
  type RequestQuery,
  rejectAccountRequest,
  type SignInFailureView,
  signInFailures,
  type UserAccount,
  unlockAccount,
  withdrawAccountRequest,
} from './accounts/users.js';
export { type ApprovalView, approvalList, approveReport } from './approvals.js';
export {
  type AuditBreakView,
  type AuditChainView,
  type AuditQuery,
  type AuditRowView,
  type AuditVerification,
  auditCsv,
  auditPage,
  ledgerRowHistory,
  type RowChange,
  verifyAuditTrail,
} from './audit.js';
export { type Completeness, checkCompleteness, type Gap } from './completeness.js';
export { type ContextView, organisationContext } from './context.js';
export { type DashboardView, dashboard } from './dashboard.js';
export { recreateDemo } from './demo.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.js';
export { type DerivedSeries, derivedSeries, type LedgerRowsRef } from './derived-values.js';
export { figuresView, type IndicatorFiguresView } from './figures-view.js';
export { choosePeriod, evaluateIndicators, type IndicatorFigures } from './indicator-figures.js';
export { type LedgerFieldInfo, type LedgerInfo, ledgerCatalogue } from './ledger-catalogue.js';
export {
  changeLedgerRow,
  createLedgerRow,
  type LedgerRowView,
  ledgerPage,
  ledgerRowOf,
  type NewLedgerRow,
  sectionNames,
} from './ledger-entry.js';
export {
  addLedgerRow,
  DEFAULT_LEDGER_LIMIT,
  type LedgerInput,
  type LedgerListRequest,
  LedgerVersionConflict,
  type LedgerWrite,
  ledgerCode,
  listLedger,
  readLedgerInputFile,
  showLedgerRow,
  updateLedger,
} from './ledgers.js';
export { type LoadReport, type LoadSummary, loadDatasetFile, writeDataset } from './load-dataset.js';
export { resolveOrganisation } from './organisation.js';
export { type PeriodView, periodView } from './period-view.js';
export { generateReport, type ReportOptions } from './report/generate.js';
export { convertDocxToPdf, type PdfOptions } from './report/pdf.js';
export { periodRankings } from './report/rankings.js';
export { assertComplete } from './report/strict.js';
export {
  type NarrativeEdit,
  type NarrativeView,
  narrativeList,
  reportFromText,
  saveNarrative,
  saveTemplate,
  type TemplateView,
  templateList,
  templateView,
} from './report-editing.js';
export { type FieldProblem, ServiceError } from './service-error.js';
export type { CurrentVersion } from './stale-version.js';
export {
  type IndicatorTargetView,
  saveTarget,
  type TargetRequest,
  type TargetView,
  targetList,
} from './target-entry.js';
export { type TodoView, todoList } from './todo.js';
export { type ErrorArgs, type ErrorKind, UserError } from './user-error.js';
export { enterValue, type IndicatorValues, indicatorValues, type ValueInput, type ValueView } from './value-entry.js';
