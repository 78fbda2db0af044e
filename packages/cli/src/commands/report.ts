import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReportDocument } from '@taizhang/core';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import { convertDocxToPdf } from '@taizhang/services';
import { cliRefusal } from '../cli-refusals.js';

export const REPORT_FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The bytes of one format of the report. */
export async function renderFormat(doc: ReportDocument, format: ReportFormat): Promise<Uint8Array | string> {
  switch (format) {
    case 'md':
      return renderMarkdown(doc);
    case 'html':
      return renderHtml(doc);
    case 'docx':
      return renderDocx(doc);
    case 'pdf':
      return convertDocxToPdf(await renderDocx(doc));
  }
}

/** Where a report is written when no --out is given: out/<org>-<year>-1-<month>.<format>. */
export function defaultOutput(doc: ReportDocument, format: ReportFormat, dir = 'out'): string {
  const { organisation, year, through } = doc.meta;
  return join(dir, `${organisation.code}-${year}-1-${through}.${format}`);
}

export async function writeOutput(file: string, content: Uint8Array | string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  } catch (error) {
    throw cliRefusal('OUTPUT_UNWRITABLE', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}
