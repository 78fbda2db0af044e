import { Type } from '@sinclair/typebox';
import type { Answer, BodyOf } from '../kit.js';
import { AnyObject, body, described, listOf, ref, route, version } from '../kit.js';
import { LedgerType } from '../shapes.js';

/**
 * 台账设置: the ledger types an organisation keeps, created and changed by the office and the
 * administrator (docs/api.md, "Ledger types"; the definition's format is docs/ledgers.md).
 */

const code = Type.String({ maxLength: 40, description: '台账代码，如 parking' });

export const ledgerTypes = route({
  method: 'GET',
  url: '/api/ledger-types',
  schema: {
    tags: ['台账设置'],
    summary: '本单位的全部台账类型及其定义（内置台账只读）',
    response: { 200: listOf(LedgerType) },
  },
});

export const createLedgerType = route({
  method: 'POST',
  url: '/api/ledger-types',
  schema: {
    tags: ['台账设置'],
    summary: '新建台账类型：定义按数据集的 ledgerTypes 格式校验，不合格则 422；同时建立它的数据表',
    body: body({ definition: described(AnyObject, '台账类型定义（docs/ledgers.md）') }),
    response: { 201: ref(LedgerType) },
  },
});

export const changeLedgerType = route({
  method: 'PUT',
  url: '/api/ledger-types/:code',
  schema: {
    tags: ['台账设置'],
    summary:
      '修改台账类型（整体替换定义）：可改名称和标题、增加字段、调整选项、停用字段、调整顺序；字段不能删除或改类型；已有记录、派生指标或报告模板与新定义冲突则 422 并列出它们；version 过期则 409',
    params: Type.Object({ code }),
    body: body({ version: version(1), definition: described(AnyObject, '台账类型定义（docs/ledgers.md）') }),
    response: { 200: ref(LedgerType) },
  },
});

// What the web app names of these routes.
export type LedgerTypeList = Answer<typeof ledgerTypes>;
export type LedgerTypeInput = BodyOf<typeof createLedgerType>;
export type LedgerTypeChange = BodyOf<typeof changeLedgerType>;
