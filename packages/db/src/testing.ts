/**
 * The database engines a test suite runs against: embedded PGlite always, and the
 * PostgreSQL server in DATABASE_URL when one is given. In CI (CI=true) or with
 * TAIZHANG_REQUIRE_POSTGRES=1 the server is required: its absence fails the suite
 * rather than silently testing one engine.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.js';
import { openDatabase } from './open.js';

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

/** Creates a database of its own on the server, so test files never see each other's rows. */
export async function openScratchPostgres(adminUrl: string): Promise<Database> {
  const name = `taizhang_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
