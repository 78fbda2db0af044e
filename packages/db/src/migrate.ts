import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Database, Queryable } from './database.js';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

/** Any fixed number: every process opening the same database serialises its migrations on it. */
const MIGRATION_LOCK = 7_455_001;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

/** The committed migrations, in order of their file names (0001_…, 0002_…). */
export async function listMigrations(): Promise<Migration[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
      return { version: name.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export class MigrationChangedError extends Error {
  constructor(readonly version: string) {
    super(`migration ${version} was changed after it was applied`);
  }
}

export interface MigrateOptions {
  /**
   * The runtime role (PostgreSQL only): after migrating, it is granted what the application
   * needs on every table of the schema — those of later migrations too —, and on the audit
   * trail, its chain heads and the migration record no more than SELECT.
   */
  grantTo?: string | undefined;
}

/** Tables the runtime role may read but never write: the trail is written by the audit triggers alone (0012), the preset by migrations (0015). */
export const READ_ONLY_TABLES = ['audit_log', 'audit_chain', 'schema_migrations', 'ledger_presets'] as const;

/**
 * Applies the migrations not yet applied, all in one transaction, so a database is never
 * left half-migrated. Idempotent: opening an up-to-date database applies nothing. A
 * migration edited after it was applied is refused: committed SQL is history, not a draft.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = await listMigrations();
  return db.transaction('system:migrate', async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      version text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Map(
      (await tx.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).map(
        (row) => [row.version, row.checksum],
      ),
    );
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new MigrationChangedError(migration.version);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, checksum) values ($1, $2)', [
        migration.version,
        migration.checksum,
      ]);
      newlyApplied.push(migration.version);
    }
    // Under the migration lock: concurrent GRANTs on one table would fail each other.
    if (options.grantTo !== undefined) await grantRuntime(tx, options.grantTo);
    return newlyApplied;
  });
}

/** A role name as an SQL identifier. */
function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The runtime role's rights, restated after every migration so the tables of new migrations
 * are covered without a migration having to know the role: read and write on every table of
 * the schema, SELECT only on READ_ONLY_TABLES (any other right on them an administrator may
 * have granted by hand is taken back), and nothing more — no TRUNCATE, no ownership, so no
 * ALTER TABLE and no disabling of triggers.
 */
async function grantRuntime(tx: Queryable, role: string): Promise<void> {
  const who = identifier(role);
  const [schema] = await tx.query<{ name: string }>('select current_schema() as name');
  if (schema === undefined) throw new Error('no current schema to grant on');
  const tables = await tx.query<{ name: string }>(
    `select c.relname as name from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
     order by 1`,
  );
  const readOnly = new Set<string>(READ_ONLY_TABLES);
  const writable = tables.map((t) => t.name).filter((name) => !readOnly.has(name));
  const list = (names: readonly string[]) => names.map(identifier).join(', ');
  await tx.exec(`grant usage on schema ${identifier(schema.name)} to ${who}`);
  if (writable.length > 0) {
    await tx.exec(`grant select, insert, update, delete on table ${list(writable)} to ${who}`);
    await tx.exec(`revoke truncate, references, trigger on table ${list(writable)} from ${who}`);
  }
  await tx.exec(`grant select on table ${list(READ_ONLY_TABLES)} to ${who}`);
  await tx.exec(
    `revoke insert, update, delete, truncate, references, trigger on table ${list(READ_ONLY_TABLES)} from ${who}`,
  );
}

/**
 * What `migrate` would apply, read without writing or locking anything: a role that may not
 * migrate (the runtime role) uses it to refuse to start on a schema that is behind.
 */
export async function pendingMigrations(db: Queryable): Promise<string[]> {
  const migrations = await listMigrations();
  const [exists] = await db.query<{ present: boolean }>(
    `select to_regclass('schema_migrations') is not null as present`,
  );
  if (!exists?.present) return migrations.map((m) => m.version);
  const applied = new Map(
    (await db.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).map(
      (row) => [row.version, row.checksum],
    ),
  );
  const pending: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum === undefined) pending.push(migration.version);
    else if (checksum !== migration.checksum) throw new MigrationChangedError(migration.version);
  }
  return pending;
}
