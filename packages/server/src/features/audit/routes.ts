import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { attachment } from '../../http/attachment.js';
import { callerOf } from '../../http/auth.js';

const routes = api.audit;

/** 审计日志 for the auditor: read and export, never change (docs/api.md, "Audit and users"). */
export const auditRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.audit,
    config: { permission: 'audit:read' },
    handler: async (request) => backend.call('audit', { caller: callerOf(request), query: request.query }),
  });

  app.route({
    ...routes.auditTables,
    config: { permission: 'audit:read' },
    handler: async (request) => backend.call('auditTables', { caller: callerOf(request) }),
  });

  app.route({
    ...routes.auditExport,
    config: { permission: 'audit:read' },
    handler: async (request, reply) => {
      const csv = await backend.call('auditCsv', { caller: callerOf(request), query: request.query });
      const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      return attachment(reply, `audit-${stamp}.csv`, `审计日志-${stamp}.csv`).type('text/csv; charset=utf-8').send(csv);
    },
  });
};
