import { Type } from '@sinclair/typebox';
import type { Answer } from '../kit.js';
import { listOf, nullable, oneOf, orNull, ref, route } from '../kit.js';
import { LedgerInfo, Named, Period } from '../shapes.js';

/** Health (no sign-in) and what every page starts from (docs/api.md, "Organisation context"). */

const Health = Type.Object({
  status: oneOf(['ok', 'unavailable']),
  engine: oneOf(['pglite', 'postgres']),
  database: oneOf(['up', 'down', 'unknown']),
  worker: oneOf(['up', 'restarting', 'stopped']),
  workerRestarts: Type.Optional(Type.Integer()),
  eventLoopDelayMs: Type.Optional(Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number() })),
});

export const health = route({
  method: 'GET',
  url: '/api/health',
  schema: {
    tags: ['系统'],
    summary:
      '健康检查：数据库能否连通、数据库工作线程是否在运行（任一不可用时答 503），以及 HTTP 线程的事件循环延迟（毫秒，自上次统计周期起）',
    response: { 200: Health, 503: Health },
  },
});

export const context = route({
  method: 'GET',
  url: '/api/context',
  schema: {
    tags: ['系统'],
    summary: '单位、股室、最新数据期间和各台账的字段定义',
    response: {
      200: Type.Object({
        org: Type.Object({ code: Type.String(), name: Type.String(), shortName: nullable(Type.String()) }),
        sections: listOf(Named),
        period: orNull(ref(Period)),
        ledgers: listOf(LedgerInfo),
      }),
    },
  },
});

// What the web app names of these routes.
export type OrgContext = Answer<typeof context>;
export type Health = Answer<typeof health>;
