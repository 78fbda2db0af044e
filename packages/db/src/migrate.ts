import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database.js';

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

/**
 * Applies the migrations not yet applied, all in one transaction, so a database is never
 * left half-migrated. Idempotent: opening an up-to-date database applies nothing. A
 * migration edited after it was applied is refused: committed SQL is history, not a draft.
 */
export async function migrate(db: Database): Promise<string[]> {
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
    return newlyApplied;
  });
}
