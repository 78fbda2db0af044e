import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import { ref, throughSchema, versionSchema, yearSchema } from '../http/schemas.js';

const codeParams = {
  type: 'object',
  properties: { code: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['code'],
} as const;
/** 报告模板 and 叙述: the office edits them at the version read (docs/api.md). */
export async function templateRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get(
    '/api/templates',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['模板与叙述'],
        summary: '报告模板列表（不含正文）',
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, name: { type: 'string' }, version: { type: 'integer' } },
            },
          },
        },
      },
    },
    async (request) => backend.call('templates', { caller: callerOf(request) }),
  );

  app.get<{ Params: { code: string } }>(
    '/api/templates/:code',
    {
      config: { permission: 'data:read' },
      schema: { tags: ['模板与叙述'], summary: '一个报告模板', params: codeParams, response: { 200: ref('Template') } },
    },
    async (request) => backend.call('template', { caller: callerOf(request), code: request.params.code }),
  );

  app.put<{ Params: { code: string }; Body: { text: string; version: number } }>(
    '/api/templates/:code',
    {
      config: { permission: 'templates:write' },
      schema: {
        tags: ['模板与叙述'],
        summary: '保存模板正文：先按最新期间试生成报告，模板有误则 422（problems 中有行号）；version 过期则 409',
        params: codeParams,
        body: {
          type: 'object',
          properties: { text: { type: 'string', maxLength: 200_000 }, version: versionSchema(1) },
          required: ['text', 'version'],
          additionalProperties: false,
        },
        response: { 200: ref('Template') },
      },
    },
    async (request) => backend.call('saveTemplate', { caller: callerOf(request), ...request.params, ...request.body }),
  );

  app.post<{ Body: { text: string; year?: number; through?: number } }>(
    '/api/templates/preview',
    {
      config: { permission: 'templates:write', unaudited: '只按提交的模板试生成报告，不保存任何内容' },
      schema: {
        tags: ['模板与叙述'],
        summary: '用未保存的模板正文预览报告；模板有误则 422（problems 中有行号）',
        body: {
          type: 'object',
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 200_000 },
            year: yearSchema,
            through: throughSchema,
          },
          required: ['text'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { html: { type: 'string' }, missing: { type: 'array', items: ref('MissingFigure') } },
            required: ['html', 'missing'],
          },
        },
      },
    },
    async (request) => backend.call('previewTemplate', { caller: callerOf(request), ...request.body }),
  );

  app.get<{ Querystring: { year?: number } }>(
    '/api/narratives',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['模板与叙述'],
        summary: '某年的叙述段落；同一代码可有多段，through 为其适用的起始月份（null 为全年）',
        querystring: { type: 'object', properties: { year: yearSchema }, additionalProperties: false },
        response: { 200: { type: 'array', items: ref('Narrative') } },
      },
    },
    async (request) => backend.call('narratives', { caller: callerOf(request), year: request.query.year }),
  );

  app.put<{
    Params: { code: string };
    Body: {
      year: number;
      through?: number | null;
      text: string;
      version?: number;
      section?: string;
      title?: string | null;
    };
  }>(
    '/api/narratives/:code',
    {
      config: { permission: 'narratives:write' },
      schema: {
        tags: ['模板与叙述'],
        summary: '修改叙述正文（带 version）；该代码、年份、through 尚无叙述时省略 version 并给出 section 即新增',
        params: codeParams,
        body: {
          type: 'object',
          properties: {
            year: yearSchema,
            through: { type: ['integer', 'null'], minimum: 1, maximum: 12 },
            text: { type: 'string', maxLength: 100_000 },
            version: versionSchema(0),
            section: { type: 'string', maxLength: 50, description: '负责股室代码（新增时必填）' },
            title: { type: ['string', 'null'], maxLength: 200 },
          },
          required: ['year', 'text'],
          additionalProperties: false,
        },
        response: { 200: ref('Narrative') },
      },
    },
    async (request) =>
      backend.call('saveNarrative', { caller: callerOf(request), code: request.params.code, edit: request.body }),
  );
}
