import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';

const routes = api.templates;

/** 报告模板 and 叙述: the office edits them at the version read (docs/api.md). */
export const templateRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.templates,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('templates', { caller: callerOf(request) }),
  });

  app.route({
    ...routes.template,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('template', { caller: callerOf(request), code: request.params.code }),
  });

  app.route({
    ...routes.saveTemplate,
    config: { permission: 'templates:write' },
    handler: async (request) =>
      backend.call('saveTemplate', { caller: callerOf(request), ...request.params, ...request.body }),
  });

  app.route({
    ...routes.previewTemplate,
    config: { permission: 'templates:write', unaudited: '只按提交的模板试生成报告，不保存任何内容' },
    handler: async (request) => backend.call('previewTemplate', { caller: callerOf(request), ...request.body }),
  });

  app.route({
    ...routes.narratives,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('narratives', { caller: callerOf(request), year: request.query.year }),
  });

  app.route({
    ...routes.saveNarrative,
    config: { permission: 'narratives:write' },
    handler: async (request) =>
      backend.call('saveNarrative', { caller: callerOf(request), code: request.params.code, edit: request.body }),
  });
};
