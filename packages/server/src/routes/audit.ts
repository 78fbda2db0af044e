import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import { pageOf, pagingQuery, ref } from '../http/schemas.js';
import { attachment } from './reports.js';

const day = {
  type: 'string',
  // ajv's date format knows the calendar: 2021-02-30 and 2021-13-01 are refused with 400;
  // the pattern keeps the year to one PostgreSQL reads (it has no year 0000).
  format: 'date',
  pattern: '^[12]\\d{3}-',
  description: 'YYYY-MM-DD（北京时间，含当天）',
} as const;
const filters = {
  table: { type: 'string', maxLength: 100, description: '数据表，如 ledger_complaints、indicator_values、users' },
  actor: { type: 'string', maxLength: 100, description: '操作人（用户名）' },
  from: day,
  to: day,
} as const;

interface AuditFilters {
  table?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** 审计日志 for the auditor: read and export, never change (docs/api.md, "Audit and users"). */
export async function auditRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get<{ Querystring: AuditFilters & { offset: number; limit: number } }>(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['审计'],
        summary: '审计记录，新的在前：谁、何时、从哪里、改了哪张表的什么',
        querystring: {
          type: 'object',
          properties: {
            ...filters,
            ...pagingQuery,
          },
          additionalProperties: false,
        },
        response: {
          200: pageOf(ref('AuditRow')),
        },
      },
    },
    async (request) => backend.call('audit', { caller: callerOf(request), query: request.query }),
  );

  app.get<{ Querystring: AuditFilters }>(
    '/api/audit/export',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['审计'],
        summary: '导出审计记录为 CSV（UTF-8，Excel 可直接打开），从早到晚；超过 10 万条时 422',
        querystring: { type: 'object', properties: filters, additionalProperties: false },
        response: { 200: { description: 'CSV 文件', type: 'string' } },
      },
    },
    async (request, reply) => {
      const csv = await backend.call('auditCsv', { caller: callerOf(request), query: request.query });
      const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      return attachment(reply, `audit-${stamp}.csv`, `审计日志-${stamp}.csv`).type('text/csv; charset=utf-8').send(csv);
    },
  );
}
