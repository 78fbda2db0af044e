import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { api, XLSX_CONTENT_TYPE } from '@taizhang/contract';
import type { Caller } from '@taizhang/services';
import { DEFAULT_WORKBOOK_LIMITS } from '@taizhang/services';
import type { Backend } from '../../backend/backend.js';
import { ApiError } from '../../http/api-error.js';
import { attachment } from '../../http/attachment.js';
import { callerOf, scopeOf } from '../../http/auth.js';

const routes = api.workbooks;

/** The uploaded workbook: the request's body, read whole up to the size a workbook may have. */
function uploaded(body: unknown): Buffer {
  if (Buffer.isBuffer(body) && body.length > 0) return body;
  throw ApiError.of('BAD_REQUEST', {
    where: '请求体',
    problem: `请求体应为 .xlsx 文件（Content-Type: ${XLSX_CONTENT_TYPE}）`,
  });
}

/** 台账导入导出: export, preview and import of ledger workbooks (docs/api.md, "Workbooks"). */
export const workbookRoutes: FastifyPluginAsyncTypebox<{ backend: Backend }> = async (app, { backend }) => {
  // Only these routes take a workbook as their body (this plugin's own parser).
  app.addContentTypeParser(
    XLSX_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: DEFAULT_WORKBOOK_LIMITS.maxFileBytes },
    (_request, body, done) => done(null, body),
  );

  app.route({
    ...routes.exportWorkbook,
    config: { permission: 'data:read' },
    handler: async (request, reply) => {
      const file = await backend.call('exportWorkbook', {
        caller: callerOf(request),
        ledger: request.params.ledger,
        ...request.query,
      });
      return attachment(reply, file.filename, file.displayName)
        .type(XLSX_CONTENT_TYPE)
        .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
    },
  });

  /** What an upload route hands the worker: the caller, the ledger, the query, the file, the caller's section. */
  const uploadOf = <Q extends object>(caller: Caller, ledger: string, query: Q, body: unknown) => ({
    caller,
    ledger,
    ...query,
    bytes: uploaded(body),
    scope: scopeOf(caller, 'ledgers:write'),
  });

  app.route({
    ...routes.previewImport,
    config: { permission: 'ledgers:write', unaudited: '只检查上传的工作簿、列出导入计划，不写入任何内容' },
    handler: async (request) =>
      backend.call('previewImport', uploadOf(callerOf(request), request.params.ledger, request.query, request.body)),
  });

  app.route({
    ...routes.commitImport,
    config: { permission: 'ledgers:write' },
    handler: async (request) =>
      backend.call('commitImport', uploadOf(callerOf(request), request.params.ledger, request.query, request.body)),
  });
};
