import { ROLES, YEAR_MAX, YEAR_MIN } from '@taizhang/core';
import type { FastifyInstance } from 'fastify';

/**
 * The shapes docs/api.md names (User, IndicatorFigures, LedgerRow, …), registered once by
 * $id so that routes refer to them (`{ $ref: 'LedgerRow#' }`) and the OpenAPI document lists
 * them as components. Exact decimals are strings; every figure that may be missing is nullable.
 */

/** A role code (docs/api.md, "Roles"), from the role list itself. */
export const roleSchema = { type: 'string', enum: Object.keys(ROLES) } as const;

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const named = {
  type: 'object',
  properties: { code: str, name: str },
  required: ['code', 'name'],
} as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

/** What names an indicator wherever one is listed: its code, names, unit, precision, owner and kind. */
const indicatorIdentity = {
  code: str,
  name: str,
  unit: str,
  decimals: int,
  section: named,
  kind: { type: 'string', enum: ['flow', 'level', 'rate'] },
  frequency: { type: 'string', enum: ['monthly', 'quarterly'] },
} as const;

/** One field of a ledger as a form is built from it (docs/api.md, `LedgerInfo`). */
const ledgerField = {
  type: 'object',
  properties: {
    name: str,
    label: str,
    type: {
      type: 'string',
      enum: ['text', 'date', 'datetime', 'integer', 'decimal', 'boolean', 'enum', 'list', 'object'],
    },
    required: { type: 'boolean' },
    options: { type: 'array', items: { type: 'object', properties: { value: str, label: str } } },
  },
  required: ['name', 'label', 'type', 'required'],
} as const;

export const SHARED_SCHEMAS = [
  {
    $id: 'Error',
    description: '错误：code 稳定，message 为可直接展示的中文；409 时 current 为最新内容',
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: str,
          message: str,
          details: { type: 'array', items: str },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              properties: { field: str, path: str, message: str, line: int },
              required: ['field', 'message'],
            },
          },
        },
        required: ['code', 'message'],
      },
      current: {},
    },
    required: ['error'],
  },
  { $id: 'Named', ...named },
  {
    $id: 'Period',
    type: 'object',
    properties: { year: int, through: int, label: str },
    required: ['year', 'through', 'label'],
  },
  {
    $id: 'User',
    description: '当前登录用户',
    type: 'object',
    properties: {
      id: str,
      username: str,
      displayName: str,
      role: roleSchema,
      org: named,
      section: { anyOf: [named, { type: 'null' }] },
    },
    required: ['id', 'username', 'displayName', 'role', 'org', 'section'],
  },
  {
    $id: 'Session',
    type: 'object',
    properties: { user: { $ref: 'User#' }, csrfToken: str, expiresAt: str },
    required: ['user', 'csrfToken'],
  },
  {
    $id: 'IndicatorFigures',
    description: '某指标某期的各项数字（已按报告口径舍入）；缺少的为 null，原因见 missing',
    type: 'object',
    properties: {
      ...indicatorIdentity,
      derived: { type: 'boolean' },
      periodLabel: str,
      ytd: nullableStr,
      base: nullableStr,
      growth: nullableStr,
      target: nullableStr,
      targetGrowth: nullableStr,
      share: nullableStr,
      pointsOverTarget: nullableStr,
      timeProgress: nullableStr,
      aheadOfTime: nullableStr,
      forecast: nullableStr,
      status: { type: 'string', enum: ['green', 'yellow', 'red', 'none'] },
      behind: { type: 'boolean' },
      missing: { type: 'object', additionalProperties: str },
    },
    required: ['code', 'name', 'unit', 'section', 'kind', 'frequency', 'derived', 'periodLabel', 'status', 'behind'],
  },
  {
    $id: 'Value',
    type: 'object',
    properties: {
      period: int,
      value: str,
      comparableBase: nullableStr,
      note: nullableStr,
      source: nullableStr,
      version: int,
      enteredBy: nullableStr,
      enteredAt: str,
    },
    required: ['period', 'value', 'version', 'enteredAt'],
  },
  {
    $id: 'LedgerInfo',
    type: 'object',
    properties: {
      code: str,
      label: str,
      rowTitle: str,
      fields: {
        type: 'array',
        items: {
          ...ledgerField,
          properties: { ...ledgerField.properties, items: { type: 'array', items: ledgerField } },
        },
      },
    },
    required: ['code', 'label', 'fields'],
  },
  {
    $id: 'LedgerRow',
    type: 'object',
    properties: {
      ref: str,
      section: named,
      version: int,
      fields: anyObject,
      warnings: { type: 'array', items: str },
      createdBy: str,
      createdAt: str,
      updatedBy: str,
      updatedAt: str,
    },
    required: ['ref', 'section', 'version', 'fields', 'warnings'],
  },
  {
    $id: 'MissingFigure',
    description: '报告中的【待填】项及负责股室',
    type: 'object',
    properties: {
      ref: int,
      text: str,
      subject: str,
      subjectName: str,
      periodLabel: str,
      section: str,
      sectionName: str,
      reason: str,
      line: int,
    },
    required: ['text', 'subject', 'section', 'reason'],
  },
  {
    $id: 'Gap',
    description: '缺报的指标数值：哪一年哪几期，由哪个股室报送',
    type: 'object',
    properties: {
      indicator: str,
      indicatorName: str,
      section: str,
      sectionName: str,
      year: int,
      periods: { type: 'array', items: int },
      quarterly: { type: 'boolean' },
      role: { type: 'string', enum: ['current', 'prior'] },
    },
    required: ['indicator', 'section', 'year', 'periods', 'role'],
  },
  {
    $id: 'Account',
    description: '用户（管理员视图，不含密码）',
    type: 'object',
    properties: {
      id: str,
      username: str,
      displayName: str,
      role: roleSchema,
      roleName: str,
      section: { anyOf: [named, { type: 'null' }] },
      disabled: { type: 'boolean' },
      lockedUntil: nullableStr,
      passwordChangedAt: str,
      lastLoginAt: nullableStr,
      lastLoginAddress: nullableStr,
      version: int,
      createdAt: str,
      updatedAt: str,
    },
    required: ['id', 'username', 'displayName', 'role', 'section', 'disabled', 'version'],
  },
  {
    $id: 'AccountRequest',
    description: '账户变更申请：系统管理员提出，安全管理员批准后生效（不含密码）',
    type: 'object',
    properties: {
      id: str,
      kind: { type: 'string', enum: ['create', 'change'] },
      status: { type: 'string', enum: ['pending', 'approved', 'rejected', 'withdrawn'] },
      username: str,
      userId: nullableStr,
      targetRole: roleSchema,
      targetRoleName: str,
      changes: {
        type: 'object',
        properties: {
          displayName: str,
          role: roleSchema,
          section: nullableStr,
          disabled: { type: 'boolean' },
          password: { type: 'boolean' },
        },
      },
      summary: { type: 'array', items: str },
      reasons: { type: 'array', items: str },
      requestedBy: str,
      requestedAt: str,
      decidedBy: nullableStr,
      decidedAt: nullableStr,
      decisionNote: nullableStr,
      version: int,
    },
    required: ['id', 'kind', 'status', 'username', 'targetRole', 'changes', 'summary', 'requestedBy', 'requestedAt'],
  },
  {
    $id: 'SignInFailure',
    description: '一次失败的登录：输入的用户名、来源地址和原因',
    type: 'object',
    properties: {
      id: str,
      at: str,
      username: str,
      userId: nullableStr,
      account: nullableStr,
      address: nullableStr,
      reason: { type: 'string', enum: ['unknown', 'wrong', 'locked', 'disabled', 'throttled'] },
      reasonName: str,
      locked: { type: 'boolean' },
    },
    required: ['id', 'at', 'username', 'reason', 'reasonName', 'locked'],
  },
  {
    $id: 'AuditRow',
    type: 'object',
    properties: {
      id: str,
      at: str,
      actor: str,
      address: nullableStr,
      action: { type: 'string', enum: ['insert', 'update', 'delete'] },
      table: str,
      tableName: str,
      before: { anyOf: [anyObject, { type: 'null' }] },
      after: { anyOf: [anyObject, { type: 'null' }] },
    },
    required: ['id', 'at', 'actor', 'action', 'table'],
  },
  {
    $id: 'Narrative',
    type: 'object',
    properties: {
      code: str,
      year: int,
      through: { type: ['integer', 'null'] },
      title: nullableStr,
      section: named,
      text: str,
      version: int,
    },
    required: ['code', 'year', 'through', 'text', 'version'],
  },
  {
    $id: 'Template',
    type: 'object',
    properties: { code: str, name: str, text: str, version: int },
    required: ['code', 'name', 'text', 'version'],
  },
  {
    $id: 'Target',
    description: '某指标某年的目标任务：目标任务（金额）、目标增速（％）、计划进度（1－12 月累计百分比）',
    type: 'object',
    properties: {
      indicator: str,
      year: int,
      amount: nullableStr,
      growth: nullableStr,
      planCurve: { anyOf: [{ type: 'array', items: str }, { type: 'null' }] },
      version: int,
      updatedAt: str,
    },
    required: ['indicator', 'year', 'amount', 'growth', 'planCurve', 'version', 'updatedAt'],
  },
  {
    $id: 'IndicatorTarget',
    description: '一个指标及其某年的目标（尚未设定时 target 为 null）',
    type: 'object',
    properties: {
      ...indicatorIdentity,
      timeProgress: { type: 'string', enum: ['linear', 'days', 'plan'] },
      yearOnYear: { type: 'boolean' },
      derived: { type: 'boolean' },
      target: { anyOf: [{ $ref: 'Target#' }, { type: 'null' }] },
    },
    required: [
      'code',
      'name',
      'unit',
      'decimals',
      'section',
      'kind',
      'frequency',
      'timeProgress',
      'yearOnYear',
      'derived',
      'target',
    ],
  },
  {
    $id: 'Approval',
    type: 'object',
    properties: {
      id: str,
      year: int,
      through: int,
      templateCode: str,
      digest: str,
      approvedBy: str,
      approvedAt: str,
      note: nullableStr,
    },
    required: ['id', 'year', 'through', 'digest', 'approvedBy', 'approvedAt'],
  },
] as const;

export function addSharedSchemas(app: FastifyInstance): void {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
}

/** `{ $ref: 'Name#' }`: a shared shape by its $id. */
export const ref = (id: (typeof SHARED_SCHEMAS)[number]['$id']) => ({ $ref: `${id}#` });

/** A year Taizhang keeps figures for (core's YEAR_MIN–YEAR_MAX). */
export const yearSchema = { type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX, description: '年份' } as const;

/** The last month a period covers. */
export const throughSchema = { type: 'integer', minimum: 1, maximum: 12, description: '截至月份 1－12' } as const;

/** ?year&through: the period; each left to the data when omitted (docs/api.md, "Conventions"). */
export const periodQuery = {
  type: 'object',
  properties: { year: yearSchema, through: throughSchema },
  additionalProperties: false,
} as const;

/** A decimal as text, 12.35 or -3, so nothing is rounded on the way; checked (with a Chinese reason) by the service. */
export const decimalString = { type: 'string', maxLength: 40, description: '十进制数字的文本，如 "12.35"' } as const;

/**
 * A decimal as text, or null for none. One `type` list, not `anyOf` with a null branch: the
 * server coerces types, and ajv would turn null into "" to fit a string branch tried first.
 */
export const nullableDecimalString = { ...decimalString, type: ['string', 'null'] } as const;

/**
 * The largest integer a request may give where the database keeps a 32-bit one (a version);
 * beyond it PostgreSQL would refuse the query rather than the request.
 */
const INT32_MAX = 2_147_483_647;

/** A row's version as read, to change it at (optimistic locking). */
export const versionSchema = (minimum: 0 | 1) => ({ type: 'integer', minimum, maximum: INT32_MAX }) as const;

/** The paging of a list query: rows from `offset`, at most `limit` (default 50). */
export const pagingQuery = {
  offset: { type: 'integer', minimum: 0, maximum: INT32_MAX, default: 0 },
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
} as const;

/** One page of a list: the rows of a shared shape, and how many there are in all. */
export function pageOf(item: ReturnType<typeof ref>) {
  return {
    type: 'object',
    properties: { total: { type: 'integer' }, rows: { type: 'array', items: item } },
    required: ['total', 'rows'],
  } as const;
}
