import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api } from '@taizhang/contract';
import type { FastifyRequest } from 'fastify';
import type { Backend } from '../../backend/backend.js';
import { callerOf } from '../../http/auth.js';
import type { LoginThrottle } from '../../http/login-throttle.js';

const routes = api.users;

/** A decision sent without a body is one without a note. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * 用户管理 (the administrator) and 账户审批 (the security officer): docs/api.md, "Accounts and
 * approvals". What gives or restores access is filed as a request (202) and takes effect when
 * a security officer approves it; the rules are core/access/duties.ts.
 */
export const userRoutes: FastifyPluginAsyncTypebox<{ backend: Backend; throttle: LoginThrottle }> = async (
  app,
  { backend, throttle },
) => {
  app.route({
    ...routes.users,
    config: { permission: 'users:read' },
    handler: async (request) => backend.call('users', { caller: callerOf(request) }),
  });

  app.route({
    ...routes.createUser,
    config: { permission: 'users:manage' },
    handler: async (request, reply) => {
      const filed = await backend.call('createUser', { caller: callerOf(request), input: request.body });
      return reply.status(202).send(filed);
    },
  });

  app.route({
    ...routes.changeUser,
    config: { permission: 'users:manage' },
    handler: async (request, reply) => {
      const outcome = await backend.call('changeUser', {
        caller: callerOf(request),
        id: request.params.id,
        changes: request.body,
      });
      if (outcome.status === 'requested') return reply.status(202).send(outcome.request);
      // A disabled account: no cached session may outlive it.
      app.forgetSessions();
      return outcome.account;
    },
  });

  app.route({
    ...routes.unlockUser,
    config: { permission: 'users:approve' },
    handler: async (request) => {
      const account = await backend.call('unlockUser', { caller: callerOf(request), id: request.params.id });
      throttle.forgetName(account.username);
      return account;
    },
  });

  app.route({
    ...routes.accountRequests,
    config: { permission: 'users:read' },
    handler: async (request) => backend.call('accountRequests', { caller: callerOf(request), query: request.query }),
  });

  app.route({
    ...routes.approveAccountRequest,
    config: { permission: 'users:approve' },
    preValidation: noBodyIsEmpty,
    handler: async (request) => {
      const approved = await backend.call('approveAccountRequest', {
        caller: callerOf(request),
        id: request.params.id,
        note: request.body.note,
      });
      // A new role, a reset password: no cached session may outlive it.
      app.forgetSessions();
      return approved;
    },
  });

  app.route({
    ...routes.rejectAccountRequest,
    config: { permission: 'users:approve' },
    preValidation: noBodyIsEmpty,
    handler: async (request) =>
      backend.call('rejectAccountRequest', {
        caller: callerOf(request),
        id: request.params.id,
        note: request.body.note,
      }),
  });

  app.route({
    ...routes.withdrawAccountRequest,
    config: { permission: 'users:manage' },
    handler: async (request) =>
      backend.call('withdrawAccountRequest', { caller: callerOf(request), id: request.params.id }),
  });

  app.route({
    ...routes.signInFailures,
    config: { permission: 'users:approve' },
    handler: async (request) => backend.call('signInFailures', { caller: callerOf(request), query: request.query }),
  });
};
