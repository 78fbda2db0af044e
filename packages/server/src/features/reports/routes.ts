import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { attachment } from '../../http/attachment.js';
import { callerOf } from '../../http/auth.js';
import { jsonText } from '../../http/json-text.js';

const routes = api.reports;

/** 工作总结: preview, download and approval of the report (docs/api.md, "My work, dashboard, reports"). */
export const reportRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.reportPreview,
    config: { permission: 'data:read' },
    handler: async (request, reply) =>
      jsonText(reply, await backend.callJson('reportPreview', { caller: callerOf(request), ...request.query })),
  });

  app.route({
    ...routes.reportDownload,
    config: { permission: 'data:read' },
    handler: async (request, reply) => {
      const file = await backend.call('reportFile', { caller: callerOf(request), ...request.query });
      return attachment(reply, file.filename, file.displayName)
        .type(file.contentType)
        .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
    },
  });

  app.route({
    ...routes.approvals,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('approvals', { caller: callerOf(request), year: request.query.year }),
  });

  app.route({
    ...routes.approveReport,
    config: { permission: 'reports:approve' },
    handler: async (request, reply) => {
      const approval = await backend.call('approveReport', { caller: callerOf(request), ...request.body });
      return reply.status(201).send(approval);
    },
  });
};
