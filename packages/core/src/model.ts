/**
 * The indicator model shared by every layer. Amounts are decimal strings as they were
 * entered (e.g. "12.35"): they are parsed into Decimal only inside the arithmetic, so no
 * binary float ever stands between the dataset, the database and a printed figure.
 */

/** 指标类型: how values of one period combine into a figure for "1－m月". */
export type IndicatorKind =
  /** 累计型 cumulative flow (investment, sales area): each value is the amount of its own period; YTD is their sum. */
  | 'flow'
  /** 时点型 point-in-time level (average price): each value stands alone; the figure is the latest period's. */
  | 'level'
  /** 比率型 rate in ％ (清扫保洁率): as a level, but its unit is a percentage. */
  | 'rate';

/** 报送频率: monthly values have periods 1–12, quarterly values periods 1–4. */
export type Frequency = 'monthly' | 'quarterly';

/** 时序进度口径: how much of the year counts as elapsed at the end of a month. */
export type TimeProgressMode =
  /** m ÷ 12 (or q ÷ 4): the default. */
  | 'linear'
  /** days elapsed through the end of the month ÷ days in the year. */
  | 'days'
  /** the target's plan curve: the planned cumulative share of the annual target by each month. */
  | 'plan';

export interface Organisation {
  code: string;
  name: string;
  /** district (区县) or city (市); a district may name its parent city. */
  level: 'district' | 'city';
  parent?: { code: string; name: string } | undefined;
  /** 简称, e.g. 示范区: how report text names the organisation (its full name when absent). */
  shortName?: string | undefined;
}

/** 股室 section of the bureau. */
export interface Section {
  code: string;
  name: string;
}

/** 指标 definition. */
export interface IndicatorDef {
  code: string;
  name: string;
  unit: string;
  /** owning section code */
  section: string;
  kind: IndicatorKind;
  frequency: Frequency;
  /** decimals a value is entered and printed with (亿元 2, ％ 1, counts 0). */
  decimals: number;
  timeProgress: TimeProgressMode;
  /** percentage points behind time progress beyond which the status turns red (default "10"). */
  redThreshold: string;
  /**
   * 同比: whether the indicator is compared with the same period of last year (default true).
   * False for counts entered once for the period (消除旱厕座数): no base, growth or points over
   * a growth target, and no seasonal forecast from last year.
   */
  yearOnYear: boolean;
  /** 派生口径: computed from a ledger's rows instead of entered (docs/ledgers.md). */
  derive?: DeriveSpec | undefined;
}

/** A filter value of a derived indicator: a value, any of several, null for "not set", or { not: null } for "set". */
export type DeriveFilter = string | number | boolean | null | (string | number | boolean)[] | { not: null };

/** How rows are aggregated: counted, a numeric field summed, averaged, its least or greatest, a date's month. */
export type DeriveAggregate = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'month';

/**
 * How a derived indicator is computed from a ledger, by the database. Rows are placed in a
 * period by `date`, by `year`, or (neither) not at all: the rows as they stand.
 */
export interface DeriveSpec {
  ledger: string;
  aggregate: DeriveAggregate;
  /** for sum, avg, min, max: the numeric field; for month: the date field whose latest month is taken */
  field?: string | undefined;
  /** the date or date-time field that places a row in time */
  date?: string | undefined;
  /** the integer field holding the year a row belongs to (计划年度) */
  year?: string | undefined;
  where?: Record<string, DeriveFilter> | undefined;
}

/** 目标任务 for one indicator and year: an amount, a growth rate in ％, or both. */
export interface Target {
  indicator: string;
  year: number;
  amount?: string | undefined;
  growth?: string | undefined;
  /** 计划进度: cumulative planned share (％) of the annual amount by the end of each month, 12 entries. */
  planCurve?: string[] | undefined;
}

/** One entered value of an indicator for one period (a month, or a quarter for quarterly indicators). */
export interface IndicatorValue {
  indicator: string;
  year: number;
  /** month 1–12, or quarter 1–4 for a quarterly indicator */
  period: number;
  value: string;
  /** 上年同期可比数: the statistics office's revised prior-year figure for this same period. */
  comparableBase?: string | undefined;
  enteredBy?: string | undefined;
  /** ISO date or date-time */
  enteredAt?: string | undefined;
  source?: string | undefined;
  note?: string | undefined;
}

/**
 * 叙述 a block of qualitative text of the work summary, owned by a section and kept per year.
 * A report for 1－M月 uses, of the blocks with one key and year, the one whose `through` is the
 * latest not after M; a block without `through` serves the whole year.
 */
export interface Narrative {
  /** a code; the template places the block by it ({% narrative 'key' %}) */
  key: string;
  year: number;
  /** 1–12: the block applies from that month's report on; absent: the whole year */
  through?: number | undefined;
  /** owning section code */
  section: string;
  /** a label for the office (not printed in the report) */
  title?: string | undefined;
  /** the text, which may hold Liquid expressions rendered with the report */
  text: string;
}

/** 报告模板 a report template: the Liquid text of a work summary (docs/report-template.md). */
export interface ReportTemplate {
  code: string;
  name: string;
  text: string;
}

/** 台账 a ledger type's code (docs/ledgers.md): the preset's, or one an organisation defines. */
export type LedgerCode = string;

/** A JSON value as a jsonb column keeps it (a project's milestones, its facts). */
export type LedgerJson =
  | string
  | number
  | boolean
  | null
  | readonly LedgerJson[]
  | { readonly [key: string]: LedgerJson };

/**
 * One field of a ledger row: text (dates as 2021-03-16, date-times as instants with their
 * offset, decimals as their exact text), a whole number, a yes/no, a list or an object kept
 * as jsonb, or null for "not set".
 */
export type LedgerValue = LedgerJson;

/**
 * One row of a ledger (a complaint, a commitment): its `ref`, unique in the ledger and
 * stable across loads, the code of its owning section, and the ledger's own fields by
 * their dataset names (receivedAt, dueDate, …), as `$defs/ledger_<code>` of the schema
 * lists them. A field the row does not set is absent (or null).
 */
export interface LedgerRow {
  ref: string;
  section: string;
  [field: string]: LedgerValue;
}
