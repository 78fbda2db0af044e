import { type Static, Type } from '@sinclair/typebox';
import type { BodyOf, QueryOf } from '../kit.js';
import {
  body,
  defaulted,
  FileBody,
  LatestYear,
  listOf,
  oneOf,
  periodQuery,
  query,
  ref,
  route,
  Through,
  Year,
} from '../kit.js';
import { Approval, MissingFigure } from '../shapes.js';

/** 工作总结: preview, download and approval of the report (docs/api.md, "My work, dashboard, reports"). */

/** The formats a report downloads in. */
export const REPORT_FILE_FORMATS = ['docx', 'md', 'html', 'pdf'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

const template = Type.Optional(Type.String({ maxLength: 100, description: '报告模板代码（默认 work-summary）' }));

/** A report as a page: every figure linked to its sources, and its 【待填】 markers. */
export const ReportPreview = Type.Object({ html: Type.String(), missing: listOf(MissingFigure) });

export const reportPreview = route({
  method: 'GET',
  url: '/api/reports/preview',
  schema: {
    tags: ['报告'],
    summary: '报告预览：完整的 HTML 页面（每个数字链接到来源）和【待填】项',
    querystring: query({ ...periodQuery, template }),
    response: { 200: ReportPreview },
  },
});

export const reportDownload = route({
  method: 'GET',
  url: '/api/reports/download',
  schema: {
    tags: ['报告'],
    summary: '下载报告：docx（GB/T 9704 公文格式）、md、html，或 pdf（服务器需安装 LibreOffice，否则 503）',
    querystring: query({
      ...periodQuery,
      template,
      format: defaulted(oneOf(REPORT_FILE_FORMATS, { default: 'docx' })),
    }),
    response: {
      200: FileBody('报告文件（Content-Disposition: attachment）'),
    },
  },
});

export const approvals = route({
  method: 'GET',
  url: '/api/reports/approvals',
  schema: {
    tags: ['报告'],
    summary: '某年的报告审定记录，新的在前',
    querystring: query({ year: LatestYear }),
    response: { 200: listOf(Approval) },
  },
});

export const approveReport = route({
  method: 'POST',
  url: '/api/reports/approvals',
  schema: {
    tags: ['报告'],
    summary: '局领导审定某期报告：记录审定人、时间和报告内容摘要；仍有【待填】时 422',
    body: body({ year: Year, through: Through, template, note: Type.Optional(Type.String({ maxLength: 500 })) }),
    response: { 201: ref(Approval) },
  },
});

// What the web app names of these routes.
export type ReportPreview = Static<typeof ReportPreview>;
export type ReportQuery = QueryOf<typeof reportDownload>;
export type ApprovalInput = BodyOf<typeof approveReport>;
