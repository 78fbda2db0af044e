/**
 * The database engines a test suite runs against: embedded PGlite always, and the
 * PostgreSQL server in DATABASE_URL when one is given. In CI (CI=true) or with
 * TAIZHANG_REQUIRE_POSTGRES=1 the server is required: its absence fails the suite
 * rather than silently testing one engine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type LedgerDef, snakeCase } from '@taizhang/core';
import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { openDatabase } from './open.js';
import { installLedgerPreset, listLedgerTypes, storedLedgerDef } from './queries/ledger-types.js';
import { upsertOrganisation } from './queries/organisations.js';
import { upsertSections } from './queries/sections.js';
import { UpsertCount } from './queries/upsert-count.js';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; closing it drops it. */
  open(): Promise<Database>;
}

export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.TAIZHANG_REQUIRE_POSTGRES === '1';
}

export function testEngines(env: NodeJS.ProcessEnv = process.env): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'pglite', open: () => openDatabase({ memory: true }) }];
  const url = env.DATABASE_URL;
  if (url) {
    engines.push({ name: 'postgres', open: () => openScratchPostgres(url) });
  } else if (postgresRequired(env)) {
    throw new Error('DATABASE_URL is required here (CI=true or TAIZHANG_REQUIRE_POSTGRES=1) but is not set');
  }
  return engines;
}

/** A database of its own on the server, so test files never see each other's rows. */
export async function createScratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `taizhang_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)),
  };
}

async function withAdmin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A scratch database for a two-role deployment (README, "PostgreSQL roles"): an owner role
 * that owns the database (and so migrates it), a runtime role with nothing but LOGIN, and
 * CREATE on schema public taken from PUBLIC as the deployment instructions say. Roles belong
 * to the whole server, so `drop` removes them with the database.
 */
export interface TwoRoleScratch {
  owner: string;
  runtime: string;
  ownerUrl: string;
  runtimeUrl: string;
  drop(): Promise<void>;
}

export async function createTwoRoleScratchPostgres(adminUrl: string): Promise<TwoRoleScratch> {
  const suffix = randomBytes(6).toString('hex');
  const name = `taizhang_test_${suffix}`;
  const owner = `taizhang_owner_${suffix}`;
  const runtime = `taizhang_app_${suffix}`;
  const password = randomBytes(12).toString('hex');
  const urlOf = (role: string, database: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  const drop = () =>
    withAdmin(adminUrl, async (admin) => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`drop role if exists ${runtime}`);
      await admin.query(`drop role if exists ${owner}`);
    });
  try {
    await withAdmin(adminUrl, async (admin) => {
      await admin.query(`create role ${owner} login password '${password}'`);
      await admin.query(`create role ${runtime} login password '${password}'`);
      await admin.query(`create database ${name} owner ${owner}`);
    });
    const adminOfScratch = new URL(adminUrl);
    adminOfScratch.pathname = `/${name}`;
    await withAdmin(adminOfScratch.toString(), (admin) => admin.query('revoke create on schema public from public'));
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { owner, runtime, ownerUrl: urlOf(owner, name), runtimeUrl: urlOf(runtime, name), drop };
}

/** A scratch database, `restore`d first when given (a dump's SQL), then opened and so migrated; closing drops it. */
export async function openScratchPostgres(adminUrl: string, restore?: string): Promise<Database> {
  const scratch = await createScratchPostgres(adminUrl);
  if (restore !== undefined) await withAdmin(scratch.url, (client) => client.query(restore));
  return closingWith(await openDatabase({ url: scratch.url }), scratch.drop);
}

/** The database, closed and then `cleanUp` run. */
function closingWith(db: Database, cleanUp: () => Promise<void>): Database {
  return {
    ...db,
    async close() {
      await db.close();
      await cleanUp();
    },
  };
}

const SNAPSHOT_TABLES = [
  'organisations',
  'sections',
  'indicators',
  'indicator_targets',
  'indicator_values',
  'narratives',
  'report_templates',
  'ledger_types',
  'ledger_imports',
  'audit_log',
  'audit_chain',
  'schema_migrations',
] as const;

/** Every row of every table, the generated ledger tables too, as text, in a stable order: two equal snapshots mean nothing changed. */
export async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const generated = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname ~ '^ledger_t[0-9]+$'
     order by c.relname`,
  );
  const result: Record<string, string[]> = {};
  for (const table of [...SNAPSHOT_TABLES, ...generated.map((g) => g.name)]) {
    const rows = await db.query<{ row: string }>(`select t::text as row from ${table} t order by 1`);
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

/** A district, its sections and the preset's ledgers, written in the caller's transaction: what a query test starts from. */
export async function seedDistrict(
  q: Queryable,
  district: { code: string; name: string },
  sections: readonly { code: string; name: string }[],
): Promise<string> {
  const id = await upsertOrganisation(q, { ...district, level: 'district' }, new UpsertCount());
  await upsertSections(q, id, sections, new UpsertCount());
  await installLedgerPreset(q, id);
  return id;
}

/**
 * The organisation's ledgers as its catalogue keeps them (the preset's among them), by code:
 * what a query test reads and writes rows through. An unknown code is a mistake in the test.
 */
export async function orgLedgerLookup(q: Queryable, orgId: string): Promise<(code: string) => LedgerDef> {
  const ledgers = new Map((await listLedgerTypes(q, orgId)).map((type) => [type.code, storedLedgerDef(type)]));
  return (code) => {
    const ledger = ledgers.get(code);
    if (ledger === undefined) throw new Error(`organisation ${orgId} has no ledger ${code}`);
    return ledger;
  };
}

/**
 * SQL a test writes in a ledger's field names, snake case (received_at), put in the columns
 * the catalogue gave them ("c2"): how a test reaches past the services to the table itself.
 */
export function inColumns(ledger: LedgerDef, sql: string): string {
  const columns = new Map(ledger.columns.map((c) => [snakeCase(c.field), `"${c.column}"`]));
  // a word after `as` names an output column, and stays as written
  return sql.replace(/(?<!\bas )\b[a-z][a-z_]*\b/g, (word) => columns.get(word) ?? word);
}

/**
 * Databases restored from a plain SQL dump (`pg_dump --inserts`) of an earlier release, then
 * opened as the app opens one, and so migrated: how a test proves an upgrade in place. Closing
 * one removes it.
 */
export function restoredEngines(dump: string, env: NodeJS.ProcessEnv = process.env): TestEngine[] {
  const engines: TestEngine[] = [
    {
      name: 'pglite',
      async open() {
        const dir = await mkdtemp(join(tmpdir(), 'taizhang-restored-'));
        const raw = new PGlite(dir);
        await raw.exec(dump);
        await raw.close();
        return closingWith(await openDatabase({ dataDir: dir }), () => rm(dir, { recursive: true, force: true }));
      },
    },
  ];
  const url = env.DATABASE_URL;
  if (url) {
    engines.push({ name: 'postgres', open: () => openScratchPostgres(url, dump) });
  } else if (postgresRequired(env)) {
    throw new Error('DATABASE_URL is required here (CI=true or TAIZHANG_REQUIRE_POSTGRES=1) but is not set');
  }
  return engines;
}

/**
 * SQL a test writes in the preset's old table and column names (`update ledger_complaints set
 * closed_at = …`), put in the generated names the organisation's catalogue gave them.
 */
export function inGenerated(ledgerOf: (code: string) => LedgerDef, sql: string): string {
  const codes = new Set([...sql.matchAll(/\bledger_([a-z_]+)\b/g)].map((m) => m[1] as string));
  let result = sql;
  for (const code of codes) {
    if (code === 'types' || code === 'presets') continue;
    const ledger = ledgerOf(code);
    result = inColumns(ledger, result.replace(new RegExp(`\\bledger_${code}\\b`, 'g'), ledger.table));
  }
  return result;
}
