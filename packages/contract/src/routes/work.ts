import { Type } from '@sinclair/typebox';
import type { Answer } from '../kit.js';
import { listOf, nullable, oneOf, periodQuery, query, ref, route } from '../kit.js';
import { Gap, IndicatorFigures, MissingFigure, Named, Period } from '../shapes.js';

/** 我的待办 and 领导驾驶舱 (docs/api.md, "My work, dashboard, reports"). */

const nullableStr = nullable(Type.String());

export const todo = route({
  method: 'GET',
  url: '/api/todo',
  schema: {
    tags: ['待办'],
    summary: '某期缺报的数值和报告中的【待填】项；股室填报员只看到本股室的，其他角色可按股室筛选',
    querystring: query({ ...periodQuery, section: Type.Optional(Type.String({ maxLength: 50 })) }),
    response: {
      200: Type.Object({ period: ref(Period), gaps: listOf(Gap), missing: listOf(MissingFigure) }),
    },
  },
});

/** One card's figure to date at the end of each month of the period, last year's, and the target's share. */
const DashboardSeries = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  months: Type.Array(
    Type.Object({ month: Type.Integer(), value: nullableStr, prior: nullableStr, target: nullableStr }),
  ),
});

/** An indicator behind time progress. */
const DashboardWarning = Type.Object({
  code: Type.String(),
  name: Type.String(),
  section: ref(Named),
  share: nullableStr,
  timeProgress: nullableStr,
  /** percentage points ahead of time progress (negative: behind) */
  aheadOfTime: nullableStr,
  status: oneOf(['yellow', 'red']),
});

/** The year's key projects of one category, counted by the last milestone done. */
const ProjectCount = Type.Object({
  category: Type.String(),
  count: Type.Integer(),
  byStage: Type.Array(Type.Object({ stage: Type.String(), count: Type.Integer() })),
});

/** Complaints received and closed in one month. */
const ComplaintMonth = Type.Object({ month: Type.Integer(), received: Type.Integer(), closed: Type.Integer() });

export const dashboard = route({
  method: 'GET',
  url: '/api/dashboard',
  schema: {
    tags: ['驾驶舱'],
    summary: '领导驾驶舱：有目标的指标、逐月走势、落后于时序进度的预警、重点项目和群众投诉',
    querystring: query(periodQuery),
    response: {
      200: Type.Object({
        period: ref(Period),
        cards: listOf(IndicatorFigures),
        series: Type.Array(DashboardSeries),
        warnings: Type.Array(DashboardWarning),
        projects: Type.Array(ProjectCount),
        complaints: Type.Array(ComplaintMonth),
      }),
    },
  },
});

// What the web app names of these routes.
export type Todo = Answer<typeof todo>;
export type Dashboard = Answer<typeof dashboard>;
export type DashboardSeries = Dashboard['series'][number];
