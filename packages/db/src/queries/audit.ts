import type { Queryable } from '../database.js';

/** Reading the audit trail (审计日志); nothing here or anywhere else writes it but the triggers. */

export interface AuditRow {
  id: string;
  /** UTC ISO instant */
  at: string;
  actor: string;
  address: string | null;
  userId: string | null;
  action: 'insert' | 'update' | 'delete';
  table: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilter {
  /** any of these tables */
  tables?: readonly string[] | undefined;
  actor?: string | undefined;
  /** UTC ISO instants: from inclusive, before exclusive */
  from?: string | undefined;
  before?: string | undefined;
}

const SELECT = `select id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor,
    address, user_id::text as "userId", action, table_name as "table", before, after
  from audit_log a`;

function where(orgId: string, filter: AuditFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  const conditions = ['org_id = $1'];
  const add = (condition: (param: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filter.tables !== undefined) add((p) => `table_name = any(${p}::text[])`, filter.tables);
  if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
  if (filter.from !== undefined) add((p) => `at >= ${p}::timestamptz`, filter.from);
  if (filter.before !== undefined) add((p) => `at < ${p}::timestamptz`, filter.before);
  return { sql: conditions.join(' and '), params };
}

/** One page of the trail, newest first, and how many records the filter matches in all. */
export async function listAudit(
  q: Queryable,
  orgId: string,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: AuditRow[] }> {
  const { sql, params } = where(orgId, filter);
  const [count] = await q.query<{ total: number }>(`select count(*)::int as total from audit_log where ${sql}`, params);
  // Bound as parameters like every other value: a page size is input too.
  const rows = await q.query<AuditRow & Record<string, unknown>>(
    `${SELECT} where ${sql} order by a.id desc limit $${params.length + 1}::bigint offset $${params.length + 2}::bigint`,
    [...params, Math.max(0, Math.floor(page.limit)), Math.max(0, Math.floor(page.offset))],
  );
  return { total: count?.total ?? 0, rows };
}

/**
 * The trail in id order from after `afterId`, `limit` records at a time: an export reads it
 * batch by batch (keyset paging), never the whole trail at once.
 */
export async function auditBatch(
  q: Queryable,
  orgId: string,
  filter: AuditFilter,
  afterId: string,
  limit: number,
): Promise<AuditRow[]> {
  const { sql, params } = where(orgId, filter);
  params.push(afterId, Math.max(1, Math.floor(limit)));
  return q.query<AuditRow & Record<string, unknown>>(
    `${SELECT} where ${sql} and a.id > $${params.length - 1}::bigint order by a.id limit $${params.length}::bigint`,
    params,
  );
}

/** Every record of one ledger row (matched by its ref), oldest first. */
export async function rowHistory(
  q: Queryable,
  orgId: string,
  tables: readonly string[],
  ref: string,
): Promise<AuditRow[]> {
  return q.query<AuditRow & Record<string, unknown>>(
    `${SELECT} where org_id = $1 and table_name = any($2::text[]) and coalesce(after ->> 'ref', before ->> 'ref') = $3
     order by a.id`,
    [orgId, tables, ref],
  );
}
