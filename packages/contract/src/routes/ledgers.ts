import { Type } from '@sinclair/typebox';
import type { Answer, BodyOf, QueryOf } from '../kit.js';
import {
  AnyObject,
  body,
  defaulted,
  described,
  listOf,
  nullable,
  oneOf,
  orNull,
  pageOf,
  pagingQuery,
  query,
  ref,
  route,
  version,
} from '../kit.js';
import { AUDIT_ACTIONS, LedgerInfo, LedgerRow } from '../shapes.js';

/** 台账: rows listed, shown, added and changed, and each row's history (docs/api.md, "Ledgers"). */

const ledger = Type.String({ maxLength: 50, description: '台账代码，如 complaints' });
const ledgerParams = Type.Object({ ledger });
const rowParams = Type.Object({ ledger, ref: Type.String({ minLength: 1, maxLength: 200 }) });

export const ledgers = route({
  method: 'GET',
  url: '/api/ledgers',
  schema: { tags: ['台账'], summary: '全部台账及其字段定义', response: { 200: listOf(LedgerInfo) } },
});

export const ledgerRows = route({
  method: 'GET',
  url: '/api/ledgers/:ledger',
  schema: {
    tags: ['台账'],
    summary: '台账记录：按编号或文字字段搜索、按股室筛选、排序、分页',
    params: ledgerParams,
    querystring: query({
      search: Type.Optional(
        Type.String({ maxLength: 100, description: '编号或任一文字字段包含的内容（不区分大小写）' }),
      ),
      section: Type.Optional(Type.String({ maxLength: 50, description: '股室代码' })),
      sort: Type.Optional(
        Type.String({ maxLength: 50, description: '排序字段：ref、section、台账字段、createdAt、updatedAt' }),
      ),
      order: defaulted(oneOf(['asc', 'desc'], { default: 'asc' })),
      ...pagingQuery,
    }),
    response: { 200: pageOf(LedgerRow) },
  },
});

export const ledgerRow = route({
  method: 'GET',
  url: '/api/ledgers/:ledger/:ref',
  schema: { tags: ['台账'], summary: '一条台账记录', params: rowParams, response: { 200: ref(LedgerRow) } },
});

/** One change of a row as the audit trail holds it. */
const HistoryEntry = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  address: Type.Optional(nullable(Type.String())),
  action: oneOf(AUDIT_ACTIONS),
  before: orNull(AnyObject),
  after: orNull(AnyObject),
});

export const ledgerHistory = route({
  method: 'GET',
  url: '/api/ledgers/:ledger/:ref/history',
  schema: {
    tags: ['台账'],
    summary: '一条台账记录的修改历史（取自审计日志），从早到晚',
    params: rowParams,
    response: { 200: Type.Array(HistoryEntry) },
  },
});

export const createLedgerRow = route({
  method: 'POST',
  url: '/api/ledgers/:ledger',
  schema: {
    tags: ['台账'],
    summary: '新增一条记录；股室填报员只能为本股室新增（section 省略时即本股室）',
    params: ledgerParams,
    body: body({
      ref: Type.Optional(Type.String({ maxLength: 200, description: '编号（也可写在 fields 中）' })),
      section: Type.Optional(Type.String({ maxLength: 50, description: '所属股室代码（也可写在 fields 中）' })),
      fields: described(AnyObject, '台账字段，按数据集中的字段名'),
    }),
    response: { 201: ref(LedgerRow) },
  },
});

export const changeLedgerRow = route({
  method: 'PATCH',
  url: '/api/ledgers/:ledger/:ref',
  schema: {
    tags: ['台账'],
    summary: '修改一条记录：changes 中的字段覆盖原值（null 清空），整行重新校验；version 过期则 409 并返回最新内容',
    params: rowParams,
    body: body({ version: version(1), changes: AnyObject }),
    response: { 200: ref(LedgerRow) },
  },
});

// What the web app names of these routes.
export type LedgerPage = Answer<typeof ledgerRows>;
export type LedgerQuery = QueryOf<typeof ledgerRows>;
export type HistoryEntry = Answer<typeof ledgerHistory>[number];
export type NewLedgerRow = BodyOf<typeof createLedgerRow>;
export type LedgerChange = BodyOf<typeof changeLedgerRow>;
