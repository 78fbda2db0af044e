import type { Queryable } from '../database.js';

/** 报告审定: a leader's approval of a period's work summary (migration 0008). */
export interface ApprovalRow {
  id: string;
  year: number;
  through: number;
  templateCode: string;
  /** SHA-256 (hex) of the report's document model as approved */
  digest: string;
  userId: string;
  approvedBy: string;
  /** UTC ISO instant */
  approvedAt: string;
  note: string | null;
}

const SELECT = `select id::text as id, year::int as year, through::int as through, template_code as "templateCode",
    digest, user_id::text as "userId", approved_by as "approvedBy",
    to_char(approved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "approvedAt", note
  from report_approvals`;

/** An approval as recorded: the row but for what the database assigns (its id and time). */
export type NewApproval = Omit<ApprovalRow, 'id' | 'approvedAt'>;

export async function insertApproval(q: Queryable, orgId: string, approval: NewApproval): Promise<ApprovalRow> {
  const [row] = await q.query<ApprovalRow & Record<string, unknown>>(
    `with inserted as (
       insert into report_approvals (org_id, year, through, template_code, digest, user_id, approved_by, note)
       values ($1, $2, $3, $4, $5, $6::bigint, $7, $8)
       returning *
     )
     ${SELECT.replace('from report_approvals', 'from inserted')}`,
    [
      orgId,
      approval.year,
      approval.through,
      approval.templateCode,
      approval.digest,
      approval.userId,
      approval.approvedBy,
      approval.note,
    ],
  );
  return row as ApprovalRow;
}

/** The approvals of a year, newest first. */
export async function listApprovals(q: Queryable, orgId: string, year: number): Promise<ApprovalRow[]> {
  return q.query<ApprovalRow & Record<string, unknown>>(
    `${SELECT} where org_id = $1 and year = $2 order by report_approvals.approved_at desc, report_approvals.id desc`,
    [orgId, year],
  );
}
