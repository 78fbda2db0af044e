import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Backend } from '../backend/backend.js';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from '../backend/report-files.js';
import { callerOf } from '../http/auth.js';
import { jsonText } from '../http/json-text.js';
import { periodQuery, ref, throughSchema, yearSchema } from '../http/schemas.js';

/** `Content-Disposition` naming the file in ASCII and, for browsers that read it, in Chinese (RFC 6266). */
export function attachment(reply: FastifyReply, filename: string, displayName: string): FastifyReply {
  return reply.header(
    'content-disposition',
    `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(displayName)}`,
  );
}

const previewResponse = {
  type: 'object',
  properties: { html: { type: 'string' }, missing: { type: 'array', items: ref('MissingFigure') } },
  required: ['html', 'missing'],
} as const;

/** 工作总结: preview, download and approval of the report (docs/api.md, "My work, dashboard, reports"). */
export async function reportRoutes(app: FastifyInstance, { backend }: { backend: Backend }) {
  const templateCode = { type: 'string', maxLength: 100, description: '报告模板代码（默认 work-summary）' } as const;

  app.get<{ Querystring: { year?: number; through?: number; template?: string } }>(
    '/api/reports/preview',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['报告'],
        summary: '报告预览：完整的 HTML 页面（每个数字链接到来源）和【待填】项',
        querystring: { ...periodQuery, properties: { ...periodQuery.properties, template: templateCode } },
        response: { 200: previewResponse },
      },
    },
    async (request, reply) =>
      jsonText(reply, await backend.callJson('reportPreview', { caller: callerOf(request), ...request.query })),
  );

  app.get<{ Querystring: { year?: number; through?: number; template?: string; format: ReportFileFormat } }>(
    '/api/reports/download',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['报告'],
        summary: '下载报告：docx（GB/T 9704 公文格式）、md、html，或 pdf（服务器需安装 LibreOffice，否则 503）',
        querystring: {
          ...periodQuery,
          properties: {
            ...periodQuery.properties,
            template: templateCode,
            format: { type: 'string', enum: [...REPORT_FILE_FORMATS], default: 'docx' },
          },
        },
        response: {
          200: { description: '报告文件（Content-Disposition: attachment）', type: 'string', format: 'binary' },
        },
      },
    },
    async (request, reply) => {
      const file = await backend.call('reportFile', { caller: callerOf(request), ...request.query });
      return attachment(reply, file.filename, file.displayName)
        .type(file.contentType)
        .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
    },
  );

  app.get<{ Querystring: { year?: number } }>(
    '/api/reports/approvals',
    {
      config: { permission: 'data:read' },
      schema: {
        tags: ['报告'],
        summary: '某年的报告审定记录，新的在前',
        querystring: {
          type: 'object',
          properties: {
            year: { ...yearSchema, description: '省略时取最新数据的年份' },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'array', items: ref('Approval') } },
      },
    },
    async (request) => backend.call('approvals', { caller: callerOf(request), year: request.query.year }),
  );

  app.post<{ Body: { year: number; through: number; template?: string; note?: string } }>(
    '/api/reports/approvals',
    {
      config: { permission: 'reports:approve' },
      schema: {
        tags: ['报告'],
        summary: '局领导审定某期报告：记录审定人、时间和报告内容摘要；仍有【待填】时 422',
        body: {
          type: 'object',
          properties: {
            year: yearSchema,
            through: throughSchema,
            template: templateCode,
            note: { type: 'string', maxLength: 500 },
          },
          required: ['year', 'through'],
          additionalProperties: false,
        },
        response: { 201: ref('Approval') },
      },
    },
    async (request, reply) => {
      const approval = await backend.call('approveReport', { caller: callerOf(request), ...request.body });
      return reply.status(201).send(approval);
    },
  );
}
