import type { Database } from '@taizhang/db';
import { type AuditQuery, auditCsv, auditPage, auditTables } from '@taizhang/services';
import type { OnBehalf } from '../on-behalf.js';

/** 审计日志: a page of the trail, the trail as CSV, and the tables it may be filtered by. */
export const auditOperations = {
  audit: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery & { offset: number; limit: number } }) =>
    auditPage(db, caller.orgId, query),
  auditCsv: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery }) => auditCsv(db, caller.orgId, query),
  auditTables: (db: Database, { caller }: OnBehalf) => auditTables(db, caller.orgId),
};
