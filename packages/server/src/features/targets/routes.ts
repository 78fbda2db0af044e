import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';

const routes = api.targets;

/** 目标任务: every indicator's target of a year, and the office setting one (docs/api.md, "Targets"). */
export const targetRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.targets,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('targets', { caller: callerOf(request), year: request.query.year }),
  });

  app.route({
    ...routes.saveTarget,
    config: { permission: 'targets:write' },
    handler: async (request) => {
      const { code, year } = request.params;
      return backend.call('saveTarget', { caller: callerOf(request), request: { code, year, ...request.body } });
    },
  });
};
