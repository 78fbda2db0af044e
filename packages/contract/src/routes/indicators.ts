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
  periodQuery,
  query,
  ref,
  route,
  version,
  Year,
} from '../kit.js';
import { IndicatorFigures, Named, Period, Value } from '../shapes.js';

/** 指标: the figures of a period, an indicator's values, entering one value (docs/api.md, "Indicators"). */

const code = Type.String({ maxLength: 100 });

export const indicators = route({
  method: 'GET',
  url: '/api/indicators',
  schema: {
    tags: ['指标'],
    summary: '各指标某期的累计、目标、完成率、同比、时序进度和预警',
    querystring: query(periodQuery),
    response: { 200: Type.Object({ period: ref(Period), indicators: listOf(IndicatorFigures) }) },
  },
});

export const indicatorValues = route({
  method: 'GET',
  url: '/api/indicators/:code/values',
  schema: {
    tags: ['指标'],
    summary: '某指标某年各期的填报值，以及上年同期的值',
    params: Type.Object({ code }),
    querystring: query({ year: LatestYear }),
    response: {
      200: Type.Object({
        indicator: Type.Object({
          code: Type.String(),
          name: Type.String(),
          unit: Type.String(),
          decimals: Type.Integer(),
          frequency: Type.String(),
          section: ref(Named),
          derived: Type.Boolean(),
          yearOnYear: Type.Boolean({ description: '是否作同比；为 false 时不能填上年同期可比数' }),
        }),
        year: Type.Integer(),
        values: listOf(Value),
        prior: listOf(Value),
      }),
    },
  },
});

export const enterValue = route({
  method: 'PUT',
  url: '/api/indicators/:code/values/:year/:period',
  schema: {
    tags: ['指标'],
    summary: '填报或修改一期数值：修改时带上读取时的 version，过期则 409 并返回最新值；股室填报员只能填报本股室的指标',
    params: Type.Object({
      code,
      year: Year,
      period: Type.Integer({ minimum: 1, maximum: 12, description: '月份 1－12；季报指标为季度 1－4' }),
    }),
    body: body({
      value: Decimal,
      comparableBase: Type.Optional(described(NullableDecimal, '上年同期可比数；null 为不填')),
      note: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
      source: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
      version: Type.Optional(described(version(0), '读取时的版本；新填报时省略')),
    }),
    response: { 200: ref(Value) },
  },
});

// What the web app names of these routes.
export type IndicatorList = Answer<typeof indicators>;
export type IndicatorValues = Answer<typeof indicatorValues>;
export type IndicatorValueInput = BodyOf<typeof enterValue>;
