/**
 * The messages between the HTTP thread and the backend worker (backend.ts, worker.ts).
 * Everything crossing is structured-cloneable plain data; an error crosses as WireError.
 */

/** A refusal or failure as it crosses the thread boundary, with the HTTP status it deserves. */
export interface WireError {
  status: number;
  code: string;
  /** Chinese, fit to show the user */
  message: string;
  details?: readonly string[] | undefined;
  problems?:
    | readonly { field: string; path?: string | undefined; message: string; line?: number | undefined }[]
    | undefined;
  /** for a 409: the thing as it now is */
  current?: unknown;
  /** for a 500: what went wrong, for the log only (never sent to the client) */
  internal?: string | undefined;
}

/**
 * A call; with `json` the result comes back as its JSON text (hot reads, sent to the client as
 * they are). A ping asks the worker to reach the database (`select 1`) and say whether it could.
 */
export type ToWorker =
  | { type: 'call'; id: number; name: string; args: unknown; json?: boolean }
  | { type: 'ping'; id: number }
  | { type: 'close' };

/** Whether the database answers: `down` while it cannot be reached (a restart, a network fault). */
export type DatabaseState = 'up' | 'down';

export type FromWorker =
  | { type: 'ready'; engine: 'pglite' | 'postgres'; location: string }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: WireError }
  /** the answer to a ping; `busy` when the database did not answer in time but was not found out of reach */
  | { type: 'pong'; id: number; database: DatabaseState | 'busy' }
  /** the database was found out of reach, or back (sent once per change, with what was seen) */
  | { type: 'database'; state: DatabaseState; reason?: string | undefined }
  | { type: 'closed' };

/** Where the worker's database is: the options of @taizhang/db's openDatabase. */
export interface DatabaseLocation {
  dataDir?: string | undefined;
  url?: string | undefined;
  /** the owner role's URL, to migrate through (TAIZHANG_MIGRATE_URL); `url` is then the runtime role's */
  migrateUrl?: string | undefined;
  memory?: boolean | undefined;
  /** the token of the data directory's lock, taken by the thread that starts the worker (backend.ts) */
  heldLock?: string | undefined;
}
