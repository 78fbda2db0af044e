import type { Database } from '@taizhang/db';
import { renderHtml } from '@taizhang/render';
import { approvalList, approveReport, type Caller, choosePeriod, generateReport } from '@taizhang/services';
import { type OnBehalf, organisationOf, type PeriodQuery, yearOf } from '../on-behalf.js';
import { type ReportFileFormat, reportFile } from './report-files.js';

type ReportQuery = PeriodQuery & { template?: string | undefined };

async function report(db: Database, caller: Caller, query: ReportQuery) {
  const org = await organisationOf(db, caller);
  const period = await choosePeriod(db, org.id, query);
  return { org, doc: await generateReport(db, org, period, { templateCode: query.template }) };
}

/** 工作总结: the report previewed and downloaded, and its approvals. */
export const reportOperations = {
  async reportPreview(db: Database, { caller, ...query }: OnBehalf & ReportQuery) {
    const { doc } = await report(db, caller, query);
    return { html: renderHtml(doc), missing: doc.missing };
  },
  async reportFile(db: Database, { caller, format, ...query }: OnBehalf & ReportQuery & { format: ReportFileFormat }) {
    const { org, doc } = await report(db, caller, query);
    return reportFile(doc, org, format);
  },
  async approveReport(
    db: Database,
    { caller, ...request }: OnBehalf & { year: number; through: number; template?: string; note?: string },
  ) {
    return approveReport(db, caller, await organisationOf(db, caller), request);
  },
  async approvals(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return approvalList(db, caller.orgId, await yearOf(db, caller, year));
  },
};
