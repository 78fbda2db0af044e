/**
 * What the services and shells use of the database: opening it, its lock, the queries they
 * call, their row types, and the errors a caller may need to tell apart. SQL stays in here.
 */
export {
  DATA_DIR_LOCK_FILE,
  DataDirInUseError,
  type DataDirLock,
  type LockHolder,
  type LockOptions,
  lockDataDir,
  readDataDirLock,
} from './data-dir-lock.js';
export { type Actor, type ActorDetails, actingAs, type Database, type Queryable, type Row } from './database.js';
export { type MigrateOptions, type Migration, MigrationChangedError } from './migrate.js';
export { MigrationsPendingError, migrateUrl, type OpenOptions, openDatabase, serverUrl } from './open.js';
export type { PgliteOptions } from './pglite.js';
export { POSTGRES_POOL_SIZE, redactUrl } from './postgres.js';
export {
  type AccountRequestRow,
  type AccountRequestStatus,
  type Decision,
  decideAccountRequest,
  findAccountRequest,
  findPendingAccountRequest,
  findRequestPassword,
  insertAccountRequest,
  listAccountRequests,
  type NewAccountRequest,
  type RequestedFields,
} from './queries/account-requests.js';
export { type ApprovalRow, insertApproval, listApprovals, type NewApproval } from './queries/approvals.js';
export { type AuditFilter, type AuditRow, auditBatch, listAudit, rowHistory } from './queries/audit.js';
export {
  type AuditBreak,
  type AuditChainCheck,
  type AuditChainHead,
  type AuditFault,
  checkAuditChains,
} from './queries/audit-chain.js';
export { type ArrivalsSource, arrivalsByMonth, rowsByStage, type StagesSource } from './queries/dashboard.js';
export { dataVersion } from './queries/data-versions.js';
export {
  type DatedState,
  type DerivedAggregate,
  type DerivedQuery,
  type DerivedRange,
  type DerivedRows,
  type DerivedSource,
  type DerivedValue,
  derivedFlows,
  derivedFlowsAndRows,
  derivedLevels,
  derivedLevelsAndRows,
  derivedRowRefs,
  latestOpen,
  ledgerRanking,
} from './queries/derived.js';
export type { EditOutcome, WriteOutcome } from './queries/edit-outcome.js';
export { type IndicatorRow, listIndicators, upsertIndicators } from './queries/indicators.js';
export { type LedgerImportRecord, recordLedgerImport } from './queries/ledger-imports.js';
export {
  findLedgerType,
  insertLedgerType,
  installLedgerPreset,
  LedgerTypeExistsError,
  listLedgerTypes,
  StaleLedgerTypeError,
  type StoredLedgerType,
  storedLedgerDef,
  updateLedgerType,
} from './queries/ledger-types.js';
export {
  countLedgerRows,
  getLedgerRow,
  insertLedgerRow,
  type LedgerFilter,
  type LedgerListOptions,
  LedgerRefExistsError,
  LedgerRowNotFoundError,
  LedgerSectionNotFoundError,
  ledgerOrderFields,
  ledgerRefsLike,
  ledgerRowBatches,
  ledgerRowsByRef,
  listLedgerRows,
  lockLedgerForImport,
  StaleVersionError,
  type StoredLedgerRow,
  updateLedgerRow,
  upsertLedgerRows,
} from './queries/ledgers.js';
export { listNarratives, type NarrativeRow, upsertNarratives } from './queries/narratives.js';
export {
  deleteOrganisation,
  findOrganisation,
  listOrganisations,
  type OrganisationRow,
  upsertOrganisation,
} from './queries/organisations.js';
export {
  findNarrative,
  insertNarrative,
  type NewNarrative,
  updateNarrativeText,
  updateTemplateText,
} from './queries/report-editing.js';
export { listSections, type SectionRow, upsertSections } from './queries/sections.js';
export {
  deleteEndedSessions,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findSignInAccount,
  insertSession,
  insertSignInFailure,
  listSignInFailures,
  type NewSession,
  rememberSignInAddress,
  type SessionLookup,
  type SignInAccount,
  type SignInFailure,
  type SignInFailureReason,
  type SignInFailureRow,
} from './queries/sessions.js';
export {
  listStoredTargets,
  listTargets,
  type StoredTarget,
  type TargetEntry,
  upsertTargets,
  writeTarget,
} from './queries/targets.js';
export { findTemplate, listTemplates, type TemplateRow, upsertTemplates } from './queries/templates.js';
export { UpsertCount } from './queries/upsert-count.js';
export {
  countActiveAdmins,
  findPasswordHash,
  findUserById,
  findUserByName,
  insertUser,
  listUsers,
  type NewUser,
  recordFailedLogin,
  recordLogin,
  type SelectedUser,
  setPasswordHash,
  type UserChanges,
  type UserRole,
  type UserRow,
  unlockUser,
  updateUser,
} from './queries/users.js';
export { enterIndicatorValue, listIndicatorValues, type ValueEntry } from './queries/value-entry.js';
export { listValues, type SelectedValue, type StoredValue, upsertValues } from './queries/values.js';
