import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../http/api-error.js';
import type { OperationArgs, OperationName, OperationResult } from './operations.js';
import type { DatabaseLocation, FromWorker, ToWorker, WireError } from './protocol.js';

/**
 * The HTTP thread's handle on the backend worker: `call` names an operation of the registry
 * (operations.ts) with its arguments and resolves with its result, or rejects with an
 * ApiError carrying the refusal's status and Chinese message.
 */
export interface Backend {
  readonly engine: 'pglite' | 'postgres';
  /** where the data lives, for messages (a directory, memory, or the server URL without password) */
  readonly location: string;
  /** false once the worker has stopped */
  readonly alive: boolean;
  call<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<OperationResult<K>>;
  /**
   * `call`, with the result as its JSON text: for the hot reads, which the route sends as it
   * is (the worker keeps the text with its cached result, so nothing is cloned or serialised twice).
   */
  callJson<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<string>;
  /** Closes the database and stops the worker; calls made afterwards fail. */
  close(): Promise<void>;
}

/**
 * The worker runs compiled JavaScript, in production and in tests alike: a worker thread
 * does not go through Vitest's TypeScript transform, so the file is found relative to the
 * package root (this module is src/backend/ in tests and dist/backend/ when built).
 * `npm test` builds first (tsc -b); a bare `vitest run` needs an `npm run build` before it.
 */
export const WORKER_FILE = fileURLToPath(new URL('../../dist/backend/worker.js', import.meta.url));

const down = (reason: string): ApiError =>
  new ApiError({
    status: 503,
    code: 'BACKEND_DOWN',
    message: '数据服务已停止，请稍后重试或联系系统管理员',
    internal: reason,
  });

export async function startBackend(database: DatabaseLocation): Promise<Backend> {
  if (!existsSync(WORKER_FILE)) {
    throw new Error(`${WORKER_FILE} is missing: build the project first (npm run build)`);
  }
  const worker = new Worker(WORKER_FILE, { workerData: database });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let alive = true;
  let closed: (() => void) | undefined;

  const fail = (reason: string) => {
    alive = false;
    for (const call of pending.values()) call.reject(down(reason));
    pending.clear();
  };

  const ready = await new Promise<{ engine: 'pglite' | 'postgres'; location: string }>((resolve, reject) => {
    const early = (error: unknown) => reject(error instanceof Error ? error : new Error(String(error)));
    worker.once('error', early);
    worker.once('exit', (code) =>
      early(new Error(`the backend worker stopped before it was ready (exit code ${code})`)),
    );
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          worker.off('error', early);
          worker.removeAllListeners('exit');
          resolve(message);
          return;
        case 'failed':
          reject(new ApiError(message.error));
          return;
        case 'result': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) call?.resolve(message.value);
          else call?.reject(new ApiError(message.error as WireError));
          return;
        }
        case 'closed':
          closed?.();
          return;
      }
    });
  });
  const send = (name: string, args: unknown, json: boolean): Promise<unknown> => {
    if (!alive) return Promise.reject(down('the backend is closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, name, args, json } satisfies ToWorker);
    });
  };

  worker.on('error', (error) => fail(error.stack ?? error.message));
  worker.on('exit', (code) => fail(`the backend worker exited with code ${code}`));

  return {
    engine: ready.engine,
    location: ready.location,
    get alive() {
      return alive;
    },
    call(name, args) {
      return send(name, args, false) as Promise<OperationResult<typeof name>>;
    },
    callJson(name, args) {
      return send(name, args, true) as Promise<string>;
    },
    async close() {
      if (!alive) return;
      const done = new Promise<void>((resolve) => {
        closed = resolve;
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      // A database that does not close within 10 s is abandoned: the worker is stopped regardless.
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      alive = false;
      await worker.terminate();
    },
  };
}
