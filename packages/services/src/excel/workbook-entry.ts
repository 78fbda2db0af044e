import { PassThrough } from 'node:stream';
import type { ImportPreview, ImportResult } from '@taizhang/contract';
import type { LedgerDef } from '@taizhang/core';
import { actingAs, type Database, type OrganisationRow } from '@taizhang/db';
import { actorOf, type Caller } from '../accounts/caller.js';
import { checkLedgerOwner, sectionNames } from '../ledger-entry.js';
import { refuse, withCurrent } from '../refusals.js';
import { ServiceError } from '../service-error.js';
import { exportLedgerWorkbook, type LedgerExportRequest, ledgerWorkbookName } from './ledger-export.js';
import { commitLedgerImport, type LedgerImportPreview, previewLedgerImport } from './ledger-import.js';

/**
 * Workbooks from and for the web app (docs/api.md, "Workbooks"): the same export, preview and
 * import as `taizhang export|import`, the import confined to the section the caller may
 * write and audited as the caller, the preview trimmed to what a page shows.
 */

/** Rows a preview lists; the rest are counted. */
export const ROWS_SHOWN = 200;

/** The workbook's bytes as the file the browser downloads. */
export async function ledgerWorkbookFile(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  request: LedgerExportRequest,
): Promise<{ filename: string; displayName: string; body: Uint8Array }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportLedgerWorkbook(db, org, ledger, out, request);
  return {
    filename: `${ledger.code}${request.template ? '-template' : ''}.xlsx`,
    displayName: ledgerWorkbookName(ledger, request.template === true),
    body: Buffer.concat(chunks),
  };
}

/** What a page sends with the workbook. */
export interface WorkbookUpload {
  bytes: Uint8Array;
  file: string;
  sheet?: string | undefined;
  /** JSON text: header → column title */
  mapping?: string | undefined;
}

function mappingOf(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('XLSX_MAPPING', {});
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw refuse('XLSX_MAPPING', {});
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.some(([, to]) => typeof to !== 'string')) throw refuse('XLSX_MAPPING', {});
  return Object.fromEntries(entries) as Record<string, string>;
}

function requestOf(ledger: LedgerDef, upload: WorkbookUpload, scope: string | null) {
  return {
    bytes: Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength),
    file: upload.file,
    ledger: ledger.code,
    sheet: upload.sheet,
    mapping: mappingOf(upload.mapping),
    scope,
  };
}

/** The preview as a page shows it: the first rows that change, the others counted. */
export function previewView(preview: LedgerImportPreview): ImportPreview {
  const changing = preview.plan.rows.filter((row) => row.action !== 'unchanged');
  return {
    file: preview.file,
    ledger: preview.ledger,
    sheet: preview.sheet,
    headers: preview.headers,
    absent: preview.absent,
    counts: preview.plan.counts,
    rows: changing.slice(0, ROWS_SHOWN).map((row) => ({
      line: row.line,
      ref: row.ref,
      action: row.action as 'insert' | 'update',
      changes: row.changes,
    })),
    more: Math.max(0, changing.length - ROWS_SHOWN),
    problems: preview.plan.problems,
    formulas: preview.plan.formulas,
    fingerprint: preview.fingerprint,
  };
}

/** What importing the workbook would do, for a caller who may write the ledger (`scope`: their section, if confined). */
export async function previewWorkbook(
  db: Database,
  org: OrganisationRow,
  ledger: LedgerDef,
  upload: WorkbookUpload,
  scope: string | null,
): Promise<ImportPreview> {
  checkLedgerOwner(ledger, scope, await sectionNames(db, org.id));
  return previewView(await previewLedgerImport(db, org, requestOf(ledger, upload, scope)));
}

/** Imports exactly what was previewed (`fingerprint`), as the caller. */
export async function importWorkbook(
  db: Database,
  caller: Caller,
  org: OrganisationRow,
  ledger: LedgerDef,
  upload: WorkbookUpload & { fingerprint: string },
  scope: string | null,
): Promise<ImportResult> {
  checkLedgerOwner(ledger, scope, await sectionNames(db, org.id));
  try {
    return await commitLedgerImport(
      actingAs(db, actorOf(caller)),
      org,
      { ...requestOf(ledger, upload, scope), fingerprint: upload.fingerprint },
      caller.user.username,
    );
  } catch (error) {
    // a refusal carries the plan as it now is: the page shows it as a preview
    if (error instanceof ServiceError && isPreview(error.current)) throw withCurrent(error, previewView(error.current));
    throw error;
  }
}

function isPreview(value: unknown): value is LedgerImportPreview {
  return typeof value === 'object' && value !== null && 'plan' in value && 'fingerprint' in value;
}
