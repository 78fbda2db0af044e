import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import type { LoginThrottle } from '../http/login-throttle.js';
import { pageOf, pagingQuery, ref, roleSchema, versionSchema } from '../http/schemas.js';

const section = {
  type: ['string', 'null'],
  maxLength: 50,
  description: '所属股室代码：股室填报员必填，其他角色为 null',
} as const;

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^\\d{1,18}$' } },
  required: ['id'],
} as const;

/** A decision's optional note (why it was rejected, what was checked); the body may be left out. */
const decisionBody = {
  type: 'object',
  properties: { note: { type: ['string', 'null'], maxLength: 500 } },
  additionalProperties: false,
} as const;

/** A decision sent without a body is one without a note. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * 用户管理 (the administrator) and 账户审批 (the security officer): docs/api.md, "Accounts and
 * approvals". What gives or restores access is filed as a request (202) and takes effect when
 * a security officer approves it; the rules are core/access/duties.ts.
 */
export async function userRoutes(
  app: FastifyInstance,
  { backend, throttle }: { backend: Backend; throttle: LoginThrottle },
) {
  app.get(
    '/api/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['用户'],
        summary: '本单位全部用户（含锁定状态）',
        response: { 200: { type: 'array', items: ref('Account') } },
      },
    },
    async (request) => backend.call('users', { caller: callerOf(request) }),
  );

  app.post<{
    Body: { username: string; displayName: string; role: string; section?: string | null; password: string };
  }>(
    '/api/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['用户'],
        summary:
          '申请新建用户（202，安全管理员批准后创建）；密码至少 10 位，包含大写字母、小写字母、数字、符号中的三类，且不同于用户名',
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', maxLength: 64 },
            displayName: { type: 'string', maxLength: 100 },
            role: roleSchema,
            section,
            password: { type: 'string', maxLength: 256 },
          },
          required: ['username', 'displayName', 'role', 'password'],
          additionalProperties: false,
        },
        response: { 202: ref('AccountRequest') },
      },
    },
    async (request, reply) => {
      const filed = await backend.call('createUser', { caller: callerOf(request), input: request.body });
      return reply.status(202).send(filed);
    },
  );

  app.patch<{
    Params: { id: string };
    Body: {
      displayName?: string;
      role?: string;
      section?: string | null;
      disabled?: boolean;
      password?: string;
      version: number;
    };
  }>(
    '/api/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['用户'],
        summary:
          '修改用户：改姓名、停用普通账户立即生效（200）；角色、股室、重设密码、启用，以及对审计员和安全管理员账户的任何修改提交审批（202）；version 过期则 409',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            displayName: { type: 'string', maxLength: 100 },
            role: roleSchema,
            section,
            disabled: { type: 'boolean' },
            password: { type: 'string', maxLength: 256 },
            version: versionSchema(1),
          },
          required: ['version'],
          additionalProperties: false,
        },
        response: { 200: ref('Account'), 202: ref('AccountRequest') },
      },
    },
    async (request, reply) => {
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
  );

  app.post<{ Params: { id: string } }>(
    '/api/users/:id/unlock',
    {
      config: { permission: 'users:approve' },
      schema: {
        tags: ['用户'],
        summary: '解除账户的登录锁定（安全管理员）',
        params: idParams,
        response: { 200: ref('Account') },
      },
    },
    async (request) => {
      const account = await backend.call('unlockUser', { caller: callerOf(request), id: request.params.id });
      throttle.forgetName(account.username);
      return account;
    },
  );

  app.get<{
    Querystring: { status?: 'pending' | 'approved' | 'rejected' | 'withdrawn'; offset: number; limit: number };
  }>(
    '/api/users/requests',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['用户'],
        summary: '账户变更申请，新的在前；status 只看某一状态',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['pending', 'approved', 'rejected', 'withdrawn'] },
            ...pagingQuery,
          },
          additionalProperties: false,
        },
        response: { 200: pageOf(ref('AccountRequest')) },
      },
    },
    async (request) => backend.call('accountRequests', { caller: callerOf(request), query: request.query }),
  );

  app.post<{ Params: { id: string }; Body: { note?: string | null } | undefined }>(
    '/api/users/requests/:id/approve',
    {
      config: { permission: 'users:approve' },
      preValidation: noBodyIsEmpty,
      schema: {
        tags: ['用户'],
        summary: '批准申请（安全管理员；不能批准本人提交的申请或对本人账户的变更），申请的变更随即生效',
        params: idParams,
        body: decisionBody,
        response: {
          200: {
            type: 'object',
            properties: { request: ref('AccountRequest'), account: ref('Account') },
            required: ['request', 'account'],
          },
        },
      },
    },
    async (request) => {
      const approved = await backend.call('approveAccountRequest', {
        caller: callerOf(request),
        id: request.params.id,
        note: request.body?.note,
      });
      // A new role, a reset password: no cached session may outlive it.
      app.forgetSessions();
      return approved;
    },
  );

  app.post<{ Params: { id: string }; Body: { note?: string | null } | undefined }>(
    '/api/users/requests/:id/reject',
    {
      config: { permission: 'users:approve' },
      preValidation: noBodyIsEmpty,
      schema: {
        tags: ['用户'],
        summary: '驳回申请（安全管理员），可附理由；账户不变',
        params: idParams,
        body: decisionBody,
        response: { 200: ref('AccountRequest') },
      },
    },
    async (request) =>
      backend.call('rejectAccountRequest', {
        caller: callerOf(request),
        id: request.params.id,
        note: request.body?.note,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/users/requests/:id/withdraw',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['用户'],
        summary: '撤回本人提交、尚未处理的申请（系统管理员）',
        params: idParams,
        response: { 200: ref('AccountRequest') },
      },
    },
    async (request) => backend.call('withdrawAccountRequest', { caller: callerOf(request), id: request.params.id }),
  );

  app.get<{ Querystring: { username?: string; offset: number; limit: number } }>(
    '/api/users/signin-failures',
    {
      config: { permission: 'users:approve' },
      schema: {
        tags: ['用户'],
        summary: '失败的登录，新的在前：输入的用户名、来源地址、原因（安全管理员）',
        querystring: {
          type: 'object',
          properties: { username: { type: 'string', maxLength: 64 }, ...pagingQuery },
          additionalProperties: false,
        },
        response: { 200: pageOf(ref('SignInFailure')) },
      },
    },
    async (request) => backend.call('signInFailures', { caller: callerOf(request), query: request.query }),
  );
}
