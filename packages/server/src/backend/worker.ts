/**
 * The backend worker: owns the database (PGlite answers one query at a time on the thread
 * that runs it) and does every piece of database and report work off the HTTP thread.
 * Started by backend.ts from the compiled file (dist/backend/worker.js), in tests too.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type Database, openDatabase } from '@taizhang/db';
import { type OperationName, operations } from '../features/operations.js';
import { isDatabaseUnavailable, wireError } from './errors.js';
import type { DatabaseLocation, DatabaseState, FromWorker, ToWorker } from './protocol.js';
import { CACHED_OPERATIONS, ReadCache, VERSION_NEUTRAL_OPERATIONS } from './read-cache.js';

/** Byte arrays in a result (a report file) move to the HTTP thread instead of being copied. */
function transferables(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((v) =>
    v instanceof Uint8Array &&
    v.buffer instanceof ArrayBuffer &&
    v.byteOffset === 0 &&
    v.byteLength === v.buffer.byteLength
      ? [v.buffer]
      : [],
  );
}

/**
 * Whether the database answers, as its queries find it (`watched`): the HTTP thread is told
 * once when it is found out of reach (its health check then answers 503) and once when it
 * answers again, and on its return the change listener is asked to start again at once.
 */
class DatabaseWatch {
  private state: DatabaseState = 'up';
  /**
   * Raised at each change of state. A statement's outcome counts only if no change came
   * between its start and its end: one begun before the database went away may still succeed
   * after others found it gone, and one begun before it came back may still fail after — such
   * stragglers would make the state flap.
   */
  private epoch = 0;
  onBack: () => void = () => undefined;

  constructor(private readonly port: MessagePort) {}

  /** The mark a statement takes as it starts, for `saw`. */
  get mark(): number {
    return this.epoch;
  }

  /** What a statement or a transaction started at `mark` came to: a success, or its error. */
  saw(mark: number, outcome: { ok: true } | { ok: false; error: unknown }): void {
    if (mark !== this.epoch) return;
    if (outcome.ok) {
      this.set('up');
    } else if (isDatabaseUnavailable(outcome.error)) {
      const { error } = outcome;
      this.set('down', error instanceof Error ? error.message : String(error));
    }
  }

  private set(state: DatabaseState, reason?: string): void {
    if (state === this.state) return;
    this.state = state;
    this.epoch++;
    this.port.postMessage({ type: 'database', state, reason } satisfies FromWorker);
    if (state === 'up') this.onBack();
  }
}

/**
 * The database as the operations use it, each statement's and transaction's outcome told to
 * `watch`: only what reached the database counts (a read served from the cache says nothing).
 */
function watched(db: Database, watch: DatabaseWatch): Database {
  const told = async <T>(work: () => Promise<T>): Promise<T> => {
    const mark = watch.mark;
    try {
      const result = await work();
      watch.saw(mark, { ok: true });
      return result;
    } catch (error) {
      watch.saw(mark, { ok: false, error });
      throw error;
    }
  };
  return {
    engine: db.engine,
    location: db.location,
    query: (sql, params) => told(() => db.query(sql, params)),
    exec: (sql) => told(() => db.exec(sql)),
    transaction: (actor, work) => told(() => db.transaction(actor, work)),
    close: () => db.close(),
  };
}

/** How long a ping waits for `select 1` before answering `busy` (the pool's connections all at work). */
const PING_TIMEOUT_MS = 2_000;

async function ping(db: Database, port: MessagePort, id: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'busy'>((resolve) => {
    timer = setTimeout(() => resolve('busy'), PING_TIMEOUT_MS);
  });
  const reached = db.query('select 1').then(
    () => 'up' as const,
    () => 'down' as const,
  );
  const database = await Promise.race([reached, timeout]);
  clearTimeout(timer);
  port.postMessage({ type: 'pong', id, database } satisfies FromWorker);
}

async function run(
  db: Database,
  cache: ReadCache,
  port: MessagePort,
  call: Extract<ToWorker, { type: 'call' }>,
): Promise<void> {
  const { id, name, args } = call;
  const mayWrite = !CACHED_OPERATIONS.has(name) && !VERSION_NEUTRAL_OPERATIONS.has(name);
  if (mayWrite) cache.mayHaveWritten();
  let message: FromWorker;
  let transfer: ArrayBuffer[] = [];
  try {
    if (!Object.hasOwn(operations, name)) throw new Error(`no backend operation ${name}`);
    const operation = operations[name as OperationName] as (db: Database, args: unknown) => Promise<unknown>;
    const compute = () => operation(db, args);
    const value = call.json ? await cache.getJson(db, name, args, compute) : await cache.get(db, name, args, compute);
    message = { type: 'result', id, ok: true, value };
    transfer = transferables(value);
  } catch (error) {
    message = { type: 'result', id, ok: false, error: wireError(error) };
  }
  if (mayWrite) cache.mayHaveWritten();
  port.postMessage(message, transfer);
}

/** Channel of the database's notices of changed data versions (migration 0011). */
const DATA_VERSION_CHANNEL = 'taizhang_data_version';

/** The first wait before listening again after the listening connection is lost or an attempt fails; doubled each failure. */
const LISTEN_RETRY_FIRST_MS = 250;
/** The longest wait between attempts while the database stays out of reach. */
const LISTEN_RETRY_MAX_MS = 5_000;

/**
 * On PostgreSQL, listens for the notices of changed data versions, so cached reads need not
 * read the version each time. When the listening connection is lost, reads go back to reading
 * the version (nothing said while it was gone is known) until listening has started again.
 * One attempt at a time, never more: a failed attempt schedules the next one after a wait
 * that doubles up to 5 s, and the database found answering again (`kick`) starts it at once.
 */
function followChanges(db: Database, cache: ReadCache): { kick(): void; stop(): Promise<void> } {
  let stopListening: (() => Promise<void>) | undefined;
  let closed = false;
  let attempting = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  const schedule = () => {
    if (closed || attempting || retry !== undefined) return;
    const delay = Math.min(LISTEN_RETRY_FIRST_MS * 2 ** failures, LISTEN_RETRY_MAX_MS);
    failures++;
    retry = setTimeout(start, delay);
  };
  const lost = () => {
    stopListening = undefined;
    cache.distrust();
    schedule();
  };
  const start = () => {
    clearTimeout(retry);
    retry = undefined;
    if (db.listen === undefined || closed || attempting || stopListening !== undefined) return;
    attempting = true;
    db.listen(DATA_VERSION_CHANNEL, (orgId) => cache.orgChanged(orgId), lost).then(
      (stop) => {
        attempting = false;
        failures = 0;
        stopListening = stop;
        if (closed) void stop();
        else cache.trustNotifications();
      },
      () => {
        attempting = false;
        schedule();
      },
    );
  };
  start();
  return {
    kick() {
      if (retry !== undefined) start();
    },
    async stop() {
      closed = true;
      clearTimeout(retry);
      await stopListening?.();
    },
  };
}

function serve(opened: Database, port: MessagePort): void {
  const cache = new ReadCache({ ownsDatabase: opened.engine === 'pglite' });
  const changes = opened.engine === 'postgres' ? followChanges(opened, cache) : undefined;
  const watch = new DatabaseWatch(port);
  watch.onBack = () => changes?.kick();
  const db = watched(opened, watch);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      void run(db, cache, port, message);
      return;
    }
    if (message.type === 'ping') {
      void ping(db, port, message.id);
      return;
    }
    // The HTTP side has stopped calling (the server closed first); close the database, then the port.
    void Promise.resolve(changes?.stop())
      .then(() => db.close())
      .finally(() => {
        port.postMessage({ type: 'closed' } satisfies FromWorker);
        port.close();
      });
  });
  port.postMessage({ type: 'ready', engine: db.engine, location: db.location } satisfies FromWorker);
}

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread (see backend.ts)');
try {
  serve(await openDatabase(workerData as DatabaseLocation), port);
} catch (error) {
  port.postMessage({ type: 'failed', error: wireError(error) } satisfies FromWorker);
  port.close();
}
