export {
  type Actor,
  type ActorDetails,
  actingAs,
  actorDetails,
  type Database,
  type Queryable,
  type Row,
} from './database.js';
export { listMigrations, MigrationChangedError, migrate } from './migrate.js';
export { type OpenOptions, openDatabase, serverUrl } from './open.js';
export { redactUrl } from './postgres.js';
export * from './queries/approvals.js';
export * from './queries/audit.js';
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
