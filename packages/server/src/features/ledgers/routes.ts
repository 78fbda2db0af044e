import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { Backend } from '../../backend/backend.js';
import { callerOf, scopeOf } from '../../http/auth.js';
import { jsonText } from '../../http/json-text.js';

const routes = api.ledgers;

/** 台账: rows listed, shown, added and changed, and each row's history (docs/api.md, "Ledgers"). */
export const ledgerRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  app.route({
    ...routes.ledgers,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('ledgers', { caller: callerOf(request) }),
  });

  app.route({
    ...routes.ledgerRows,
    config: { permission: 'data:read' },
    handler: async (request, reply) => {
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
  });

  app.route({
    ...routes.ledgerRow,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('ledgerRow', { caller: callerOf(request), ...request.params }),
  });

  app.route({
    ...routes.ledgerHistory,
    config: { permission: 'data:read' },
    handler: async (request) => backend.call('ledgerHistory', { caller: callerOf(request), ...request.params }),
  });

  app.route({
    ...routes.createLedgerRow,
    config: { permission: 'ledgers:write' },
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const row = await backend.call('createLedgerRow', {
        caller,
        ledger: request.params.ledger,
        input: request.body,
        scope: scopeOf(caller, 'ledgers:write'),
      });
      return reply.status(201).send(row);
    },
  });

  app.route({
    ...routes.changeLedgerRow,
    config: { permission: 'ledgers:write' },
    handler: async (request) => {
      const caller = callerOf(request);
      return backend.call('changeLedgerRow', {
        caller,
        ...request.params,
        ...request.body,
        scope: scopeOf(caller, 'ledgers:write'),
      });
    },
  });
};
