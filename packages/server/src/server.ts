import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import { ErrorBody, ref } from '@taizhang/contract';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Backend } from './backend/backend.js';
import { registerFeatures } from './features/routes.js';
import { apiDocs } from './http/api-docs.js';
import { isApiRoute, requirePermissions } from './http/auth.js';
import { frameworkErrors, handleErrors } from './http/errors.js';
import { type EventLoopDelay, watchEventLoop } from './http/event-loop.js';
import { guardInputs } from './http/input-guard.js';
import { LoginThrottle } from './http/login-throttle.js';
import { addSharedSchemas } from './http/schemas.js';
import { securityHeaders } from './http/security.js';
import { trustedProxies } from './http/trust-proxy.js';
import { serveWebApp } from './http/web-app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the HTTP thread's event-loop delay, for /api/health and the benchmark */
    eventLoop: EventLoopDelay;
    /** every API route as registered, with what it declares: what the route tests walk */
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  permission: string;
  /** why a write route leaves no audit record, when it leaves none */
  unaudited?: string | undefined;
  /** the JSON schemas of what the route reads: what the fuzz test derives its inputs from */
  input: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface ServerOptions {
  /** the worker that owns the database (startBackend) */
  backend: Backend;
  /** pino options, or false for none (tests) */
  logger?: FastifyServerOptions['logger'];
  /**
   * the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses
   * and CIDR ranges ('10.0.0.1,192.168.0.0/16'); none by default (http/trust-proxy.ts)
   */
  trustProxy?: string | readonly string[] | undefined;
  /** the built web application; packages/web/dist by default */
  webDist?: string | undefined;
  /** the time sessions and locks are measured by (tests move it) */
  clock?: (() => Date) | undefined;
  /** the sign-in delays (http/login-throttle.ts); one on `clock` by default, tests pass their own */
  loginThrottle?: LoginThrottle | undefined;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** How often the event-loop delay is logged, and its statistics started afresh. */
const EVENT_LOOP_LOG_MS = 60_000;

/** Every API route documents the error shape, and the session cookie when it needs one; each is listed in apiRoutes. */
function documentRoutes(app: FastifyInstance): void {
  const routes: ApiRoute[] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    for (const method of [route.method].flat()) {
      // HEAD routes are Fastify's own twins of GET routes
      if (method === 'HEAD') continue;
      const { permission = '', unaudited } = route.config ?? {};
      const { body, querystring, params } = route.schema ?? {};
      routes.push({ method, url: route.url, permission, unaudited, input: { body, querystring, params } });
    }
    const schema = route.schema ?? {};
    const open = route.config?.permission === 'public';
    route.schema = {
      ...schema,
      // The OpenAPI page names what a route needs; docs/api.md is checked against it.
      description: open ? '无需登录' : `所需权限：${route.config?.permission ?? ''}`,
      ...(open ? {} : { security: [{ session: [] }] }),
      response: { '4xx': ref(ErrorBody), '5xx': ref(ErrorBody), ...(schema.response as object | undefined) },
    };
  });
}

/**
 * API answers are one user's data (and a report download may be a whole summary): no
 * browser or proxy cache keeps them. The web app's files keep their own caching (web-app.ts).
 */
function noStoreApi(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if ((path === '/api' || path.startsWith('/api/')) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

/**
 * The HTTP server (docs/api.md): routes under /api, each with its JSON schema and declared
 * permission; the OpenAPI document at /api/docs; the web app at `/`. Every database and
 * report operation goes to `backend`, off this thread.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { backend } = options;
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? { level: 'info' },
    trustProxy: trustedProxies(options.trustProxy),
    // A path param is checked by its route's schema (a ref may be 200 characters, 1,800 escaped), not cut at 100.
    routerOptions: { maxParamLength: 2_000 },
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  const eventLoop = watchEventLoop();
  app.decorate('eventLoop', eventLoop);
  const logEventLoop = setInterval(() => {
    app.log.info({ eventLoopDelayMs: eventLoop.snapshot() }, 'event loop delay');
    eventLoop.reset();
  }, EVENT_LOOP_LOG_MS).unref();
  app.addHook('onClose', async () => {
    clearInterval(logEventLoop);
    eventLoop.stop();
  });

  addSharedSchemas(app);
  handleErrors(app);
  guardInputs(app);
  noStoreApi(app);
  requirePermissions(app, backend, clock);
  documentRoutes(app);
  securityHeaders(app);
  app.register(fastifyCookie);
  apiDocs(app);

  const throttle = options.loginThrottle ?? new LoginThrottle({ clock: () => clock().getTime() });
  registerFeatures(app, { backend, clock, eventLoop, throttle });
  serveWebApp(app, options.webDist ?? DEFAULT_WEB_DIST);
  return app;
}
