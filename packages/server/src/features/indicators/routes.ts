import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf, scopeOf } from '../../http/auth.js';
import { jsonText } from '../../http/json-text.js';

const routes = api.indicators;

/** 指标: the figures of a period, an indicator's values, entering one value (docs/api.md, "Indicators"). */
export const indicatorRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.indicators,
    config: { permission: 'data:read' },
    handler: async (request, reply) =>
      jsonText(reply, await backend.callJson('indicators', { caller: callerOf(request), ...request.query })),
  });

  app.route({
    ...routes.indicatorValues,
    config: { permission: 'data:read' },
    handler: async (request) =>
      backend.call('indicatorValues', {
        caller: callerOf(request),
        code: request.params.code,
        year: request.query.year,
      }),
  });

  app.route({
    ...routes.enterValue,
    config: { permission: 'values:write' },
    handler: async (request) => {
      const caller = callerOf(request);
      const { code, year, period } = request.params;
      return backend.call('enterValue', {
        caller,
        input: { code, year, period, ...request.body },
        scope: scopeOf(caller, 'values:write'),
      });
    },
  });
};
