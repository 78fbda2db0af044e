import pg from 'pg';
import { type Database, type Queryable, type Row, setActor } from './database.js';

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      // Without parameters node-postgres sends a simple query, which may hold several statements.
      await target.query(sql);
    },
  };
}

/** The URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Connects to a PostgreSQL server; fails fast when it cannot be reached. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle connection closed by the server (a restart, an administrator, a dropped test
  // database) must not crash the process: the pool discards it and opens another when needed.
  pool.on('error', () => undefined);
  // Surface an unreachable server now, not at the first query.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw error;
  });
  probe.release();
  const self = wrap(pool);
  const listeners = new Set<() => Promise<void>>();
  return {
    engine: 'postgres',
    location: redactUrl(url),
    query: self.query,
    exec: self.exec,
    async transaction(actor, work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const q = wrap(client);
        await setActor(q, actor);
        const result = await work(q);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify, onLost) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      let stopped = false;
      client.on('error', () => undefined);
      client.on('end', () => {
        if (!stopped) onLost();
      });
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.connect();
      await client.query(`listen ${channel}`);
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        await client.end().catch(() => undefined);
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}
