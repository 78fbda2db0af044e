import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf, scopeOf } from '../http/auth.js';
import { jsonText } from '../http/json-text.js';
import { decimalString, nullableDecimalString, periodQuery, ref, versionSchema, yearSchema } from '../http/schemas.js';

interface PeriodQuery {
  year?: number;
  through?: number;
}

/** 指标: the figures of a period, an indicator's values, entering one value (docs/api.md, "Indicators"). */
export async function indicatorRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get<{ Querystring: PeriodQuery }>(
    '/api/indicators',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['指标'],
        summary: '各指标某期的累计、目标、完成率、同比、时序进度和预警',
        querystring: periodQuery,
        response: {
          200: {
            type: 'object',
            properties: { period: ref('Period'), indicators: { type: 'array', items: ref('IndicatorFigures') } },
            required: ['period', 'indicators'],
          },
        },
      },
    },
    async (request, reply) =>
      jsonText(reply, await backend.callJson('indicators', { caller: callerOf(request), ...request.query })),
  );

  app.get<{ Params: { code: string }; Querystring: { year?: number } }>(
    '/api/indicators/:code/values',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['指标'],
        summary: '某指标某年各期的填报值，以及上年同期的值',
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 100 } }, required: ['code'] },
        querystring: {
          type: 'object',
          properties: {
            year: { ...yearSchema, description: '省略时取最新数据的年份' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              indicator: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  name: { type: 'string' },
                  unit: { type: 'string' },
                  decimals: { type: 'integer' },
                  frequency: { type: 'string' },
                  section: ref('Named'),
                  derived: { type: 'boolean' },
                  yearOnYear: { type: 'boolean', description: '是否作同比；为 false 时不能填上年同期可比数' },
                },
              },
              year: { type: 'integer' },
              values: { type: 'array', items: ref('Value') },
              prior: { type: 'array', items: ref('Value') },
            },
            required: ['indicator', 'year', 'values', 'prior'],
          },
        },
      },
    },
    async (request) =>
      backend.call('indicatorValues', {
        caller: callerOf(request),
        code: request.params.code,
        year: request.query.year,
      }),
  );

  app.put<{
    Params: { code: string; year: number; period: number };
    Body: {
      value: string;
      comparableBase?: string | null;
      note?: string | null;
      source?: string | null;
      version?: number;
    };
  }>(
    '/api/indicators/:code/values/:year/:period',
    {
      config: { permission: 'values:write' },
      schema: {
        tags: ['指标'],
        summary:
          '填报或修改一期数值：修改时带上读取时的 version，过期则 409 并返回最新值；股室填报员只能填报本股室的指标',
        params: {
          type: 'object',
          properties: {
            code: { type: 'string', maxLength: 100 },
            year: yearSchema,
            period: { type: 'integer', minimum: 1, maximum: 12, description: '月份 1－12；季报指标为季度 1－4' },
          },
          required: ['code', 'year', 'period'],
        },
        body: {
          type: 'object',
          properties: {
            value: decimalString,
            comparableBase: { ...nullableDecimalString, description: '上年同期可比数；null 为不填' },
            note: { type: ['string', 'null'], maxLength: 500 },
            source: { type: ['string', 'null'], maxLength: 500 },
            version: { ...versionSchema(0), description: '读取时的版本；新填报时省略' },
          },
          required: ['value'],
          additionalProperties: false,
        },
        response: { 200: ref('Value') },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { code, year, period } = request.params;
      return backend.call('enterValue', {
        caller,
        input: { code, year, period, ...request.body },
        scope: scopeOf(caller, 'values:write'),
      });
    },
  );
}
