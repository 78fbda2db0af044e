import { isLedgerCode, LEDGERS, type LedgerCode } from '@taizhang/core';
import {
  type AuditFilter,
  type AuditRow,
  auditBatch,
  type Database,
  listAudit,
  listSections,
  rowHistory,
} from '@taizhang/db';
import { beijingTime } from './ledgers.js';
import { ServiceError } from './service-error.js';

/** 审计日志: the trail as the auditor reads and exports it, and one ledger row's history. */

const TABLE_NAMES: Readonly<Record<string, string>> = {
  organisations: '单位',
  sections: '股室',
  indicators: '指标',
  indicator_targets: '目标任务',
  indicator_values: '指标数值',
  narratives: '叙述',
  report_templates: '报告模板',
  report_approvals: '报告审定',
  users: '用户',
};

/** A table's Chinese name, for the audit page's filter and rows. */
export function auditTableName(table: string): string {
  const ledger = table.replace(/^ledger_/, '');
  if (table.startsWith('ledger_') && isLedgerCode(ledger)) return LEDGERS[ledger].label;
  return TABLE_NAMES[table] ?? table;
}

export interface AuditRowView {
  id: string;
  at: string;
  actor: string;
  address: string | null;
  action: 'insert' | 'update' | 'delete';
  table: string;
  tableName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function view(row: AuditRow): AuditRowView {
  const { userId: _userId, ...rest } = row;
  return { ...rest, tableName: auditTableName(row.table) };
}

export interface AuditQuery {
  table?: string | undefined;
  actor?: string | undefined;
  /** YYYY-MM-DD, Beijing days, both inclusive */
  from?: string | undefined;
  to?: string | undefined;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The query's days as instants: a Beijing day runs from its midnight (UTC+8) to the next. */
function filterOf(query: AuditQuery): AuditFilter {
  return {
    table: query.table,
    actor: query.actor,
    from: query.from === undefined ? undefined : `${query.from}T00:00:00+08:00`,
    before: query.to === undefined ? undefined : `${nextDay(query.to)}T00:00:00+08:00`,
  };
}

export async function auditPage(
  db: Database,
  orgId: string,
  query: AuditQuery & { offset: number; limit: number },
): Promise<{ total: number; rows: AuditRowView[] }> {
  const page = await listAudit(db, orgId, filterOf(query), query);
  return { total: page.total, rows: page.rows.map(view) };
}

/** More than this many records is an export nobody can read: the auditor narrows the filter instead. */
export const AUDIT_EXPORT_LIMIT = 100_000;
const BATCH = 5_000;

/** A cell as Excel reads it safely: quoted, and never a formula (=, +, -, @ at the start). */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The filtered trail as CSV (UTF-8 with a byte-order mark, so Excel shows the Chinese),
 * oldest first, read in batches; refused above AUDIT_EXPORT_LIMIT records.
 */
export async function auditCsv(db: Database, orgId: string, query: AuditQuery): Promise<string> {
  const filter = filterOf(query);
  const { total } = await listAudit(db, orgId, filter, { limit: 0, offset: 0 });
  if (total > AUDIT_EXPORT_LIMIT) {
    throw new ServiceError(
      'invalid',
      'AUDIT_EXPORT_TOO_LARGE',
      `符合条件的审计记录有 ${total} 条，超过一次导出的上限 ${AUDIT_EXPORT_LIMIT} 条；请缩小时间范围或加上其他条件`,
    );
  }
  const lines = [
    ['编号', '时间（北京时间）', '操作人', '地址', '操作', '数据表', '修改前', '修改后'].map(cell).join(','),
  ];
  const actions = { insert: '新增', update: '修改', delete: '删除' } as const;
  let after = '0';
  for (;;) {
    const batch = await auditBatch(db, orgId, filter, after, BATCH);
    for (const row of batch) {
      lines.push(
        [
          row.id,
          beijingTime(row.at),
          row.actor,
          row.address,
          actions[row.action],
          auditTableName(row.table),
          row.before,
          row.after,
        ]
          .map(cell)
          .join(','),
      );
    }
    if (batch.length < BATCH) break;
    after = (batch.at(-1) as AuditRow).id;
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One change of a ledger row, its fields by their dataset names (section by code). */
export interface RowChange {
  at: string;
  actor: string;
  address: string | null;
  action: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Every change of one ledger row, oldest first (an empty list for a ref never written). */
export async function ledgerRowHistory(
  db: Database,
  orgId: string,
  code: LedgerCode,
  ref: string,
): Promise<RowChange[]> {
  const sections = new Map((await listSections(db, orgId)).map((s) => [s.id, s.code]));
  const fields = new Map(LEDGERS[code].columns.map((c) => [c.column, c.field]));
  const named = (data: Record<string, unknown> | null) => {
    if (data === null) return null;
    const result: Record<string, unknown> = { ref: data.ref, section: sections.get(String(data.section_id)) ?? null };
    for (const [column, value] of Object.entries(data)) {
      const field = fields.get(column);
      if (field !== undefined) result[field] = value;
    }
    result.version = data.version;
    return result;
  };
  const rows = await rowHistory(db, orgId, LEDGERS[code].table, ref);
  return rows.map((row) => ({
    at: row.at,
    actor: row.actor,
    address: row.address,
    action: row.action,
    before: named(row.before),
    after: named(row.after),
  }));
}
