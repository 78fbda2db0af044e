import { Type } from '@sinclair/typebox';
import type { Answer, BodyOf, QueryOf } from '../kit.js';
import { body, described, nullable, oneOf, pageOf, pagingQuery, query, ref, route, version } from '../kit.js';
import { ACCOUNT_REQUEST_STATUSES, Account, AccountRequest, RoleCode, SignInFailure } from '../shapes.js';

/**
 * 用户管理 (the administrator) and 账户审批 (the security officer): docs/api.md, "Accounts and
 * approvals". What gives or restores access is filed as a request (202) and takes effect when
 * a security officer approves it.
 */

const section = described(nullable(Type.String({ maxLength: 50 })), '所属股室代码：股室填报员必填，其他角色为 null');
const idParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,18}$' }) });

/** A decision's optional note (why it was rejected, what was checked); the body may be left out. */
const decisionBody = body({ note: Type.Optional(nullable(Type.String({ maxLength: 500 }))) });

export const users = route({
  method: 'GET',
  url: '/api/users',
  schema: { tags: ['用户'], summary: '本单位全部用户（含锁定状态）', response: { 200: Type.Array(ref(Account)) } },
});

export const createUser = route({
  method: 'POST',
  url: '/api/users',
  schema: {
    tags: ['用户'],
    summary:
      '申请新建用户（202，安全管理员批准后创建）；密码至少 10 位，包含大写字母、小写字母、数字、符号中的三类，且不同于用户名',
    body: body({
      username: Type.String({ maxLength: 64 }),
      displayName: Type.String({ maxLength: 100 }),
      role: RoleCode,
      section: Type.Optional(section),
      password: Type.String({ maxLength: 256 }),
    }),
    response: { 202: ref(AccountRequest) },
  },
});

export const changeUser = route({
  method: 'PATCH',
  url: '/api/users/:id',
  schema: {
    tags: ['用户'],
    summary:
      '修改用户：改姓名、停用普通账户立即生效（200）；角色、股室、重设密码、启用，以及对审计员和安全管理员账户的任何修改提交审批（202）；version 过期则 409',
    params: idParams,
    body: body({
      displayName: Type.Optional(Type.String({ maxLength: 100 })),
      role: Type.Optional(RoleCode),
      section: Type.Optional(section),
      disabled: Type.Optional(Type.Boolean()),
      password: Type.Optional(Type.String({ maxLength: 256 })),
      version: version(1),
    }),
    response: { 200: ref(Account), 202: ref(AccountRequest) },
  },
});

export const unlockUser = route({
  method: 'POST',
  url: '/api/users/:id/unlock',
  schema: {
    tags: ['用户'],
    summary: '解除账户的登录锁定（安全管理员）',
    params: idParams,
    response: { 200: ref(Account) },
  },
});

export const accountRequests = route({
  method: 'GET',
  url: '/api/users/requests',
  schema: {
    tags: ['用户'],
    summary: '账户变更申请，新的在前；status 只看某一状态',
    querystring: query({ status: Type.Optional(oneOf(ACCOUNT_REQUEST_STATUSES)), ...pagingQuery }),
    response: { 200: pageOf(AccountRequest) },
  },
});

export const approveAccountRequest = route({
  method: 'POST',
  url: '/api/users/requests/:id/approve',
  schema: {
    tags: ['用户'],
    summary: '批准申请（安全管理员；不能批准本人提交的申请或对本人账户的变更），申请的变更随即生效',
    params: idParams,
    body: decisionBody,
    response: { 200: Type.Object({ request: ref(AccountRequest), account: ref(Account) }) },
  },
});

export const rejectAccountRequest = route({
  method: 'POST',
  url: '/api/users/requests/:id/reject',
  schema: {
    tags: ['用户'],
    summary: '驳回申请（安全管理员），可附理由；账户不变',
    params: idParams,
    body: decisionBody,
    response: { 200: ref(AccountRequest) },
  },
});

export const withdrawAccountRequest = route({
  method: 'POST',
  url: '/api/users/requests/:id/withdraw',
  schema: {
    tags: ['用户'],
    summary: '撤回本人提交、尚未处理的申请（系统管理员）',
    params: idParams,
    response: { 200: ref(AccountRequest) },
  },
});

export const signInFailures = route({
  method: 'GET',
  url: '/api/users/signin-failures',
  schema: {
    tags: ['用户'],
    summary: '失败的登录，新的在前：输入的用户名、来源地址、原因（安全管理员）',
    querystring: query({ username: Type.Optional(Type.String({ maxLength: 64 })), ...pagingQuery }),
    response: { 200: pageOf(SignInFailure) },
  },
});

// What the web app names of these routes.
export type NewUser = BodyOf<typeof createUser>;
export type UserChanges = BodyOf<typeof changeUser>;
export type AccountRequestPage = Answer<typeof accountRequests>;
export type AccountRequestQuery = QueryOf<typeof accountRequests>;
export type Approved = Answer<typeof approveAccountRequest>;
export type SignInFailurePage = Answer<typeof signInFailures>;
export type SignInFailureQuery = QueryOf<typeof signInFailures>;
