import { Type } from '@sinclair/typebox';
import type { Answer, QueryOf } from '../kit.js';
import { FileBody, query, ref, route } from '../kit.js';
import { ImportCounts, ImportPreview } from '../shapes.js';

/**
 * 台账导入导出: a ledger as an Excel workbook, and a workbook imported into a ledger — first a
 * preview, then the commit of exactly what was previewed (docs/api.md, "Workbooks";
 * docs/excel.md). The workbook is the request body itself (Content-Type XLSX_CONTENT_TYPE).
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ledger = Type.String({ maxLength: 50, description: '台账代码，如 complaints' });
const params = Type.Object({ ledger });
const str = Type.String();

const importQuery = {
  file: Type.String({ minLength: 1, maxLength: 255, description: '上传文件的文件名（写入导入记录和提示）' }),
  sheet: Type.Optional(Type.String({ maxLength: 31, description: '读取此工作表（默认为以台账名称命名的工作表）' })),
  mapping: Type.Optional(
    Type.String({
      maxLength: 4000,
      description: '列标题对应关系，JSON 对象：{"文件中的列标题": "台账的列标题"}',
    }),
  ),
};

export const exportWorkbook = route({
  method: 'GET',
  url: '/api/ledger-workbooks/:ledger',
  schema: {
    tags: ['台账导入导出'],
    summary: '将台账导出为 Excel 工作簿（按股室、文字筛选，与台账页面一致），或下载空白导入模板',
    params,
    querystring: query({
      section: Type.Optional(Type.String({ maxLength: 50, description: '股室代码' })),
      search: Type.Optional(Type.String({ maxLength: 100, description: '编号或任一文字字段包含的内容' })),
      template: Type.Optional(Type.Boolean({ description: 'true：只下载空白导入模板（含填写说明）' })),
    }),
    response: { 200: FileBody('Excel 工作簿（Content-Disposition: attachment）') },
  },
});

export const previewImport = route({
  method: 'POST',
  url: '/api/ledger-workbooks/:ledger/preview',
  schema: {
    tags: ['台账导入导出'],
    summary: '预览导入：请求体为 .xlsx 文件；列出列的对应、将新增和更新的行、公式单元格和全部问题，不写入',
    params,
    querystring: query(importQuery),
    response: { 200: ref(ImportPreview) },
  },
});

export const commitImport = route({
  method: 'POST',
  url: '/api/ledger-workbooks/:ledger/import',
  schema: {
    tags: ['台账导入导出'],
    summary:
      '导入：请求体为预览过的同一 .xlsx 文件；全部通过才一次性写入（每行一条审计记录，另记导入记录）；台账在预览后被修改则 409',
    params,
    querystring: query({
      ...importQuery,
      fingerprint: Type.String({ minLength: 64, maxLength: 64, description: '预览返回的 fingerprint' }),
    }),
    response: {
      200: Type.Object({ file: str, ledger: Type.Object({ code: str, label: str }), sheet: str, counts: ImportCounts }),
    },
  },
});

export type ImportQuery = QueryOf<typeof previewImport>;
export type ImportResult = Answer<typeof commitImport>;
