import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

/**
 * Every error answers in the shape of docs/api.md ("Errors"), in Chinese: a refusal from a
 * service with its status, a malformed request (400) with what is wrong in it, anything
 * else a 500 whose details go to the log, never to the client.
 */

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文字',
  integer: '整数',
  number: '数字',
  boolean: '是否值（true 或 false）',
  object: '对象',
  array: '列表',
  null: '空值',
};

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** One schema complaint as a reader understands it: which field, what is wrong. */
function describe(issue: ValidationIssue, context: string | undefined): string {
  const where = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || (context === 'body' ? '请求体' : '参数');
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `缺少必填字段 ${String(p.missingProperty)}`;
    case 'additionalProperties':
      return `${where} 中有未知字段 ${String(p.additionalProperty)}`;
    case 'type':
      return `${where} 应为${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join('或')}`;
    case 'enum':
      return `${where} 应为 ${(p.allowedValues as unknown[]).map(String).join('、')} 之一`;
    case 'minimum':
    case 'maximum':
      return `${where} 应${issue.keyword === 'minimum' ? '不小于' : '不大于'} ${String(p.limit)}`;
    case 'minLength':
      return `${where} 至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `${where} 最多 ${String(p.limit)} 个字符`;
    case 'format':
      // ajv's date format knows the calendar: 2021-02-30 and 2021-13-01 are refused here.
      if (p.format === 'date') return `${where} 应为真实存在的日期（YYYY-MM-DD），如 2021-02-28`;
      return `${where} 的格式不对`;
    case 'pattern':
      return `${where} 的格式不对`;
    default:
      return `${where} 不符合要求（${issue.keyword}）`;
  }
}

const CONTEXT_NAMES: Readonly<Record<string, string>> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** Fastify's refusals of a body it could not read, by their code: what is wrong with the body. */
const MALFORMED_BODY: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '为空；内容类型为 JSON 时应提交 JSON',
};

/**
 * What Fastify refuses before any route or hook runs (a path whose escapes are not UTF-8, a
 * path param past its length), in the same shape and headers as every other refusal.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const refusal = tooLong
    ? ApiError.of('URI_TOO_LONG', {})
    : ApiError.of('BAD_REQUEST', { where: '请求地址', problem: '有无效的转义字符（% 后应为 UTF-8 编码）' });
  void reply.status(refusal.status).header('cache-control', 'no-store').send(refusal.body());
}

export function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.wire.internal !== undefined) request.log.error({ internal: error.wire.internal }, error.code);
      return reply.status(error.status).send(error.body());
    }
    if (error.validation) {
      const details = error.validation.map((issue) => describe(issue as ValidationIssue, error.validationContext));
      const where = CONTEXT_NAMES[error.validationContext ?? ''] ?? '请求';
      return reply
        .status(400)
        .send(ApiError.of('BAD_REQUEST', { where, problem: details[0] ?? '' }, { details }).body());
    }
    const status = error.statusCode ?? 500;
    if (status === 415) {
      return reply.status(415).send(ApiError.of('UNSUPPORTED_MEDIA_TYPE', {}).body());
    }
    if (status === 413) {
      return reply.status(413).send(ApiError.of('PAYLOAD_TOO_LARGE', {}).body());
    }
    const malformed = MALFORMED_BODY[error.code];
    if (status === 400 && malformed !== undefined) {
      return reply.status(400).send(ApiError.of('BAD_REQUEST', { where: '请求体', problem: malformed }).body());
    }
    if (status >= 400 && status < 500) {
      const refusal = ApiError.of('BAD_REQUEST', { where: '请求', problem: '无法处理' });
      return reply.status(status).send(refusal.body());
    }
    request.log.error(error);
    return reply.status(500).send(ApiError.of('INTERNAL', {}).body());
  });
}
