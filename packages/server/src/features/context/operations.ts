import type { Database } from '@taizhang/db';
import { organisationContext } from '@taizhang/services';
import { type OnBehalf, organisationOf } from '../on-behalf.js';

/** The organisation every page starts from. */
export const contextOperations = {
  async context(db: Database, { caller }: OnBehalf) {
    return organisationContext(db, await organisationOf(db, caller));
  },
};
