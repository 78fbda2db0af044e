import type { DemoAccount } from '@taizhang/services';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type Backend, type BackendEvent, DEFAULT_WORKER_HEAP_MB, startBackend } from './backend/backend.js';
import { buildServer } from './server.js';

export interface StartOptions {
  /** 3000 by default; 0 for any free port */
  port?: number | undefined;
  /** 127.0.0.1 by default; 0.0.0.0 to serve the local network */
  host?: string | undefined;
  /** PGlite data directory (./data by default), unless a PostgreSQL URL is given */
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  /** PostgreSQL: the owner role's URL, used only to migrate (TAIZHANG_MIGRATE_URL; README, "PostgreSQL roles") */
  migrateUrl?: string | undefined;
  /** (re)create the demo district and its accounts before serving */
  demo?: boolean | undefined;
  webDist?: string | undefined;
  /** the reverse proxies whose X-Forwarded-* are believed: addresses and CIDR ranges (buildServer) */
  trustProxy?: string | readonly string[] | undefined;
  logger?: FastifyServerOptions['logger'];
  /** close gracefully on SIGINT and SIGTERM (true by default) */
  handleSignals?: boolean | undefined;
  /**
   * The backend worker's JavaScript heap limit in MB (TAIZHANG_WORKER_HEAP_MB, else 1024): an
   * operation that outgrows it ends the worker, which is restarted, not the whole server.
   */
  workerHeapMb?: number | undefined;
}

/** The worker's heap limit: the option, else TAIZHANG_WORKER_HEAP_MB, else the default. */
function workerHeapMb(options: StartOptions, env: NodeJS.ProcessEnv = process.env): number {
  if (options.workerHeapMb !== undefined) return options.workerHeapMb;
  const text = env.TAIZHANG_WORKER_HEAP_MB;
  if (text === undefined || text === '') return DEFAULT_WORKER_HEAP_MB;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 64) {
    throw new Error(`环境变量 TAIZHANG_WORKER_HEAP_MB 应为不小于 64 的整数（单位 MB），现为 ${text}`);
  }
  return mb;
}

/** A death or restart of the backend worker, or the database going out of reach or coming back, in the server's log. */
function logBackendEvent(log: FastifyInstance['log'] | undefined, event: BackendEvent): void {
  if (log === undefined) {
    // Before the HTTP server (and its log) exists: while the demo is being created.
    console.error(JSON.stringify({ msg: 'backend', ...event }));
    return;
  }
  switch (event.type) {
    case 'worker-died':
      log.error(event, 'backend worker died; restarting it');
      return;
    case 'worker-restart-failed':
      log.error(event, 'backend worker failed to start; trying again');
      return;
    case 'worker-restarted':
      log.warn(event, 'backend worker restarted');
      return;
    case 'database-down':
      log.error(event, 'database unreachable; requests answer 503 until it is back');
      return;
    case 'database-up':
      log.warn(event, 'database reachable again');
      return;
  }
}

export interface RunningServer {
  /** where to open it, e.g. http://localhost:3000 */
  url: string;
  app: FastifyInstance;
  backend: Backend;
  /** the demo accounts, when started with demo */
  demo?: { accounts: readonly (DemoAccount & { sectionName?: string | undefined })[]; password: string } | undefined;
  /** resolves when the server has stopped (a signal, or close()) */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the backend worker on the database, the demo if asked, then the HTTP server.
 * Shutting down (SIGINT, SIGTERM, close()) stops accepting requests, lets those in flight
 * finish, then closes the database.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  let log: FastifyInstance['log'] | undefined;
  const backend = await startBackend(
    options.databaseUrl
      ? { url: options.databaseUrl, migrateUrl: options.migrateUrl }
      : { dataDir: options.dataDir ?? './data' },
    { maxHeapMb: workerHeapMb(options), onEvent: (event) => logBackendEvent(log, event) },
  );
  let app: FastifyInstance;
  let demo: RunningServer['demo'];
  try {
    if (options.demo) demo = await backend.call('recreateDemo', { actor: 'system:demo' });
    app = buildServer({ backend, webDist: options.webDist, trustProxy: options.trustProxy, logger: options.logger });
    log = app.log;
    await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 3000);
  const host = options.host ?? '127.0.0.1';
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  let stopping: Promise<void> | undefined;
  const signals = options.handleSignals ?? true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C does not wait any longer.
      process.exit(130);
    }
    app.log.info({ signal }, 'shutting down');
    void close();
  };
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const close = (): Promise<void> => {
    stopping ??= (async () => {
      if (signals) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      await app.close();
      await backend.close();
      resolveClosed();
    })();
    return stopping;
  };
  if (signals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return {
    url: `http://${shown}:${port}`,
    app,
    backend,
    demo,
    closed,
    close,
  };
}
