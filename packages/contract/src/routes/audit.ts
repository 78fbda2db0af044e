import { Type } from '@sinclair/typebox';
import type { Answer, QueryOf } from '../kit.js';
import { pageOf, pagingQuery, query, route } from '../kit.js';
import { AuditRow } from '../shapes.js';

/** 审计日志 for the auditor: read and export, never change (docs/api.md, "Audit and users"). */

const day = Type.String({
  // ajv's date format knows the calendar: 2021-02-30 and 2021-13-01 are refused with 400;
  // the pattern keeps the year to one PostgreSQL reads (it has no year 0000).
  format: 'date',
  pattern: '^[12]\\d{3}-',
  description: 'YYYY-MM-DD（北京时间，含当天）',
});

const filters = {
  table: Type.Optional(
    Type.String({ maxLength: 100, description: '数据表（如 indicator_values、users），或台账代码（如 complaints）' }),
  ),
  actor: Type.Optional(Type.String({ maxLength: 100, description: '操作人（用户名）' })),
  from: Type.Optional(day),
  to: Type.Optional(day),
};

export const audit = route({
  method: 'GET',
  url: '/api/audit',
  schema: {
    tags: ['审计'],
    summary: '审计记录，新的在前：谁、何时、从哪里、改了哪张表的什么',
    querystring: query({ ...filters, ...pagingQuery }),
    response: { 200: pageOf(AuditRow) },
  },
});

export const auditExport = route({
  method: 'GET',
  url: '/api/audit/export',
  schema: {
    tags: ['审计'],
    summary: '导出审计记录为 CSV（UTF-8，Excel 可直接打开），从早到晚；超过 10 万条时 422',
    querystring: query(filters),
    response: { 200: Type.String({ description: 'CSV 文件' }) },
  },
});

export const auditTables = route({
  method: 'GET',
  url: '/api/audit/tables',
  schema: {
    tags: ['审计'],
    summary: '审计记录可按其筛选的数据表及其中文名，本单位的各台账在内（台账按代码筛选）',
    response: {
      200: Type.Array(
        Type.Object({
          table: Type.String({ description: '数据表，或台账代码' }),
          name: Type.String({ description: '中文名，如 群众投诉台账' }),
        }),
      ),
    },
  },
});

// What the web app names of these routes.
export type AuditPage = Answer<typeof audit>;
export type AuditTables = Answer<typeof auditTables>;
export type AuditQuery = QueryOf<typeof audit>;
