import { Type } from '@sinclair/typebox';
import type { Answer, BodyOf } from '../kit.js';
import {
  body,
  Decimal,
  described,
  LatestYear,
  listOf,
  NullableDecimal,
  nullable,
  query,
  ref,
  route,
  version,
  Year,
} from '../kit.js';
import { IndicatorTarget, Target } from '../shapes.js';

/** 目标任务: every indicator's target of a year, and the office setting one (docs/api.md, "Targets"). */

export const targets = route({
  method: 'GET',
  url: '/api/targets',
  schema: {
    tags: ['目标任务'],
    summary: '某年各指标的目标任务（尚未设定的指标 target 为 null）',
    querystring: query({ year: LatestYear }),
    response: { 200: Type.Object({ year: Year, indicators: listOf(IndicatorTarget) }) },
  },
});

export const saveTarget = route({
  method: 'PUT',
  url: '/api/targets/:code/:year',
  schema: {
    tags: ['目标任务'],
    summary:
      '设定某指标某年的目标（整体替换：省略或 null 的部分即不设）；按数据集的规则校验，不合格则 422；修改时带上读取时的 version，过期则 409 并返回最新目标',
    params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), year: Year }),
    body: body({
      amount: Type.Optional(described(NullableDecimal, '目标任务（指标的计量单位）；null 为不设')),
      growth: Type.Optional(described(NullableDecimal, '目标增速（％）；null 为不设')),
      planCurve: Type.Optional(
        described(
          nullable(Type.Array(Decimal, { maxItems: 100 })),
          '计划进度：1 至 12 月累计计划完成的百分比，共 12 个值，逐月不减，12 月为 100',
        ),
      ),
      version: Type.Optional(described(version(0), '读取时的版本；新设定时省略')),
    }),
    response: { 200: ref(Target) },
  },
});

// What the web app names of these routes.
export type TargetList = Answer<typeof targets>;
export type TargetInput = BodyOf<typeof saveTarget>;
