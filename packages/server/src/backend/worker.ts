/**
 * The backend worker: owns the database (PGlite answers one query at a time on the thread
 * that runs it) and does every piece of database and report work off the HTTP thread.
 * Started by backend.ts from the compiled file (dist/backend/worker.js), in tests too.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type Database, openDatabase } from '@taizhang/db';
import { wireError } from './errors.js';
import { type OperationName, operations } from './operations.js';
import type { DatabaseLocation, FromWorker, ToWorker } from './protocol.js';
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

/**
 * On PostgreSQL, listens for the notices of changed data versions, so cached reads need not
 * read the version each time; when the listening connection is lost, reads go back to
 * reading it and listening starts again a moment later.
 */
function followChanges(db: Database, cache: ReadCache): { stop(): Promise<void> } {
  let stopListening: (() => Promise<void>) | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    cache.distrust();
    if (!closed) retry = setTimeout(start, 2_000).unref();
  };
  const start = () => {
    if (db.listen === undefined || closed) return;
    db.listen(DATA_VERSION_CHANNEL, (orgId) => cache.orgChanged(orgId), again).then((stop) => {
      stopListening = stop;
      if (closed) void stop();
      else cache.trustNotifications();
    }, again);
  };
  start();
  return {
    async stop() {
      closed = true;
      clearTimeout(retry);
      await stopListening?.();
    },
  };
}

function serve(db: Database, port: MessagePort): void {
  const cache = new ReadCache({ ownsDatabase: db.engine === 'pglite' });
  const changes = db.engine === 'postgres' ? followChanges(db, cache) : undefined;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      void run(db, cache, port, message);
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
