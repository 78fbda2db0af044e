import type { Database } from '@taizhang/db';
import {
  choosePeriod,
  enterValue,
  evaluateIndicators,
  figuresView,
  indicatorValues,
  periodView,
  type ValueInput,
} from '@taizhang/services';
import { type OnBehalf, type PeriodQuery, yearOf } from '../on-behalf.js';

/** 指标填报: every indicator's figures for a period, one indicator's values, entering a value. */
export const indicatorOperations = {
  async indicators(db: Database, { caller, ...query }: OnBehalf & PeriodQuery) {
    const period = await choosePeriod(db, caller.orgId, query);
    const figures = await evaluateIndicators(db, caller.orgId, period);
    return { period: periodView(period), indicators: figures.map(figuresView) };
  },
  async indicatorValues(db: Database, { caller, code, year }: OnBehalf & { code: string; year?: number }) {
    return indicatorValues(db, caller.orgId, code, await yearOf(db, caller, year));
  },
  enterValue: (db: Database, { caller, input, scope }: OnBehalf & { input: ValueInput; scope: string | null }) =>
    enterValue(db, caller, input, scope),
};
