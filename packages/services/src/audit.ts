import type * as Api from '@taizhang/contract';
import { can, type LedgerDef, SEED_PRESET, snakeCase } from '@taizhang/core';
import {
  type AuditBreak,
  type AuditFilter,
  type AuditRow,
  auditBatch,
  checkAuditChains,
  type Database,
  listAudit,
  listOrganisations,
  listSections,
  rowHistory,
} from '@taizhang/db';
import type { Caller } from './accounts/caller.js';
import { orgLedgers } from './ledger-catalogue.js';
import { beijingTime } from './ledgers.js';
import { refuse } from './refusals.js';

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
  account_requests: '账户变更申请',
  signin_failures: '登录失败记录',
  ledger_types: '台账类型',
  ledger_imports: '台账导入',
};

/**
 * What the audit page filters by: the tables above, then the organisation's ledgers by code
 * (a ledger's code filters every table its rows are and were kept in).
 */
export async function auditTables(db: Database, orgId: string): Promise<{ table: string; name: string }[]> {
  const tables = Object.entries(TABLE_NAMES).map(([table, name]) => ({ table, name }));
  const ledgers = (await orgLedgers(db, orgId)).map((ledger) => ({ table: ledger.code, name: ledger.label }));
  return [...tables, ...ledgers];
}

/** The hand-written tables the preset's rows were kept in before migration 0015, as older records name them. */
const PRESET_TABLES: ReadonlyMap<string, string> = new Map(
  SEED_PRESET.ledgerTypes.map((type) => [`ledger_${type.code}`, type.name]),
);

/**
 * A table's Chinese name, for the audit page's filter and rows; `own` names the tables of the
 * organisation's ledger types (ledger_t12 → 公共停车场台账).
 */
export function auditTableName(table: string, own?: ReadonlyMap<string, string>): string {
  const ledger = own?.get(table) ?? PRESET_TABLES.get(table);
  if (ledger !== undefined) return ledger;
  if (/^ledger_t\d+$/.test(table)) return '自定义台账';
  return TABLE_NAMES[table] ?? table;
}

/** Every table a ledger's rows are and were kept in: its generated table, and the preset's before 0015. */
function keptIn(ledger: LedgerDef): string[] {
  return ledger.legacyTable === undefined ? [ledger.table] : [ledger.table, ledger.legacyTable];
}

/** The ledgers' tables by their names. */
function ledgerTables(ledgers: readonly LedgerDef[]): Map<string, string> {
  return new Map(ledgers.flatMap((ledger) => keptIn(ledger).map((table) => [table, ledger.label] as const)));
}

function view(row: AuditRow, own: ReadonlyMap<string, string>): Api.AuditRow {
  const { userId: _userId, ...rest } = row;
  return { ...rest, tableName: auditTableName(row.table, own) };
}

export interface AuditQuery {
  /** a table, or a ledger's code: the tables its rows are and were kept in */
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

/**
 * The query as the trail is filtered: a ledger's code names every table its rows are and were
 * kept in; the days as instants, a Beijing day running from its midnight (UTC+8) to the next.
 */
function filterOf(ledgers: readonly LedgerDef[], query: AuditQuery): AuditFilter {
  const ledger = ledgers.find((l) => l.code === query.table);
  return {
    tables: ledger !== undefined ? keptIn(ledger) : query.table === undefined ? undefined : [query.table],
    actor: query.actor,
    from: query.from === undefined ? undefined : `${query.from}T00:00:00+08:00`,
    before: query.to === undefined ? undefined : `${nextDay(query.to)}T00:00:00+08:00`,
  };
}

export async function auditPage(
  db: Database,
  orgId: string,
  query: AuditQuery & { offset: number; limit: number },
): Promise<{ total: number; rows: Api.AuditRow[] }> {
  const ledgers = await orgLedgers(db, orgId);
  const page = await listAudit(db, orgId, filterOf(ledgers, query), query);
  const own = ledgerTables(ledgers);
  return { total: page.total, rows: page.rows.map((row) => view(row, own)) };
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
  const ledgers = await orgLedgers(db, orgId);
  const filter = filterOf(ledgers, query);
  const { total } = await listAudit(db, orgId, filter, { limit: 0, offset: 0 });
  if (total > AUDIT_EXPORT_LIMIT) {
    throw refuse('AUDIT_EXPORT_TOO_LARGE', { total, limit: AUDIT_EXPORT_LIMIT });
  }
  const lines = [
    ['编号', '时间（北京时间）', '操作人', '地址', '操作', '数据表', '修改前', '修改后'].map(cell).join(','),
  ];
  const actions = { insert: '新增', update: '修改', delete: '删除' } as const;
  const own = ledgerTables(ledgers);
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
          auditTableName(row.table, own),
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
  /** where the change came from: only for a reader of the audit trail (等保 安全审计) */
  address?: string | null;
  action: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Every change of one ledger row, oldest first (an empty list for a ref never written).
 * Who changed it is shown to every reader of the row; the client address only to a caller
 * who may read the audit trail, since an address says where a colleague works from.
 */
export async function ledgerRowHistory(
  db: Database,
  caller: Caller,
  ledger: LedgerDef,
  ref: string,
): Promise<RowChange[]> {
  const { orgId } = caller;
  const withAddress = can({ role: caller.user.role, section: caller.user.section?.code ?? null }, 'audit:read');
  const sections = new Map((await listSections(db, orgId)).map((s) => [s.id, s.code]));
  const current = new Map(ledger.columns.map((c) => [c.column, c.field]));
  // Records written before the preset moved (0015) name its fields' old columns: receivedAt was received_at.
  const legacyFields = new Map(ledger.columns.map((c) => [snakeCase(c.field), c.field]));
  const named = (table: string, data: Record<string, unknown> | null) => {
    if (data === null) return null;
    const fields = table === ledger.legacyTable ? legacyFields : current;
    const result: Record<string, unknown> = { ref: data.ref, section: sections.get(String(data.section_id)) ?? null };
    for (const [column, value] of Object.entries(data)) {
      const field = fields.get(column);
      if (field !== undefined) result[field] = value;
    }
    result.version = data.version;
    return result;
  };
  const rows = await rowHistory(db, orgId, keptIn(ledger), ref);
  return rows.map((row) => ({
    at: row.at,
    actor: row.actor,
    ...(withAddress ? { address: row.address } : {}),
    action: row.action,
    before: named(row.table, row.before),
    after: named(row.table, row.after),
  }));
}

/** One organisation's hash chain as `taizhang audit verify` reports it. */
export interface AuditChainView {
  /** 示范区住房和城乡建设局（shifanqu）, or the id of an organisation since deleted */
  organisation: string;
  records: number;
  /** the position and hash (hex) the chain ends with: kept elsewhere, they expose a rewritten chain */
  seq: string;
  hash: string;
}

/** A chain's first broken link, and what is wrong there, in Chinese. */
export interface AuditBreakView {
  organisation: string;
  fault: AuditBreak['fault'];
  id: string | null;
  seq: string | null;
  /** Beijing time, YYYY-MM-DD HH:MM:SS */
  at: string | null;
  table: string | null;
  tableName: string | null;
  reason: string;
}

export interface AuditVerification {
  intact: boolean;
  total: number;
  chains: AuditChainView[];
  breaks: AuditBreakView[];
}

function breakReason(b: AuditBreak): string {
  const prior = BigInt(b.priorSeq);
  switch (b.fault) {
    case 'content':
      return '记录内容与它的哈希不符：这条记录在写入后被改动过';
    case 'link':
      return `记录所存的前一条哈希与前一条记录（链位 ${b.priorSeq}）不符：前一条记录被替换，或被改动后重算了哈希`;
    case 'missing': {
      const from = prior + 1n;
      const to = BigInt(b.seq ?? '0') - 1n;
      const span = from === to ? `链位 ${from}` : `链位 ${from}－${to}`;
      return `此前${span}的 ${to - from + 1n} 条记录缺失：记录被删除`;
    }
    case 'repeated':
      return `链位 ${b.seq} 与前一条记录重复或倒序：有记录被插入或复制`;
    case 'tail': {
      const head = BigInt(b.headSeq ?? '0');
      if (head === prior) return `最后一条记录（链位 ${b.priorSeq}）不是链头所记的那一条：它被替换过`;
      return head > prior
        ? `链头记到链位 ${b.headSeq}，记录却只到链位 ${b.priorSeq}：最后的记录被删除`
        : `链头记到链位 ${b.headSeq}，其后却还有记录（至链位 ${b.priorSeq}）：链尾之后有记录被插入`;
    }
    case 'head':
      return `有记录（至链位 ${b.priorSeq}）却没有链头：链头被删除`;
  }
}

/**
 * 审计记录完整性校验: recomputes every hash chain of the trail (migration 0012), or one
 * organisation's, and reports each broken chain's first broken link.
 */
export async function verifyAuditTrail(db: Database, orgId?: string): Promise<AuditVerification> {
  const check = await checkAuditChains(db, orgId);
  const names = new Map((await listOrganisations(db)).map((o) => [o.id, `${o.name}（${o.code}）`]));
  const organisation = (id: string) => names.get(id) ?? `已删除的单位（编号 ${id}）`;
  // each broken chain's ledger tables, named by its organisation's catalogue
  const tables = new Map(
    await Promise.all(
      [...new Set(check.breaks.map((b) => b.orgId))].map(
        async (id) => [id, ledgerTables(await orgLedgers(db, id))] as const,
      ),
    ),
  );
  return {
    intact: check.breaks.length === 0,
    total: check.total,
    chains: check.chains.map((c) => ({
      organisation: organisation(c.orgId),
      records: c.records,
      seq: c.seq,
      hash: c.hash,
    })),
    breaks: check.breaks.map((b) => ({
      organisation: organisation(b.orgId),
      fault: b.fault,
      id: b.id,
      seq: b.seq,
      at: b.at === null ? null : beijingTime(b.at),
      table: b.table,
      tableName: b.table === null ? null : auditTableName(b.table, tables.get(b.orgId)),
      reason: breakReason(b),
    })),
  };
}
