import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import { decimalString, nullableDecimalString, ref, versionSchema, yearSchema } from '../http/schemas.js';

/** 目标任务: every indicator's target of a year, and the office setting one (docs/api.md, "Targets"). */
export async function targetRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get<{ Querystring: { year?: number } }>(
    '/api/targets',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['目标任务'],
        summary: '某年各指标的目标任务（尚未设定的指标 target 为 null）',
        querystring: {
          type: 'object',
          properties: { year: { ...yearSchema, description: '省略时取最新数据的年份' } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { year: yearSchema, indicators: { type: 'array', items: ref('IndicatorTarget') } },
            required: ['year', 'indicators'],
          },
        },
      },
    },
    async (request) => backend.call('targets', { caller: callerOf(request), year: request.query.year }),
  );

  app.put<{
    Params: { code: string; year: number };
    Body: { amount?: string | null; growth?: string | null; planCurve?: string[] | null; version?: number };
  }>(
    '/api/targets/:code/:year',
    {
      config: { permission: 'targets:write' },
      schema: {
        tags: ['目标任务'],
        summary:
          '设定某指标某年的目标（整体替换：省略或 null 的部分即不设）；按数据集的规则校验，不合格则 422；修改时带上读取时的 version，过期则 409 并返回最新目标',
        params: {
          type: 'object',
          properties: { code: { type: 'string', minLength: 1, maxLength: 100 }, year: yearSchema },
          required: ['code', 'year'],
        },
        body: {
          type: 'object',
          properties: {
            amount: { ...nullableDecimalString, description: '目标任务（指标的计量单位）；null 为不设' },
            growth: { ...nullableDecimalString, description: '目标增速（％）；null 为不设' },
            planCurve: {
              type: ['array', 'null'],
              items: decimalString,
              maxItems: 100,
              description: '计划进度：1 至 12 月累计计划完成的百分比，共 12 个值，逐月不减，12 月为 100',
            },
            version: { ...versionSchema(0), description: '读取时的版本；新设定时省略' },
          },
          additionalProperties: false,
        },
        response: { 200: ref('Target') },
      },
    },
    async (request) => {
      const { code, year } = request.params;
      return backend.call('saveTarget', { caller: callerOf(request), request: { code, year, ...request.body } });
    },
  );
}
