/**
 * The shapes of docs/api.md, the contract with packages/server. Exact decimals are
 * strings; dates are YYYY-MM-DD; instants are ISO 8601 in UTC.
 */

export type Role = 'clerk' | 'office' | 'leader' | 'admin' | 'auditor';

export interface CodeName {
  code: string;
  name: string;
}

export interface SessionUser {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  org: CodeName;
  section: CodeName | null;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface Period {
  year: number;
  through: number;
  label?: string;
}

/**
 * A field type of a ledger. `object` (a jsonb object: a project's facts) is sent by the server
 * but not in docs/api.md; `dateTime` and `json` are the core catalogue's names, accepted as well.
 */
export type LedgerFieldType =
  | 'text'
  | 'date'
  | 'datetime'
  | 'dateTime'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'object'
  | 'json';

export interface LedgerField {
  name: string;
  label: string;
  type: LedgerFieldType;
  required: boolean;
  options?: { value: string; label: string }[];
}

export interface LedgerInfo {
  code: string;
  label: string;
  fields: LedgerField[];
}

export interface OrgContext {
  org: CodeName;
  sections: CodeName[];
  period: Period;
  ledgers: LedgerInfo[];
}

export type IndicatorKind = 'flow' | 'level' | 'rate';
export type Frequency = 'monthly' | 'quarterly';

/** The figures of one indicator for a period; a null figure has its reason in `missing`. */
export interface IndicatorFigures {
  code: string;
  name: string;
  unit: string;
  section: CodeName;
  kind: IndicatorKind;
  frequency: Frequency;
  derived: boolean;
  /** not in docs/api.md: the decimals a value is entered with, used when the server sends it */
  decimals?: number;
  ytd: string | null;
  base: string | null;
  growth: string | null;
  target: string | null;
  targetGrowth: string | null;
  share: string | null;
  timeProgress: string | null;
  behind: boolean;
  periodLabel: string;
  missing?: Partial<Record<string, string>>;
  /** not in docs/api.md, sent by the server: the three-colour status with the indicator's own red threshold */
  status?: 'green' | 'yellow' | 'red' | null;
  /** not in docs/api.md, sent by the server: 预计年底 */
  forecast?: string | null;
  /** not in docs/api.md, sent by the server: points ahead of (negative: behind) time progress */
  aheadOfTime?: string | null;
}

export interface IndicatorList {
  period: Period;
  indicators: IndicatorFigures[];
}

export interface IndicatorValue {
  /** month 1–12, or quarter 1–4 for a quarterly indicator */
  period: number;
  value: string;
  comparableBase: string | null;
  note: string | null;
  source: string | null;
  version: number;
  enteredBy: string | null;
  enteredAt: string | null;
}

export interface IndicatorValues {
  indicator: Partial<IndicatorFigures> & { code: string; name?: string; decimals?: number };
  year: number;
  values: IndicatorValue[];
  prior: IndicatorValue[];
}

export interface IndicatorValueInput {
  value: string;
  /** null clears it */
  note?: string | null;
  source?: string | null;
  version?: number;
}

export type LedgerFieldValue = string | number | boolean | null | LedgerFieldValue[] | { [key: string]: unknown };

export interface LedgerRow {
  ref: string;
  section: CodeName;
  version: number;
  fields: Record<string, LedgerFieldValue>;
  warnings: string[];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface LedgerPage {
  total: number;
  rows: LedgerRow[];
}

export interface LedgerQuery {
  search?: string;
  section?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Values one section still owes for one indicator and year (services' Gap). */
export interface Gap {
  indicator: string;
  indicatorName: string;
  section: string;
  sectionName: string;
  year: number;
  periods: number[];
  quarterly: boolean;
  /** current: the period's own values; prior: last year's, without which growth cannot be computed */
  role: 'current' | 'prior';
}

/** A 【待填】 marker the report prints (core's MissingFigure). */
export interface MissingFigure {
  ref: number;
  text: string;
  subject: string;
  subjectName: string;
  periodLabel: string;
  section: string;
  sectionName: string;
  reason: string;
  line?: number;
}

export interface Todo {
  period: Period;
  gaps: Gap[];
  missing: MissingFigure[];
}

export interface DashboardSeries {
  code: string;
  name: string;
  unit: string;
  months: { month: number; value: string | null; prior: string | null; target: string | null }[];
}

export interface Dashboard {
  period: Period;
  cards: IndicatorFigures[];
  series: DashboardSeries[];
  warnings: { code: string; name: string; share: string | null; timeProgress: string | null }[];
  projects: { category: string; count: number; byStage: { stage: string; count: number }[] }[];
  complaints: { month: number; received: number; closed: number }[];
}

export interface ReportPreview {
  html: string;
  missing: MissingFigure[];
}

export type ReportFormat = 'docx' | 'md' | 'pdf';

/** A leader's approval of a period's report (GET/POST /api/reports/approvals; GET is not in docs/api.md). */
export interface Approval {
  id: string;
  year: number;
  through: number;
  templateCode?: string;
  digest: string;
  approvedBy: string;
  approvedAt: string;
  note?: string | null;
}

export interface Template {
  code?: string;
  name?: string;
  text: string;
  version: number;
}

export interface NarrativeBlock {
  code: string;
  title: string | null;
  text: string;
  version: number;
  /** not in docs/api.md, sent by the server: the block applies from this month's report on (null: all year) */
  through?: number | null;
  section?: CodeName | null;
}

export interface AuditRow {
  id: string | number;
  at: string;
  actor: string;
  address: string | null;
  action: string;
  table: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditQuery {
  table?: string;
  actor?: string;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

export interface AuditPage {
  total: number;
  rows: AuditRow[];
}

/** A user as the admin sees one (docs/api.md names `[User]` without its fields; these follow `user` of the session). */
export interface User {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  section: CodeName | null;
  disabled?: boolean;
  version: number;
  lastLoginAt?: string | null;
  lockedUntil?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  section?: string;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  section?: string | null;
  disabled?: boolean;
  password?: string;
  version: number;
}
