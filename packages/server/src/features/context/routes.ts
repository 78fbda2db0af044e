import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';
import type { EventLoopDelay } from '../../http/event-loop.js';
import { jsonText } from '../../http/json-text.js';

const routes = api.context;

/** Health (no sign-in) and what every page starts from (docs/api.md, "Organisation context"). */
export const contextRoutes: FastifyPluginAsyncTypebox<{ backend: Backend; eventLoop: EventLoopDelay }> = async (
  app,
  { backend, eventLoop },
) => {
  app.route({
    ...routes.health,
    config: { permission: 'public' },
    // Quick while the worker is busy with a report: the database is pinged through the worker at
    // most once a second, and a ping the busy worker has not answered within 100 ms leaves the
    // last state known standing (backend.health).
    handler: async (_request, reply) => {
      const state = (await backend.health?.()) ?? {
        worker: backend.alive ? 'up' : 'stopped',
        database: 'unknown',
        restarts: 0,
      };
      const ok = state.worker === 'up' && state.database !== 'down';
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        engine: backend.engine,
        database: state.database,
        worker: state.worker,
        workerRestarts: state.restarts,
        eventLoopDelayMs: eventLoop.snapshot(),
      });
    },
  });

  app.route({
    ...routes.context,
    config: { permission: 'session' },
    handler: async (request, reply) =>
      jsonText(reply, await backend.callJson('context', { caller: callerOf(request) })),
  });
};
