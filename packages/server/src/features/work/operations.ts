import type { Database } from '@taizhang/db';
import { choosePeriod, dashboard, todoList } from '@taizhang/services';
import { type OnBehalf, organisationOf, type PeriodQuery } from '../on-behalf.js';

/** 我的待办 and 领导驾驶舱. */
export const workOperations = {
  async todo(db: Database, { caller, section, ...query }: OnBehalf & PeriodQuery & { section: string | null }) {
    const org = await organisationOf(db, caller);
    return todoList(db, org, await choosePeriod(db, org.id, query), section);
  },
  async dashboard(db: Database, { caller, ...query }: OnBehalf & PeriodQuery) {
    const org = await organisationOf(db, caller);
    return dashboard(db, org, await choosePeriod(db, org.id, query));
  },
};
