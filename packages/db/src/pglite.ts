import { PGlite, type Transaction } from '@electric-sql/pglite';
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

/** Opens embedded PostgreSQL in `dataDir` (created when absent), or in memory when none is given. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir === undefined ? undefined : { dataDir });
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
    close: () => db.close(),
  };
}
