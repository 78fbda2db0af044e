import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface OpenOptions {
  /** PGlite data directory; ignored when a server URL is given. */
  dataDir?: string | undefined;
  /** postgres://… of a server to use instead of PGlite (see `serverUrl` for the DATABASE_URL convention). */
  url?: string | undefined;
  /** In-memory PGlite (tests, dry runs). */
  memory?: boolean | undefined;
}

/** The server URL in force: the option, else DATABASE_URL, else none (embedded PGlite). Shells call this once; `openDatabase` itself never reads the environment. */
export function serverUrl(options: OpenOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = options.url ?? env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** Opens the database the options name and brings its schema up to date. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const url = options.memory ? undefined : options.url;
  const db = url
    ? await openPostgres(url)
    : await openPglite(options.memory ? undefined : (options.dataDir ?? './data'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
