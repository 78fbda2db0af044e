import { createHash } from 'node:crypto';
import type { Approval } from '@taizhang/contract';
import type { ReportPeriod } from '@taizhang/core';
import { type ApprovalRow, type Database, insertApproval, listApprovals, type OrganisationRow } from '@taizhang/db';
import { actorOf, type Caller } from './accounts/caller.js';
import { refuse } from './refusals.js';
import { DEFAULT_TEMPLATE, generateReport } from './report/generate.js';

/** 报告审定: a leader approves the work summary of a period as it now reads. */

function view({ userId: _userId, ...rest }: ApprovalRow): Approval {
  return rest;
}

/**
 * Records the approval of the period's report, with the SHA-256 of its document model
 * (text, figures, their sources), so that any later change to what it says is visible. A
 * report still holding 【待填】 markers is not final and cannot be approved (422).
 */
export async function approveReport(
  db: Database,
  caller: Caller,
  org: OrganisationRow,
  request: ReportPeriod & { template?: string | undefined; note?: string | undefined },
): Promise<Approval> {
  const period = { year: request.year, through: request.through };
  const doc = await generateReport(db, org, period, { templateCode: request.template });
  if (doc.missing.length > 0) {
    const details = doc.missing.map((m) => `${m.text}：${m.reason}`);
    throw refuse('REPORT_INCOMPLETE', { count: doc.missing.length, before: '审定' }, { details });
  }
  const digest = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const approved = await db.transaction(actorOf(caller), (tx) =>
    insertApproval(tx, caller.orgId, {
      ...period,
      templateCode: request.template ?? DEFAULT_TEMPLATE,
      digest,
      userId: caller.user.id,
      approvedBy: caller.user.displayName,
      note: request.note ?? null,
    }),
  );
  return view(approved);
}

export async function approvalList(db: Database, orgId: string, year: number): Promise<Approval[]> {
  return (await listApprovals(db, orgId, year)).map(view);
}
