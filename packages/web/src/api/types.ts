/**
 * The shapes of docs/api.md, the contract with packages/server. Exact decimals are
 * strings; dates are YYYY-MM-DD; instants are ISO 8601 in UTC.
 */

import type { Role } from '@taizhang/core/browser';

export type { Role };

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

/** A field type of a ledger (docs/api.md, `LedgerInfo`): `list` is a project's milestones, `object` its facts. */
export type LedgerFieldType =
  | 'text'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'object';

export interface LedgerField {
  name: string;
  label: string;
  type: LedgerFieldType;
  required: boolean;
  options?: { value: string; label: string }[];
  /** for a list of objects (a project's milestones), the fields of each item */
  items?: LedgerField[];
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
  /** the decimals a value is entered with */
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
  /** the three-colour status with the indicator's own red threshold ('none': no target or no figure) */
  status: 'green' | 'yellow' | 'red' | 'none';
  /** 预计年底 */
  forecast?: string | null;
  /** points ahead of (negative: behind) time progress */
  aheadOfTime?: string | null;
  /** percentage points of growth over (negative: under) the growth target */
  pointsOverTarget?: string | null;
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
  indicator: Partial<IndicatorFigures> & {
    code: string;
    name?: string;
    decimals?: number;
    /** compared with last year: only then may a value carry a comparable base */
    yearOnYear?: boolean;
  };
  year: number;
  values: IndicatorValue[];
  prior: IndicatorValue[];
}

export interface IndicatorValueInput {
  value: string;
  /** 上年同期可比数: the statistics office's revised figure for last year's same period; null clears it */
  comparableBase?: string | null;
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

/** A leader's approval of a period's report (GET/POST /api/reports/approvals). */
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

export type TimeProgressMode = 'linear' | 'days' | 'plan';

/** 目标任务 of one indicator and year (GET/PUT /api/targets). */
export interface Target {
  indicator: string;
  year: number;
  amount: string | null;
  growth: string | null;
  /** 计划进度: 12 cumulative shares (％), January to December */
  planCurve: string[] | null;
  version: number;
  updatedAt: string;
}

/** An indicator with what its target form needs, and its target of the year (null: none yet). */
export interface IndicatorTarget {
  code: string;
  name: string;
  unit: string;
  decimals: number;
  section: CodeName;
  kind: IndicatorKind;
  frequency: Frequency;
  timeProgress: TimeProgressMode;
  yearOnYear: boolean;
  derived: boolean;
  target: Target | null;
}

export interface TargetList {
  year: number;
  indicators: IndicatorTarget[];
}

/** PUT /api/targets/:code/:year: the whole target; a part null is none. */
export interface TargetInput {
  amount: string | null;
  growth: string | null;
  planCurve: string[] | null;
  version?: number;
}

/** A template as listed, without its text. */
export interface TemplateSummary {
  code: string;
  name: string;
  version: number;
}

export interface Template {
  code?: string;
  name?: string;
  text: string;
  version: number;
}

/** What a new narrative block is created with (PUT /api/narratives/:code without a version). */
export interface NewNarrative {
  code: string;
  title: string | null;
  section: string;
  /** the month from whose report on it applies; null: the whole year */
  through: number | null;
  text: string;
}

export interface NarrativeBlock {
  code: string;
  title: string | null;
  text: string;
  version: number;
  /** the block applies from this month's report on (null: all year) */
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

/** A user as the administrator and the security officer see one (docs/api.md, `User`; the fields this app uses). */
export interface User {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  section: CodeName | null;
  disabled?: boolean;
  version: number;
  lastLoginAt?: string | null;
  lastLoginAddress?: string | null;
  lockedUntil?: string | null;
}

export type AccountRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** An account change awaiting (or past) a security officer's decision (docs/api.md, `AccountRequest`). */
export interface AccountRequest {
  id: string;
  kind: 'create' | 'change';
  status: AccountRequestStatus;
  username: string;
  userId: string | null;
  targetRole: Role;
  targetRoleName: string;
  summary: string[];
  reasons: string[];
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** A refused sign-in, as the security officer lists them. */
export interface SignInFailure {
  id: string;
  at: string;
  username: string;
  account: string | null;
  address: string | null;
  reason: 'unknown' | 'wrong' | 'locked' | 'disabled' | 'throttled';
  reasonName: string;
  locked: boolean;
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
