import type { Database } from '@taizhang/db';
import { saveTarget, type TargetRequest, targetList } from '@taizhang/services';
import { type OnBehalf, yearOf } from '../on-behalf.js';

/** 目标任务: the year's targets, and the office setting one. */
export const targetOperations = {
  async targets(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return targetList(db, caller.orgId, await yearOf(db, caller, year));
  },
  saveTarget: (db: Database, { caller, request }: OnBehalf & { request: TargetRequest }) =>
    saveTarget(db, caller, request),
};
