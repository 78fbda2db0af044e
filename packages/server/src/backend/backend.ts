import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from '@taizhang/db';
import type { OperationArgs, OperationName, OperationResult } from '../features/operations.js';
import { ApiError } from '../http/api-error.js';
import { httpRefusal } from '../http/http-refusals.js';
import type { DatabaseLocation, DatabaseState, FromWorker, ToWorker, WireError } from './protocol.js';

/**
 * The HTTP thread's handle on the backend worker: `call` names an operation of the registry
 * (operations.ts) with its arguments and resolves with its result, or rejects with an
 * ApiError carrying the refusal's status and Chinese message.
 */
export interface Backend {
  readonly engine: 'pglite' | 'postgres';
  /** where the data lives, for messages (a directory, memory, or the server URL without password) */
  readonly location: string;
  /** whether a worker is running and taking calls: false while a dead one is being restarted, and once closed */
  readonly alive: boolean;
  call<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<OperationResult<K>>;
  /**
   * `call`, with the result as its JSON text: for the hot reads, which the route sends as it
   * is (the worker keeps the text with its cached result, so nothing is cloned or serialised twice).
   */
  callJson<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<string>;
  /**
   * The worker's and the database's state, for /api/health: whether the database answers is
   * asked of it (`select 1`) at most once a second, however often this is called.
   * Optional so that a stand-in backend (tests, the benchmark's counterfactual) need not have it.
   */
  health?(): Promise<BackendHealth>;
  /** Closes the database and stops the worker; calls made afterwards fail. */
  close(): Promise<void>;
}

export interface BackendHealth {
  /** `restarting` between a worker's death and its successor's start; `stopped` once closed */
  worker: 'up' | 'restarting' | 'stopped';
  /** `unknown` while no worker runs, or before the first answer to a ping */
  database: DatabaseState | 'unknown';
  /** how many times a dead worker has been replaced since the start */
  restarts: number;
}

/** The backend `startBackend` gives: a Backend whose worker is restarted when it dies. */
export interface WorkerBackend extends Backend {
  health(): Promise<BackendHealth>;
  /**
   * Ends the worker as a crash would (tests of the restart): calls in flight answer 503
   * BACKEND_DOWN and a new worker is started after the usual wait. Resolves once it has ended.
   */
  terminateWorkerForTest(): Promise<void>;
}

/** What happened to the worker or the database, for the log (startServer logs each). */
export type BackendEvent =
  | { type: 'worker-died'; reason: string; restartInMs: number }
  | { type: 'worker-restart-failed'; reason: string; restartInMs: number }
  | { type: 'worker-restarted'; restarts: number }
  | { type: 'database-down'; reason: string }
  | { type: 'database-up' };

export interface BackendOptions {
  /**
   * The worker's JavaScript heap limit (V8 old generation) in MB: an operation that runs away
   * with memory ends the worker (ERR_WORKER_OUT_OF_MEMORY), which is restarted, instead of
   * the whole process. DEFAULT_WORKER_HEAP_MB when not given. (PGlite's memory is outside it.)
   */
  maxHeapMb?: number | undefined;
  /** told of every death and restart of the worker, and of the database going out of reach and coming back */
  onEvent?: ((event: BackendEvent) => void) | undefined;
  /**
   * The wait before restarting a dead worker: `firstMs` after a worker that ran `stableMs` or
   * longer, doubled after each quick death or failed start, up to `maxMs`.
   */
  restart?: { firstMs?: number; maxMs?: number; stableMs?: number } | undefined;
}

export const DEFAULT_WORKER_HEAP_MB = 1024;

/**
 * The worker runs compiled JavaScript, in production and in tests alike: a worker thread
 * does not go through Vitest's TypeScript transform, so the file is found relative to the
 * package root (this module is src/backend/ in tests and dist/backend/ when built).
 * Vitest builds first (vitest.build.ts), so tests never run a stale worker.
 */
export const WORKER_FILE = fileURLToPath(new URL('../../dist/backend/worker.js', import.meta.url));

const backendDown = (state: 'interrupted' | 'restarting' | 'stopped', reason: string): ApiError =>
  new ApiError(httpRefusal('BACKEND_DOWN', { state }, { internal: reason }));

/** A call in flight when its worker died: a write may or may not have been made. */
const interrupted = (reason: string) => backendDown('interrupted', reason);
const restarting = () => backendDown('restarting', 'the backend worker is restarting');
const stopped = () => backendDown('stopped', 'the backend is closed');

/** How long a ping's answer stands: health probes, however frequent, reach the database at most this often. */
const PING_FRESH_MS = 1_000;

/** One worker thread, from its start to its end. */
interface Live {
  worker: Worker;
  pending: Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>;
  startedAt: number;
  ended: boolean;
  /** resolves the wait of close() for the worker's goodbye */
  onClosed?: (() => void) | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Starts the backend worker on the database and resolves once it is ready (rejects when it
 * cannot open the database). From then on a worker that dies — an uncaught error, an exit,
 * its heap limit reached — is replaced: calls in flight and calls made until its successor is
 * ready answer 503 BACKEND_DOWN, and the restart waits 0.5 s, doubling to 30 s while workers
 * keep dying or failing to start, back to 0.5 s once one has run for a minute.
 */
export async function startBackend(database: DatabaseLocation, options: BackendOptions = {}): Promise<WorkerBackend> {
  if (!existsSync(WORKER_FILE)) {
    throw new Error(`${WORKER_FILE} is missing: build the project first (npm run build)`);
  }
  const emit = options.onEvent ?? (() => undefined);
  const firstMs = options.restart?.firstMs ?? 500;
  const maxMs = options.restart?.maxMs ?? 30_000;
  const stableMs = options.restart?.stableMs ?? 60_000;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB;
  // A PGlite directory is locked here, on the thread that outlives its workers, and each worker
  // opens it under this lock: a worker that dies holds no lock of its own, so its successor is
  // not refused, while any other process (or other opening in this one) is (data-dir-lock.ts).
  const lock = database.url || database.memory ? undefined : lockDataDir(database.dataDir ?? './data');
  const location: DatabaseLocation = lock ? { ...database, heldLock: lock.holder.token } : database;

  let current: Live | undefined;
  let closing = false;
  let restarts = 0;
  let wait = firstMs;
  let restartTimer: NodeJS.Timeout | undefined;
  /** a successor being started */
  let launching: Promise<void> | undefined;
  let nextId = 1;
  let databaseState: BackendHealth['database'] = 'unknown';
  let checkedAt = 0;
  let checking: Promise<void> | undefined;

  const launch = () =>
    new Promise<{ live: Live; engine: 'pglite' | 'postgres'; location: string }>((resolve, reject) => {
      const worker = new Worker(WORKER_FILE, {
        workerData: location,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
      const live: Live = { worker, pending: new Map(), startedAt: 0, ended: false };
      let ready = false;
      const ended = (reason: string) => {
        if (live.ended) return;
        live.ended = true;
        for (const call of live.pending.values()) call.reject(interrupted(reason));
        live.pending.clear();
        if (ready) died(live, reason);
        else reject(new Error(`the backend worker stopped before it was ready: ${reason}`));
      };
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            live.startedAt = Date.now();
            resolve({ live, engine: message.engine, location: message.location });
            return;
          case 'failed':
            // It could not open the database; it closes itself. Its exit is no death to report.
            live.ended = true;
            reject(new ApiError(message.error));
            void worker.terminate();
            return;
          case 'result': {
            const call = live.pending.get(message.id);
            live.pending.delete(message.id);
            if (message.ok) call?.resolve(message.value);
            else call?.reject(new ApiError(message.error as WireError));
            return;
          }
          case 'pong': {
            const call = live.pending.get(message.id);
            live.pending.delete(message.id);
            call?.resolve(message.database);
            return;
          }
          case 'database':
            databaseState = message.state;
            checkedAt = Date.now();
            emit(
              message.state === 'down'
                ? { type: 'database-down', reason: message.reason ?? '' }
                : { type: 'database-up' },
            );
            return;
          case 'closed':
            live.onClosed?.();
            return;
        }
      });
      worker.on('error', (error: Error & { code?: string }) =>
        ended(`the backend worker failed${error.code ? ` (${error.code})` : ''}: ${error.stack ?? error.message}`),
      );
      worker.on('exit', (code) => ended(`the backend worker exited with code ${code}`));
    });

  const scheduleRestart = () => {
    const delay = wait;
    wait = Math.min(wait * 2, maxMs);
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      launching = restart().finally(() => {
        launching = undefined;
      });
    }, delay);
    restartTimer.unref();
  };

  const restart = async () => {
    try {
      const { live } = await launch();
      if (closing) {
        await stop(live);
        return;
      }
      current = live;
      restarts++;
      databaseState = 'up';
      checkedAt = Date.now();
      emit({ type: 'worker-restarted', restarts });
    } catch (error) {
      if (closing) return;
      emit({
        type: 'worker-restart-failed',
        reason: error instanceof Error ? error.message : String(error),
        restartInMs: wait,
      });
      scheduleRestart();
    }
  };

  function died(live: Live, reason: string): void {
    if (current !== live || closing) return;
    current = undefined;
    databaseState = 'unknown';
    if (Date.now() - live.startedAt >= stableMs) wait = firstMs;
    emit({ type: 'worker-died', reason, restartInMs: wait });
    scheduleRestart();
  }

  /** Asks the worker to close the database, then ends it (after 10 s regardless). */
  async function stop(live: Live): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      live.onClosed = resolve;
    });
    live.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await Promise.race([closed, sleep(10_000)]);
    live.ended = true;
    await live.worker.terminate();
  }

  const post = (live: Live, message: Extract<ToWorker, { id: number }>) =>
    new Promise<unknown>((resolve, reject) => {
      live.pending.set(message.id, { resolve, reject });
      live.worker.postMessage(message);
    });

  const send = (name: string, args: unknown, json: boolean): Promise<unknown> => {
    const live = current;
    if (live === undefined) return Promise.reject(closing ? stopped() : restarting());
    return post(live, { type: 'call', id: nextId++, name, args, json });
  };

  /** Asks the worker whether the database answers; a busy database leaves the last answer standing. */
  const check = async (live: Live) => {
    const answer = (await post(live, { type: 'ping', id: nextId++ }).catch(() => 'busy')) as DatabaseState | 'busy';
    if (answer !== 'busy' && current === live) databaseState = answer;
    checkedAt = Date.now();
  };

  const first = await launch().catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  current = first.live;
  databaseState = 'up';
  checkedAt = Date.now();

  return {
    engine: first.engine,
    location: first.location,
    get alive() {
      return current !== undefined;
    },
    call(name, args) {
      return send(name, args, false) as Promise<OperationResult<typeof name>>;
    },
    callJson(name, args) {
      return send(name, args, true) as Promise<string>;
    },
    async health() {
      const live = current;
      if (live === undefined) return { worker: closing ? 'stopped' : 'restarting', database: 'unknown', restarts };
      if (Date.now() - checkedAt > PING_FRESH_MS) {
        checking ??= check(live).finally(() => {
          checking = undefined;
        });
        // A worker busy with a long report answers late: the last state known stands meanwhile.
        await Promise.race([checking, sleep(databaseState === 'unknown' ? 1_000 : 100)]);
      }
      return { worker: 'up', database: databaseState, restarts };
    },
    async terminateWorkerForTest() {
      await current?.worker.terminate();
    },
    async close() {
      if (closing) return;
      closing = true;
      clearTimeout(restartTimer);
      const live = current;
      current = undefined;
      if (live !== undefined) await stop(live);
      // A successor still starting is stopped as soon as it is ready (restart above).
      await launching;
      lock?.release();
    },
  };
}
