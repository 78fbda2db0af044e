import type {
  Account,
  AccountRequest,
  AccountRequestPage,
  AccountRequestQuery,
  Approval,
  Approved,
  AuditPage,
  AuditQuery,
  AuditTables,
  Dashboard,
  HistoryEntry,
  ImportPreview,
  ImportResult,
  IndicatorList,
  IndicatorValueInput,
  IndicatorValues,
  LedgerInfo,
  LedgerPage,
  LedgerQuery,
  LedgerRow,
  Narrative,
  NarrativeInput,
  NewUser,
  OrgContext,
  ReportFileFormat,
  ReportPreview,
  Session,
  SignInFailurePage,
  SignInFailureQuery,
  Target,
  TargetInput,
  TargetList,
  Template,
  TemplateSummary,
  Todo,
  UserChanges,
  Value,
} from '@taizhang/contract';
import type { LedgerFieldValue } from '../pages/ledgers/fields.js';
import { downloadFile, type Progress, type Query, request, requestFile, uploadFile } from './client.js';

/** Every endpoint of docs/api.md the web application uses, typed by the API contract (@taizhang/contract). */

type PeriodQuery = { year?: number; through?: number };

/** Only the period's year and month travel: the server refuses query fields it does not know (a label). */
const periodOf = (period: PeriodQuery): PeriodQuery => ({ year: period.year, through: period.through });

const enc = encodeURIComponent;

/** An .xlsx workbook, as the import routes take it. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What an import is asked with: the file's name, the sheet, header → column title. */
export interface ImportOptions {
  file: string;
  mapping?: Record<string, string> | undefined;
}

const importQuery = (options: ImportOptions): Query => ({
  file: options.file,
  mapping: options.mapping && Object.keys(options.mapping).length > 0 ? JSON.stringify(options.mapping) : undefined,
});

export const api = {
  // Session
  session: () => request<Session>('GET', '/api/session', { redirectOn401: false }),
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/session', { body: { username, password }, redirectOn401: false }),
  logout: () => request<void>('DELETE', '/api/session', { redirectOn401: false }),
  changePassword: (current: string, next: string) =>
    request<void>('PUT', '/api/session/password', { body: { current, next }, redirectOn401: false }),

  // Organisation
  context: () => request<OrgContext>('GET', '/api/context'),

  // Indicators
  indicators: (period: PeriodQuery) => request<IndicatorList>('GET', '/api/indicators', { query: periodOf(period) }),
  indicatorValues: (code: string, year: number) =>
    request<IndicatorValues>('GET', `/api/indicators/${enc(code)}/values`, { query: { year } }),
  saveIndicatorValue: (code: string, year: number, period: number, input: IndicatorValueInput) =>
    request<Value>('PUT', `/api/indicators/${enc(code)}/values/${year}/${period}`, { body: input }),

  // Targets (目标任务)
  targets: (year: number) => request<TargetList>('GET', '/api/targets', { query: { year } }),
  saveTarget: (code: string, year: number, input: TargetInput) =>
    request<Target>('PUT', `/api/targets/${enc(code)}/${year}`, { body: input }),

  // Ledgers
  ledgers: () => request<LedgerInfo[]>('GET', '/api/ledgers'),
  ledgerRows: (ledger: string, query: LedgerQuery, signal?: AbortSignal) =>
    request<LedgerPage>('GET', `/api/ledgers/${enc(ledger)}`, { query: query as Query, ...(signal ? { signal } : {}) }),
  ledgerRow: (ledger: string, ref: string) => request<LedgerRow>('GET', `/api/ledgers/${enc(ledger)}/${enc(ref)}`),
  ledgerHistory: (ledger: string, ref: string) =>
    request<HistoryEntry[]>('GET', `/api/ledgers/${enc(ledger)}/${enc(ref)}/history`),
  addLedgerRow: (ledger: string, fields: Record<string, LedgerFieldValue>) =>
    request<LedgerRow>('POST', `/api/ledgers/${enc(ledger)}`, { body: { fields } }),
  updateLedgerRow: (ledger: string, ref: string, version: number, changes: Record<string, LedgerFieldValue>) =>
    request<LedgerRow>('PATCH', `/api/ledgers/${enc(ledger)}/${enc(ref)}`, { body: { version, changes } }),

  // Workbooks (台账导入导出)
  exportLedger: (
    ledger: string,
    query: { section?: string; search?: string; template?: boolean },
    onProgress?: Progress,
  ) => downloadFile(`/api/ledger-workbooks/${enc(ledger)}`, { query, ...(onProgress ? { onProgress } : {}) }),
  previewImport: (ledger: string, file: Blob, options: ImportOptions, onProgress?: Progress) =>
    uploadFile<ImportPreview>(`/api/ledger-workbooks/${enc(ledger)}/preview`, file, XLSX, {
      query: importQuery(options),
      ...(onProgress ? { onProgress } : {}),
    }),
  commitImport: (ledger: string, file: Blob, options: ImportOptions & { fingerprint: string }, onProgress?: Progress) =>
    uploadFile<ImportResult>(`/api/ledger-workbooks/${enc(ledger)}/import`, file, XLSX, {
      query: { ...importQuery(options), fingerprint: options.fingerprint },
      ...(onProgress ? { onProgress } : {}),
    }),

  // My work, dashboard, reports
  todo: (period: PeriodQuery) => request<Todo>('GET', '/api/todo', { query: periodOf(period) }),
  dashboard: (period: PeriodQuery) => request<Dashboard>('GET', '/api/dashboard', { query: periodOf(period) }),
  reportPreview: (period: PeriodQuery, template?: string, signal?: AbortSignal) =>
    request<ReportPreview>('GET', '/api/reports/preview', {
      query: { ...periodOf(period), ...(template ? { template } : {}) },
      ...(signal ? { signal } : {}),
    }),
  reportFile: (period: PeriodQuery, format: ReportFileFormat, template?: string) =>
    requestFile('/api/reports/download', { query: { ...periodOf(period), format, ...(template ? { template } : {}) } }),
  approveReport: (year: number, through: number, template?: string) =>
    request<Approval>('POST', '/api/reports/approvals', { body: { year, through, ...(template ? { template } : {}) } }),
  approvals: (year: number) => request<Approval[]>('GET', '/api/reports/approvals', { query: { year } }),
  templates: () => request<TemplateSummary[]>('GET', '/api/templates'),
  template: (code: string) => request<Template>('GET', `/api/templates/${enc(code)}`),
  saveTemplate: (code: string, text: string, version: number) =>
    request<Template>('PUT', `/api/templates/${enc(code)}`, { body: { text, version } }),
  previewTemplate: (text: string, year: number, through: number, signal?: AbortSignal) =>
    request<ReportPreview>('POST', '/api/templates/preview', {
      body: { text, year, through },
      ...(signal ? { signal } : {}),
    }),
  narratives: (year: number) => request<Narrative[]>('GET', '/api/narratives', { query: { year } }),
  /** A new block: no version, and its section, which the server needs to add one. */
  addNarrative: (code: string, block: NarrativeInput & { section: string }) =>
    request<Narrative>('PUT', `/api/narratives/${enc(code)}`, { body: block }),
  saveNarrative: (code: string, year: number, text: string, version: number, through?: number | null) =>
    request<Narrative>('PUT', `/api/narratives/${enc(code)}`, {
      // A block kept for one month on (through) is saved as that block, not the whole year's.
      body: { year, text, version, ...(through === undefined ? {} : { through }) },
    }),

  // Audit and users
  audit: (query: AuditQuery) => request<AuditPage>('GET', '/api/audit', { query: query as Query }),
  auditTables: () => request<AuditTables>('GET', '/api/audit/tables'),
  auditExportUrl: (query: AuditQuery) => `/api/audit/export${auditExportQuery(query)}`,
  users: () => request<Account[]>('GET', '/api/users'),
  /** a request for the security officer to approve (202) */
  addUser: (user: NewUser) => request<AccountRequest>('POST', '/api/users', { body: user }),
  /** the account, changed at once (200), or the request awaiting approval (202) */
  updateUser: (id: string | number, changes: UserChanges) =>
    request<Account | AccountRequest>('PATCH', `/api/users/${enc(String(id))}`, { body: changes }),
  unlockUser: (id: string | number) => request<Account>('POST', `/api/users/${enc(String(id))}/unlock`),
  accountRequests: (query: AccountRequestQuery) => request<AccountRequestPage>('GET', '/api/users/requests', { query }),
  approveRequest: (id: string, note?: string) =>
    request<Approved>('POST', `/api/users/requests/${enc(id)}/approve`, {
      body: { note: note || null },
    }),
  rejectRequest: (id: string, note?: string) =>
    request<AccountRequest>('POST', `/api/users/requests/${enc(id)}/reject`, { body: { note: note || null } }),
  withdrawRequest: (id: string) => request<AccountRequest>('POST', `/api/users/requests/${enc(id)}/withdraw`),
  signInFailures: (query: SignInFailureQuery) =>
    request<SignInFailurePage>('GET', '/api/users/signin-failures', { query }),
};

function auditExportQuery(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const key of ['table', 'actor', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
