import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkDataDirLock, type DataDirLock, type LockOptions, lockDataDir } from './data-dir-lock.js';
import { type Database, type Queryable, type Row, setActor } from './database.js';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

export interface PgliteOptions {
  /** How the directory's lock names this process, and where a stale lock's clearing is reported. */
  lock?: LockOptions | undefined;
  /** The token of the lock the caller already holds on the directory (data-dir-lock.ts): checked, not taken. */
  heldLock?: string | undefined;
}

/**
 * Opens embedded PostgreSQL in `dataDir` (created when absent), or in memory when none is
 * given. A directory is locked first (data-dir-lock.ts) and unlocked when the database
 * closes: another process, or another opening in this one, is refused meanwhile.
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    if (options.heldLock !== undefined) checkDataDirLock(dataDir, options.heldLock);
    else lock = lockDataDir(dataDir, options.lock);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir === undefined ? undefined : { dataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const self = wrap(db);
  return {
    engine: 'pglite',
    location: dataDir ?? 'memory',
    query: self.query,
    exec: self.exec,
    transaction: (actor, work) =>
      db.transaction(async (tx) => {
        const q = wrap(tx);
        await setActor(q, actor);
        return work(q);
      }),
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
