import type { LockOptions } from './data-dir-lock.js';
import type { Database, Queryable } from './database.js';
import { migrate, pendingMigrations } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres, redactUrl } from './postgres.js';

export interface OpenOptions {
  /** PGlite data directory; ignored when a server URL is given. */
  dataDir?: string | undefined;
  /** postgres://… of a server to use instead of PGlite (see `serverUrl` for the DATABASE_URL convention). */
  url?: string | undefined;
  /**
   * postgres://… of the role that owns the schema (TAIZHANG_MIGRATE_URL, see `migrateUrl`),
   * used only to migrate: the migrations run through it, which then grants `url`'s role — the
   * runtime role — what it may do. Without it, `url`'s role migrates the schema itself when it
   * may (it owns it, or the database is empty and it may create tables), and otherwise refuses
   * to open a schema that has migrations pending.
   */
  migrateUrl?: string | undefined;
  /** In-memory PGlite (tests, dry runs). */
  memory?: boolean | undefined;
  /**
   * How the data directory's lock (data-dir-lock.ts) names this process to anyone refused,
   * and where clearing a stale lock is reported. A directory is always locked before it is
   * opened: two processes on one PGlite directory lose each other's changes.
   */
  lock?: LockOptions | undefined;
  /** The token of the lock the caller already holds on `dataDir` (a worker opening for the thread that took it). */
  heldLock?: string | undefined;
}

/** The server URL in force: the option, else DATABASE_URL, else none (embedded PGlite). Shells call this once; `openDatabase` itself never reads the environment. */
export function serverUrl(options: OpenOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = options.url ?? env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** The owner's URL to migrate through: the option, else TAIZHANG_MIGRATE_URL, else none. */
export function migrateUrl(options: OpenOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = options.migrateUrl ?? env.TAIZHANG_MIGRATE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** A few names in full, a long list by its ends. */
function listed(names: readonly string[]): string {
  return names.length <= 3 ? names.join('、') : `${names[0]} 至 ${names.at(-1)}`;
}

/** The schema is behind and the role at hand may not bring it up to date. */
export class MigrationsPendingError extends Error {
  constructor(
    readonly role: string,
    readonly pending: readonly string[],
  ) {
    super(
      `数据库结构需要升级（尚有 ${pending.length} 个迁移未执行：${listed(pending)}），` +
        `但当前连接的数据库角色 ${role} 不是表的所有者，无权执行迁移；` +
        '请将 TAIZHANG_MIGRATE_URL 设为所有者角色的连接地址后重试（见 README「PostgreSQL roles」）',
    );
  }
}

/** Opens the database the options name and brings its schema up to date. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const url = options.memory ? undefined : options.url;
  const db = url
    ? await openPostgres(url)
    : await openPglite(options.memory ? undefined : (options.dataDir ?? './data'), {
        lock: options.lock,
        heldLock: options.heldLock,
      });
  try {
    if (db.engine === 'pglite') await migrate(db);
    else if (options.migrateUrl !== undefined && options.migrateUrl !== url)
      await migrateAsOwner(db, options.migrateUrl);
    else await migrateIfAllowed(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function currentRole(q: Queryable): Promise<string> {
  const [row] = await q.query<{ role: string }>('select current_user as role');
  return row?.role ?? '';
}

/** Migrates through the owner's connection, granting the runtime role (`db`'s) its rights. */
async function migrateAsOwner(db: Database, ownerUrl: string): Promise<void> {
  const runtime = await currentRole(db);
  let owner: Database;
  try {
    owner = await openPostgres(ownerUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`无法以所有者角色连接数据库（TAIZHANG_MIGRATE_URL，${redactUrl(ownerUrl)}）：${reason}`);
  }
  try {
    const ownerRole = await currentRole(owner);
    await migrate(owner, { grantTo: runtime === ownerRole ? undefined : runtime });
  } finally {
    await owner.close();
  }
}

/**
 * One role for everything (a development server, the tests): it migrates, as it always has.
 * The runtime role of a two-role deployment started without TAIZHANG_MIGRATE_URL cannot, and
 * must not try: it opens an up-to-date schema, and refuses one that is behind.
 */
async function migrateIfAllowed(db: Database): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return;
  const [may] = await db.query<{ allowed: boolean; role: string }>(
    `select current_user as role, case
       when to_regclass('schema_migrations') is null then has_schema_privilege(current_schema(), 'CREATE')
       else pg_has_role(current_user, (select relowner from pg_class where oid = to_regclass('schema_migrations')), 'USAGE')
     end as allowed`,
  );
  if (!may?.allowed) throw new MigrationsPendingError(may?.role ?? '', pending);
  await migrate(db);
}
