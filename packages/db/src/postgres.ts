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

/**
 * Connections the pool holds at most. With the one connection that listens for change notices,
 * a server process never holds more than this plus one, whatever happens to the database: a
 * restart, a refused connection or a slow network makes requests wait or fail, never the pool grow.
 */
export const POSTGRES_POOL_SIZE = 4;

/** How long opening a connection may take before it is given up (and its socket closed). */
const CONNECT_TIMEOUT_MS = 5_000;

/** Connects to a PostgreSQL server; fails fast when it cannot be reached. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    // An idle connection is closed after half a minute, so a pool sized for a burst does not hold the server's slots.
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keep-alive: a connection whose server vanished without a word is noticed and dropped.
    keepAlive: true,
  });
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
      // A connection lent out emits 'error' when the server ends it between two statements (a
      // restart); unheard, that event would end the thread. The next statement fails instead.
      const unheard = () => undefined;
      client.on('error', unheard);
      let result: Awaited<ReturnType<typeof work>>;
      try {
        await client.query('begin');
        const q = wrap(client);
        await setActor(q, actor);
        result = await work(q);
        await client.query('commit');
      } catch (error) {
        // A connection that cannot even roll back is broken (the server went away): released with
        // the error, the pool closes it instead of lending it out again.
        const broken = await client.query('rollback').then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        );
        client.off('error', unheard);
        client.release(broken as Error | undefined);
        throw error;
      }
      client.off('error', unheard);
      client.release();
      return result;
    },
    async listen(channel, onNotify, onLost) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const client = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        keepAlive: true,
      });
      // `onLost` is for a connection that was listening and ended; an attempt that fails is
      // reported by the rejection alone, so the caller schedules exactly one retry for it.
      let listening = false;
      let stopped = false;
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        await client.end().catch(() => undefined);
      };
      client.on('error', () => undefined);
      client.on('end', () => {
        listeners.delete(stop);
        if (listening && !stopped) {
          listening = false;
          onLost();
        }
      });
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`listen ${channel}`);
      } catch (error) {
        // A failed attempt leaves no client (nor socket) behind.
        await stop();
        throw error;
      }
      listening = true;
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}
