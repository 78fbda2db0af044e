import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import type { EventLoopDelay } from '../http/event-loop.js';
import { jsonText } from '../http/json-text.js';
import { ref } from '../http/schemas.js';

const health = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    engine: { type: 'string', enum: ['pglite', 'postgres'] },
    database: { type: 'string', enum: ['up', 'down', 'unknown'] },
    worker: { type: 'string', enum: ['up', 'restarting', 'stopped'] },
    workerRestarts: { type: 'integer' },
    eventLoopDelayMs: {
      type: 'object',
      properties: { p50: { type: 'number' }, p99: { type: 'number' }, max: { type: 'number' } },
    },
  },
  required: ['status', 'engine', 'database', 'worker'],
} as const;

/** Health (no sign-in) and what every page starts from (docs/api.md, "Organisation context"). */
export async function contextRoutes(app: FastifyInstance, deps: { backend: Backend; eventLoop: EventLoopDelay }) {
  const { backend, eventLoop } = deps;

  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['系统'],
        summary:
          '健康检查：数据库能否连通、数据库工作线程是否在运行（任一不可用时答 503），以及 HTTP 线程的事件循环延迟（毫秒，自上次统计周期起）',
        response: { 200: health, 503: health },
      },
    },
    // Quick while the worker is busy with a report: the database is pinged through the worker at
    // most once a second, and a ping the busy worker has not answered within 100 ms leaves the
    // last state known standing (backend.health).
    async (_request, reply) => {
      const state = (await backend.health?.()) ?? {
        worker: backend.alive ? 'up' : 'stopped',
        database: 'unknown',
        restarts: 0,
      };
      const ok = state.worker === 'up' && state.database !== 'down';
      const body = {
        status: ok ? 'ok' : 'unavailable',
        engine: backend.engine,
        database: state.database,
        worker: state.worker,
        workerRestarts: state.restarts,
        eventLoopDelayMs: eventLoop.snapshot(),
      };
      return reply.status(ok ? 200 : 503).send(body);
    },
  );

  app.get(
    '/api/context',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['系统'],
        summary: '单位、股室、最新数据期间和各台账的字段定义',
        response: {
          200: {
            type: 'object',
            properties: {
              org: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  name: { type: 'string' },
                  shortName: { type: ['string', 'null'] },
                },
              },
              sections: { type: 'array', items: ref('Named') },
              period: { anyOf: [ref('Period'), { type: 'null' }] },
              ledgers: { type: 'array', items: ref('LedgerInfo') },
            },
            required: ['org', 'sections', 'period', 'ledgers'],
          },
        },
      },
    },
    async (request, reply) => jsonText(reply, await backend.callJson('context', { caller: callerOf(request) })),
  );
}
