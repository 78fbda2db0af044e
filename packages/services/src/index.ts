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
  unlockAccount,
  withdrawAccountRequest,
} from './accounts/users.js';
export { approvalList, approveReport } from './approvals.js';
export {
  type AuditBreakView,
  type AuditChainView,
  type AuditQuery,
  type AuditVerification,
  auditCsv,
  auditPage,
  auditTables,
  ledgerRowHistory,
  type RowChange,
  verifyAuditTrail,
} from './audit.js';
export { type Completeness, checkCompleteness } from './completeness.js';
export { organisationContext } from './context.js';
export { dashboard } from './dashboard.js';
export { recreateDemo } from './demo.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.js';
export { type DerivedSeries, derivedSeries, type LedgerRowsRef } from './derived-values.js';
export { exportLedgerWorkbook, type LedgerExportRequest, ledgerWorkbookName } from './excel/ledger-export.js';
export {
  commitLedgerImport,
  type HeaderView,
  importRejected,
  type LedgerImportPreview,
  type LedgerImportRequest,
  type LedgerImportResult,
  previewLedgerImport,
  sheetProblemLine,
} from './excel/ledger-import.js';
export { importWorkbook, ledgerWorkbookFile, previewWorkbook, type WorkbookUpload } from './excel/workbook-entry.js';
export { DEFAULT_WORKBOOK_LIMITS, type WorkbookLimits } from './excel/zip-guard.js';
export { figuresView } from './figures-view.js';
export { choosePeriod, type EvaluatedIndicator, evaluateIndicators } from './indicator-figures.js';
export { findLedger, ledgerCatalogue, orgLedgers } from './ledger-catalogue.js';
export {
  changeLedgerRow,
  createLedgerRow,
  ledgerPage,
  ledgerRowOf,
  type NewLedgerRow,
  sectionNames,
} from './ledger-entry.js';
export { changeLedgerType, createLedgerType, ledgerTypeList } from './ledger-types.js';
export {
  addLedgerRow,
  beijingTime,
  DEFAULT_LEDGER_LIMIT,
  type LedgerInput,
  type LedgerListRequest,
  LedgerVersionConflict,
  type LedgerWrite,
  listLedger,
  readLedgerInputFile,
  showLedgerRow,
  updateLedger,
} from './ledgers.js';
export { type LoadReport, type LoadSummary, loadDatasetFile, writeDataset } from './load-dataset.js';
export { resolveOrganisation } from './organisation.js';
export { periodView } from './period-view.js';
export { REFUSALS, type RefusalCode, refuse } from './refusals.js';
export { generateReport, type ReportOptions } from './report/generate.js';
export { convertDocxToPdf, type PdfOptions } from './report/pdf.js';
export { periodRankings } from './report/rankings.js';
export { assertComplete } from './report/strict.js';
export {
  narrativeList,
  reportFromText,
  saveNarrative,
  saveTemplate,
  templateList,
  templateView,
} from './report-editing.js';
export { type FieldProblem, ServiceError } from './service-error.js';
export {
  saveTarget,
  type TargetRequest,
  targetList,
} from './target-entry.js';
export { todoList } from './todo.js';
export { type ErrorArgs, type ErrorKind, UserError } from './user-error.js';
export { enterValue, indicatorValues, type ValueInput } from './value-entry.js';
