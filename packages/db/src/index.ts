export {
  DATA_DIR_LOCK_FILE,
  DataDirInUseError,
  type DataDirLock,
  type LockHolder,
  type LockOptions,
  lockDataDir,
  readDataDirLock,
} from './data-dir-lock.js';
export {
  type Actor,
  type ActorDetails,
  actingAs,
  actorDetails,
  type Database,
  type Queryable,
  type Row,
} from './database.js';
export {
  listMigrations,
  type MigrateOptions,
  MigrationChangedError,
  migrate,
  pendingMigrations,
  READ_ONLY_TABLES,
} from './migrate.js';
export { MigrationsPendingError, migrateUrl, type OpenOptions, openDatabase, serverUrl } from './open.js';
export { POSTGRES_POOL_SIZE, redactUrl } from './postgres.js';
export * from './queries/account-requests.js';
export * from './queries/approvals.js';
export * from './queries/audit.js';
export * from './queries/audit-chain.js';
export * from './queries/dashboard.js';
export * from './queries/data-versions.js';
export * from './queries/derived.js';
export * from './queries/edit-outcome.js';
export * from './queries/indicators.js';
export * from './queries/ledger-count.js';
export * from './queries/ledgers.js';
export * from './queries/narratives.js';
export * from './queries/organisations.js';
export * from './queries/report-editing.js';
export * from './queries/sections.js';
export * from './queries/sessions.js';
export * from './queries/targets.js';
export * from './queries/templates.js';
export * from './queries/upsert-count.js';
export * from './queries/users.js';
export * from './queries/value-entry.js';
export * from './queries/values.js';
