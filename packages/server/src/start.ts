import type { DemoAccount } from '@taizhang/services';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type Backend, startBackend } from './backend/backend.js';
import { buildServer } from './server.js';

export interface StartOptions {
  /** 3000 by default; 0 for any free port */
  port?: number | undefined;
  /** 127.0.0.1 by default; 0.0.0.0 to serve the local network */
  host?: string | undefined;
  /** PGlite data directory (./data by default), unless a PostgreSQL URL is given */
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  /** (re)create the demo district and its accounts before serving */
  demo?: boolean | undefined;
  webDist?: string | undefined;
  trustProxy?: FastifyServerOptions['trustProxy'];
  logger?: FastifyServerOptions['logger'];
  /** close gracefully on SIGINT and SIGTERM (true by default) */
  handleSignals?: boolean | undefined;
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
  const backend = await startBackend(
    options.databaseUrl ? { url: options.databaseUrl } : { dataDir: options.dataDir ?? './data' },
  );
  let app: FastifyInstance;
  let demo: RunningServer['demo'];
  try {
    if (options.demo) demo = await backend.call('recreateDemo', { actor: 'system:demo' });
    app = buildServer({ backend, webDist: options.webDist, trustProxy: options.trustProxy, logger: options.logger });
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
