import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import { jsonText } from '../http/json-text.js';
import { periodQuery, ref } from '../http/schemas.js';

const nullableStr = { type: ['string', 'null'] } as const;

/** 我的待办 and 领导驾驶舱 (docs/api.md, "My work, dashboard, reports"). */
export async function workRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get<{ Querystring: { year?: number; through?: number; section?: string } }>(
    '/api/todo',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['待办'],
        summary: '某期缺报的数值和报告中的【待填】项；股室填报员只看到本股室的，其他角色可按股室筛选',
        querystring: {
          ...periodQuery,
          properties: { ...periodQuery.properties, section: { type: 'string', maxLength: 50 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              period: ref('Period'),
              gaps: { type: 'array', items: ref('Gap') },
              missing: { type: 'array', items: ref('MissingFigure') },
            },
            required: ['period', 'gaps', 'missing'],
          },
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { section, ...period } = request.query;
      // A clerk's work is their section's, whatever they ask for.
      const own = caller.user.role === 'clerk' ? (caller.user.section?.code ?? '') : (section ?? null);
      return jsonText(reply, await backend.callJson('todo', { caller, ...period, section: own }));
    },
  );

  app.get<{ Querystring: { year?: number; through?: number } }>(
    '/api/dashboard',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['驾驶舱'],
        summary: '领导驾驶舱：有目标的指标、逐月走势、落后于时序进度的预警、重点项目和群众投诉',
        querystring: periodQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              period: ref('Period'),
              cards: { type: 'array', items: ref('IndicatorFigures') },
              series: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    code: { type: 'string' },
                    name: { type: 'string' },
                    unit: { type: 'string' },
                    months: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          month: { type: 'integer' },
                          value: nullableStr,
                          prior: nullableStr,
                          target: nullableStr,
                        },
                      },
                    },
                  },
                },
              },
              warnings: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    code: { type: 'string' },
                    name: { type: 'string' },
                    section: ref('Named'),
                    share: nullableStr,
                    timeProgress: nullableStr,
                    status: { type: 'string', enum: ['yellow', 'red'] },
                  },
                },
              },
              projects: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    category: { type: 'string' },
                    count: { type: 'integer' },
                    byStage: {
                      type: 'array',
                      items: { type: 'object', properties: { stage: { type: 'string' }, count: { type: 'integer' } } },
                    },
                  },
                },
              },
              complaints: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    month: { type: 'integer' },
                    received: { type: 'integer' },
                    closed: { type: 'integer' },
                  },
                },
              },
            },
            required: ['period', 'cards', 'series', 'warnings', 'projects', 'complaints'],
          },
        },
      },
    },
    async (request, reply) =>
      jsonText(reply, await backend.callJson('dashboard', { caller: callerOf(request), ...request.query })),
  );
}
