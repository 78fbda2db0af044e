import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf, scopeOf } from '../http/auth.js';
import { jsonText } from '../http/json-text.js';
import { pageOf, pagingQuery, ref, versionSchema } from '../http/schemas.js';

const ledgerParams = {
  type: 'object',
  properties: { ledger: { type: 'string', maxLength: 50, description: '台账代码，如 complaints' } },
  required: ['ledger'],
} as const;

const rowParams = {
  type: 'object',
  properties: { ...ledgerParams.properties, ref: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['ledger', 'ref'],
} as const;

interface ListQuery {
  search?: string;
  section?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** 台账: rows listed, shown, added and changed, and each row's history (docs/api.md, "Ledgers"). */
export async function ledgerRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get(
    '/api/ledgers',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['台账'],
        summary: '全部台账及其字段定义',
        response: { 200: { type: 'array', items: ref('LedgerInfo') } },
      },
    },
    async () => backend.call('ledgers', undefined),
  );

  app.get<{ Params: { ledger: string }; Querystring: ListQuery }>(
    '/api/ledgers/:ledger',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['台账'],
        summary: '台账记录：按编号或文字字段搜索、按股室筛选、排序、分页',
        params: ledgerParams,
        querystring: {
          type: 'object',
          properties: {
            search: { type: 'string', maxLength: 100, description: '编号或任一文字字段包含的内容（不区分大小写）' },
            section: { type: 'string', maxLength: 50, description: '股室代码' },
            sort: {
              type: 'string',
              maxLength: 50,
              description: '排序字段：ref、section、台账字段、createdAt、updatedAt',
            },
            order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
            ...pagingQuery,
          },
          additionalProperties: false,
        },
        response: {
          200: pageOf(ref('LedgerRow')),
        },
      },
    },
    async (request, reply) => {
      const { sort, order, ...query } = request.query;
      const orderBy = sort === undefined ? undefined : `${order === 'desc' ? '-' : ''}${sort}`;
      const page = await backend.callJson('ledgerRows', {
        caller: callerOf(request),
        ledger: request.params.ledger,
        orderBy,
        ...query,
      });
      return jsonText(reply, page);
    },
  );

  app.get<{ Params: { ledger: string; ref: string } }>(
    '/api/ledgers/:ledger/:ref',
    {
      config: { permission: 'data:read' },
      schema: { tags: ['台账'], summary: '一条台账记录', params: rowParams, response: { 200: ref('LedgerRow') } },
    },
    async (request) => backend.call('ledgerRow', { caller: callerOf(request), ...request.params }),
  );

  app.get<{ Params: { ledger: string; ref: string } }>(
    '/api/ledgers/:ledger/:ref/history',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['台账'],
        summary: '一条台账记录的修改历史（取自审计日志），从早到晚',
        params: rowParams,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                at: { type: 'string' },
                actor: { type: 'string' },
                address: { type: ['string', 'null'] },
                action: { type: 'string', enum: ['insert', 'update', 'delete'] },
                before: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
                after: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
              },
              required: ['at', 'actor', 'action'],
            },
          },
        },
      },
    },
    async (request) => backend.call('ledgerHistory', { caller: callerOf(request), ...request.params }),
  );

  app.post<{ Params: { ledger: string }; Body: { ref?: string; section?: string; fields: Record<string, unknown> } }>(
    '/api/ledgers/:ledger',
    {
      config: { permission: 'ledgers:write' },
      schema: {
        tags: ['台账'],
        summary: '新增一条记录；股室填报员只能为本股室新增（section 省略时即本股室）',
        params: ledgerParams,
        body: {
          type: 'object',
          properties: {
            ref: { type: 'string', maxLength: 200, description: '编号（也可写在 fields 中）' },
            section: { type: 'string', maxLength: 50, description: '所属股室代码（也可写在 fields 中）' },
            fields: { type: 'object', additionalProperties: true, description: '台账字段，按数据集中的字段名' },
          },
          required: ['fields'],
          additionalProperties: false,
        },
        response: { 201: ref('LedgerRow') },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const row = await backend.call('createLedgerRow', {
        caller,
        ledger: request.params.ledger,
        input: request.body,
        scope: scopeOf(caller, 'ledgers:write'),
      });
      return reply.status(201).send(row);
    },
  );

  app.patch<{ Params: { ledger: string; ref: string }; Body: { version: number; changes: Record<string, unknown> } }>(
    '/api/ledgers/:ledger/:ref',
    {
      config: { permission: 'ledgers:write' },
      schema: {
        tags: ['台账'],
        summary: '修改一条记录：changes 中的字段覆盖原值（null 清空），整行重新校验；version 过期则 409 并返回最新内容',
        params: rowParams,
        body: {
          type: 'object',
          properties: {
            version: versionSchema(1),
            changes: { type: 'object', additionalProperties: true },
          },
          required: ['version', 'changes'],
          additionalProperties: false,
        },
        response: { 200: ref('LedgerRow') },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return backend.call('changeLedgerRow', {
        caller,
        ...request.params,
        ...request.body,
        scope: scopeOf(caller, 'ledgers:write'),
      });
    },
  );
}
