import type { WireError } from '../backend/protocol.js';

/**
 * The catalogue of the HTTP server's own refusals: what it answers before a request reaches the
 * services, or when a service cannot be reached — each code once, with its status and its
 * Chinese message made from named arguments. The services' refusals are theirs
 * (services/src/refusals.ts); these are the shell's.
 */
interface HttpRefusal<A> {
  status: number;
  message: (args: A) => string;
}

const entry = <A = Record<never, never>>(status: number, message: (args: A) => string): HttpRefusal<A> => ({
  status,
  message,
});

export const HTTP_REFUSALS = {
  /** a request the schemas refuse: `where` 请求体/查询参数/路径参数/请求地址, `problem` the first reason */
  BAD_REQUEST: entry<{ where: string; problem: string }>(400, ({ where, problem }) => `${where}格式不正确：${problem}`),
  UNAUTHENTICATED: entry(401, () => '请先登录；如果刚才已经登录，可能是长时间未操作，登录已超时'),
  LOGIN_FAILED: entry(401, () => '用户名或密码不正确，或账户已暂时锁定'),
  CSRF_INVALID: entry(403, () => '请求缺少有效的安全令牌（页面可能已过期），请刷新页面后重试'),
  /** the role lacks the route's permission; the services' FORBIDDEN words the access rules' own refusals */
  FORBIDDEN: entry<{ role: string; what: string }>(403, ({ role, what }) => `您的角色（${role}）无权${what}`),
  NOT_FOUND: entry<{ method: string; path: string }>(404, ({ method, path }) => `没有这个接口：${method} ${path}`),
  CONFLICT: entry(409, () => '数据已被他人同时修改，请刷新后重试'),
  PAYLOAD_TOO_LARGE: entry(413, () => '提交的内容太大'),
  URI_TOO_LONG: entry(414, () => '请求地址中的路径参数太长'),
  UNSUPPORTED_MEDIA_TYPE: entry(415, () => '请求体应为 JSON（Content-Type: application/json）'),
  CONSTRAINT: entry(422, () => '数据不符合数据库的约束，未保存；请检查后重试'),
  INTERNAL: entry(500, () => '服务器内部错误，请稍后重试；如果一再出现，请联系系统管理员'),
  DATABASE_DOWN: entry(503, () => '数据库暂不可用，请稍后重试'),
  /** the database worker: `state` 意外中断（本次操作可能未完成）, 正在重新启动, 已停止 */
  BACKEND_DOWN: entry<{ state: 'interrupted' | 'restarting' | 'stopped' }>(503, ({ state }) => BACKEND_STATES[state]),
} as const;

const BACKEND_STATES = {
  interrupted: '数据服务意外中断，本次操作可能未完成，请刷新后查看并重试',
  restarting: '数据服务正在重新启动，请稍后重试',
  stopped: '数据服务已停止，请稍后重试或联系系统管理员',
} as const;

export type HttpRefusalCode = keyof typeof HTTP_REFUSALS;
type ArgsOf<C extends HttpRefusalCode> = (typeof HTTP_REFUSALS)[C] extends HttpRefusal<infer A> ? A : never;

/** The answer of catalogue entry `code`; `details` lists every reason where there are several, `internal` goes to the log only. */
export function httpRefusal<C extends HttpRefusalCode>(
  code: C,
  args: ArgsOf<C>,
  extra: { details?: readonly string[]; internal?: string } = {},
): WireError {
  const entry = HTTP_REFUSALS[code] as unknown as HttpRefusal<ArgsOf<C>>;
  return { status: entry.status, code, message: entry.message(args), ...extra };
}
