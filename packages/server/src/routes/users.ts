import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { callerOf } from '../http/auth.js';
import { ref, roleSchema } from '../http/schemas.js';

const section = {
  type: ['string', 'null'],
  maxLength: 50,
  description: '所属股室代码：股室填报员必填，其他角色为 null',
} as const;

/** 用户管理 for the administrator (docs/api.md, "Audit and users"). */
export async function userRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  app.get(
    '/api/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['用户'],
        summary: '本单位全部用户',
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
        summary: '新建用户；密码至少 10 位，包含大写字母、小写字母、数字、符号中的三类，且不同于用户名',
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
        response: { 201: ref('Account') },
      },
    },
    async (request, reply) => {
      const account = await backend.call('createUser', { caller: callerOf(request), input: request.body });
      return reply.status(201).send(account);
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
        summary: '修改用户（姓名、角色、股室、停用、重设密码）；停用或重设密码会结束其全部会话；version 过期则 409',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^\\d{1,18}$' } }, required: ['id'] },
        body: {
          type: 'object',
          properties: {
            displayName: { type: 'string', maxLength: 100 },
            role: roleSchema,
            section,
            disabled: { type: 'boolean' },
            password: { type: 'string', maxLength: 256 },
            version: { type: 'integer', minimum: 1 },
          },
          required: ['version'],
          additionalProperties: false,
        },
        response: { 200: ref('Account') },
      },
    },
    async (request) => {
      const changed = await backend.call('changeUser', {
        caller: callerOf(request),
        id: request.params.id,
        changes: request.body,
      });
      // A disabled account, a new role or section, a reset password: no cached session may outlive it.
      app.forgetSessions();
      return changed;
    },
  );
}
