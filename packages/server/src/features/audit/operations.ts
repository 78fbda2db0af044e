import type { Database } from '@taizhang/db';
import { type AuditQuery, auditCsv, auditPage } from '@taizhang/services';
import type { OnBehalf } from '../on-behalf.js';

/** 审计日志: a page of the trail, and the trail as CSV. */
export const auditOperations = {
  audit: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery & { offset: number; limit: number } }) =>
    auditPage(db, caller.orgId, query),
  auditCsv: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery }) => auditCsv(db, caller.orgId, query),
};
