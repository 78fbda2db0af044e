import { monthsLabel, type ReportDocument } from '@taizhang/core';
import type { OrganisationRow } from '@taizhang/db';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import { convertDocxToPdf } from '@taizhang/services';

/** A report as a file to download: its bytes, type and names. */
export interface ReportFile {
  /** ASCII, for clients that ignore filename* */
  filename: string;
  /** 示范区2021年1－10月工作总结.docx */
  displayName: string;
  contentType: string;
  body: Uint8Array;
}

export const REPORT_FILE_FORMATS = ['docx', 'md', 'html', 'pdf'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

const CONTENT_TYPES: Readonly<Record<ReportFileFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

async function bytes(doc: ReportDocument, format: ReportFileFormat): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return renderDocx(doc);
    case 'md':
      return new TextEncoder().encode(renderMarkdown(doc));
    case 'html':
      return new TextEncoder().encode(renderHtml(doc));
    case 'pdf':
      // LibreOffice lays the pages out; without it the service says how to install it.
      return convertDocxToPdf(await renderDocx(doc));
  }
}

export async function reportFile(
  doc: ReportDocument,
  org: OrganisationRow,
  format: ReportFileFormat,
): Promise<ReportFile> {
  const { year, through } = doc.meta;
  return {
    filename: `${org.code}-${year}-1-${through}.${format}`,
    displayName: `${org.shortName ?? org.name}${year}年${monthsLabel(through)}工作总结.${format}`,
    contentType: CONTENT_TYPES[format],
    body: await bytes(doc, format),
  };
}
