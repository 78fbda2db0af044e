import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';
import { jsonText } from '../../http/json-text.js';

const routes = api.work;

/** 我的待办 and 领导驾驶舱 (docs/api.md, "My work, dashboard, reports"). */
export const workRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.todo,
    config: { permission: 'data:read' },
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const { section, ...period } = request.query;
      // A clerk's work is their section's, whatever they ask for.
      const own = caller.user.role === 'clerk' ? (caller.user.section?.code ?? '') : (section ?? null);
      return jsonText(reply, await backend.callJson('todo', { caller, ...period, section: own }));
    },
  });

  app.route({
    ...routes.dashboard,
    config: { permission: 'data:read' },
    handler: async (request, reply) =>
      jsonText(reply, await backend.callJson('dashboard', { caller: callerOf(request), ...request.query })),
  });
};
