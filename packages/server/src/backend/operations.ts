/**
 * Everything the server can ask of the database, in one list: each operation takes the
 * Database and plain JSON-serialisable arguments and returns plain data. They run in the
 * backend worker (worker.ts), never on the HTTP thread; the HTTP thread names them by key
 * (backend.call('dashboard', …)) and sees only their types.
 *
 * Authorisation happens before an operation is called (the route's permission); what an
 * operation receives as `scope` is the one section a clerk's write is confined to, or null.
 */
import type { NarrativeInput } from '@taizhang/contract';
import { type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { renderHtml } from '@taizhang/render';
import {
  type AccountChanges,
  type AuditQuery,
  accountRequests,
  approvalList,
  approveAccountRequest,
  approveReport,
  auditCsv,
  auditPage,
  type Caller,
  changeAccount,
  changeLedgerRow,
  changeOwnPassword,
  choosePeriod,
  createAccount,
  createLedgerRow,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  dashboard,
  enterValue,
  evaluateIndicators,
  figuresView,
  findSession,
  generateReport,
  indicatorValues,
  ledgerCatalogue,
  ledgerCode,
  ledgerPage,
  ledgerRowHistory,
  ledgerRowOf,
  listAccounts,
  type NewAccount,
  type NewLedgerRow,
  narrativeList,
  organisationContext,
  periodView,
  type RequestQuery,
  recordThrottledSignIn,
  recreateDemo,
  refuse,
  rejectAccountRequest,
  reportFromText,
  type SignInRequest,
  saveNarrative,
  saveTarget,
  saveTemplate,
  sectionNames,
  signIn,
  signInFailures,
  signOut,
  type TargetRequest,
  targetList,
  templateList,
  templateView,
  todoList,
  unlockAccount,
  type ValueInput,
  withdrawAccountRequest,
} from '@taizhang/services';
import { type ReportFileFormat, reportFile } from './report-files.js';

/** A period as a query gives it: either part may be left to the data (the latest period). */
interface PeriodQuery {
  year?: number | undefined;
  through?: number | undefined;
}

interface OnBehalf {
  caller: Caller;
}

async function organisation(db: Database, caller: Caller): Promise<OrganisationRow> {
  const org = await findOrganisation(db, caller.user.org.code);
  // The organisation was removed (a demo recreated) under a live session: sign in again.
  if (org === undefined || org.id !== caller.orgId) {
    throw refuse('SESSION_ENDED', {});
  }
  return org;
}

/** The year asked for, or the year of the latest data. */
async function yearOf(db: Database, caller: Caller, year: number | undefined): Promise<number> {
  return year ?? (await choosePeriod(db, caller.orgId, {})).year;
}

async function report(db: Database, caller: Caller, query: PeriodQuery & { template?: string | undefined }) {
  const org = await organisation(db, caller);
  const period = await choosePeriod(db, org.id, query);
  return { org, doc: await generateReport(db, org, period, { templateCode: query.template }) };
}

export const operations = {
  // ——— start-up and sessions (no caller yet) ———
  async recreateDemo(db: Database, args: { actor: string }) {
    const summary = await recreateDemo(db, args.actor);
    const sections = await sectionNames(db, summary.organisation.id);
    const accounts = DEMO_ACCOUNTS.map((a) => ({ ...a, sectionName: a.section && sections.get(a.section) }));
    return { organisation: summary.organisation, accounts, password: DEMO_PASSWORD };
  },
  signIn: (db: Database, args: SignInRequest) => signIn(db, args),
  recordThrottledSignIn: (
    db: Database,
    args: { org?: string | undefined; username: string; address: string | null; now: string },
  ) => recordThrottledSignIn(db, args),
  findSession: (db: Database, args: { sessionKey: string; now: string }) => findSession(db, args),
  signOut: (db: Database, args: { sessionKey: string }) => signOut(db, args.sessionKey),
  changePassword: (db: Database, args: OnBehalf & { sessionKey: string; current: string; next: string; now: string }) =>
    changeOwnPassword(db, args.caller, args),

  // ——— the organisation, indicators and their values ———
  async context(db: Database, { caller }: OnBehalf) {
    return organisationContext(db, await organisation(db, caller));
  },
  async indicators(db: Database, { caller, ...query }: OnBehalf & PeriodQuery) {
    const period = await choosePeriod(db, caller.orgId, query);
    const figures = await evaluateIndicators(db, caller.orgId, period);
    return { period: periodView(period), indicators: figures.map(figuresView) };
  },
  async indicatorValues(db: Database, { caller, code, year }: OnBehalf & { code: string; year?: number }) {
    return indicatorValues(db, caller.orgId, code, await yearOf(db, caller, year));
  },
  enterValue: (db: Database, { caller, input, scope }: OnBehalf & { input: ValueInput; scope: string | null }) =>
    enterValue(db, caller, input, scope),

  // ——— targets (目标任务) ———
  async targets(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return targetList(db, caller.orgId, await yearOf(db, caller, year));
  },
  saveTarget: (db: Database, { caller, request }: OnBehalf & { request: TargetRequest }) =>
    saveTarget(db, caller, request),

  // ——— ledgers ———
  ledgers: async () => ledgerCatalogue(),
  async ledgerRows(
    db: Database,
    args: OnBehalf & {
      ledger: string;
      search?: string;
      section?: string;
      orderBy?: string;
      offset: number;
      limit: number;
    },
  ) {
    return ledgerPage(db, await organisation(db, args.caller), ledgerCode(args.ledger), args);
  },
  ledgerRow: (db: Database, args: OnBehalf & { ledger: string; ref: string }) =>
    ledgerRowOf(db, args.caller.orgId, ledgerCode(args.ledger), args.ref),
  ledgerHistory: (db: Database, args: OnBehalf & { ledger: string; ref: string }) =>
    ledgerRowHistory(db, args.caller, ledgerCode(args.ledger), args.ref),
  async createLedgerRow(db: Database, args: OnBehalf & { ledger: string; input: NewLedgerRow; scope: string | null }) {
    return createLedgerRow(
      db,
      args.caller,
      await organisation(db, args.caller),
      ledgerCode(args.ledger),
      args.input,
      args.scope,
    );
  },
  async changeLedgerRow(
    db: Database,
    args: OnBehalf & {
      ledger: string;
      ref: string;
      version: number;
      changes: Record<string, unknown>;
      scope: string | null;
    },
  ) {
    const org = await organisation(db, args.caller);
    return changeLedgerRow(db, args.caller, org, ledgerCode(args.ledger), args.ref, args, args.scope);
  },

  // ——— my work, the dashboard ———
  async todo(db: Database, { caller, section, ...query }: OnBehalf & PeriodQuery & { section: string | null }) {
    const org = await organisation(db, caller);
    return todoList(db, org, await choosePeriod(db, org.id, query), section);
  },
  async dashboard(db: Database, { caller, ...query }: OnBehalf & PeriodQuery) {
    const org = await organisation(db, caller);
    return dashboard(db, org, await choosePeriod(db, org.id, query));
  },

  // ——— reports, templates, narratives ———
  async reportPreview(db: Database, { caller, ...query }: OnBehalf & PeriodQuery & { template?: string }) {
    const { doc } = await report(db, caller, query);
    return { html: renderHtml(doc), missing: doc.missing };
  },
  async reportFile(
    db: Database,
    { caller, format, ...query }: OnBehalf & PeriodQuery & { format: ReportFileFormat; template?: string },
  ) {
    const { org, doc } = await report(db, caller, query);
    return reportFile(doc, org, format);
  },
  async approveReport(
    db: Database,
    { caller, ...request }: OnBehalf & { year: number; through: number; template?: string; note?: string },
  ) {
    return approveReport(db, caller, await organisation(db, caller), request);
  },
  async approvals(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return approvalList(db, caller.orgId, await yearOf(db, caller, year));
  },
  templates: (db: Database, { caller }: OnBehalf) => templateList(db, caller.orgId),
  template: (db: Database, { caller, code }: OnBehalf & { code: string }) => templateView(db, caller.orgId, code),
  async saveTemplate(
    db: Database,
    { caller, code, text, version }: OnBehalf & { code: string; text: string; version: number },
  ) {
    return saveTemplate(db, caller, await organisation(db, caller), code, { text, version });
  },
  async previewTemplate(db: Database, { caller, text, ...query }: OnBehalf & PeriodQuery & { text: string }) {
    const org = await organisation(db, caller);
    const doc = await reportFromText(db, org, await choosePeriod(db, org.id, query), text);
    return { html: renderHtml(doc), missing: doc.missing };
  },
  async narratives(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return narrativeList(db, caller.orgId, await yearOf(db, caller, year));
  },
  saveNarrative: (db: Database, { caller, code, edit }: OnBehalf & { code: string; edit: NarrativeInput }) =>
    saveNarrative(db, caller, code, edit),

  // ——— the audit trail and accounts ———
  audit: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery & { offset: number; limit: number } }) =>
    auditPage(db, caller.orgId, query),
  auditCsv: (db: Database, { caller, query }: OnBehalf & { query: AuditQuery }) => auditCsv(db, caller.orgId, query),
  users: (db: Database, { caller }: OnBehalf) => listAccounts(db, caller),
  createUser: (db: Database, { caller, input }: OnBehalf & { input: NewAccount }) => createAccount(db, caller, input),
  changeUser: (db: Database, { caller, id, changes }: OnBehalf & { id: string; changes: AccountChanges }) =>
    changeAccount(db, caller, id, changes),
  accountRequests: (db: Database, { caller, query }: OnBehalf & { query: RequestQuery }) =>
    accountRequests(db, caller, query),
  approveAccountRequest: (db: Database, { caller, id, note }: OnBehalf & { id: string; note?: string | null }) =>
    approveAccountRequest(db, caller, id, note),
  rejectAccountRequest: (db: Database, { caller, id, note }: OnBehalf & { id: string; note?: string | null }) =>
    rejectAccountRequest(db, caller, id, note),
  withdrawAccountRequest: (db: Database, { caller, id }: OnBehalf & { id: string }) =>
    withdrawAccountRequest(db, caller, id),
  unlockUser: (db: Database, { caller, id }: OnBehalf & { id: string }) => unlockAccount(db, caller, id),
  signInFailures: (
    db: Database,
    { caller, query }: OnBehalf & { query: { offset: number; limit: number; username?: string } },
  ) => signInFailures(db, caller, query),
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationArgs<K extends OperationName> = Parameters<Operations[K]>[1];
export type OperationResult<K extends OperationName> = Awaited<ReturnType<Operations[K]>>;
