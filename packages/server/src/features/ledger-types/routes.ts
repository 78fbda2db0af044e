import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';

const routes = api.ledgerTypes;

/** 台账设置: the organisation's ledger types, listed, created and changed (docs/api.md, "Ledger types"). */
export const ledgerTypeRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.ledgerTypes,
    config: { permission: 'ledgerTypes:write' },
    handler: async (request) => backend.call('ledgerTypes', { caller: callerOf(request) }),
  });

  app.route({
    ...routes.createLedgerType,
    config: { permission: 'ledgerTypes:write' },
    handler: async (request, reply) => {
      const type = await backend.call('createLedgerType', {
        caller: callerOf(request),
        definition: request.body.definition,
      });
      return reply.status(201).send(type);
    },
  });

  app.route({
    ...routes.changeLedgerType,
    config: { permission: 'ledgerTypes:write' },
    handler: async (request) =>
      backend.call('changeLedgerType', { caller: callerOf(request), code: request.params.code, ...request.body }),
  });
};
