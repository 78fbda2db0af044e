/**
 * A ledger type (台账类型) as data: what the office writes in a dataset's `ledgerTypes`, in the
 * 台账设置 page, and what the preset of built-in ledgers is written in
 * (docs/ledgers.md; the JSON Schema's `$defs/ledgerType`).
 */

/** What one field holds. */
export type FieldKind =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'dateTime'
  | 'boolean'
  | 'choice'
  | 'section'
  | 'reference'
  | 'stages'
  | 'facts';

/** How a person's data in a field is masked for roles that do not handle the row. */
export type PersonalKind = 'name' | 'phone' | 'idNumber' | 'other';

export interface FieldDefinition {
  /** the key rows use: completedAt */
  code: string;
  /** 建成日期: how forms, columns and messages name it */
  title: string;
  type: FieldKind;
  description?: string | undefined;
  required?: boolean | undefined;
  unique?: boolean | undefined;
  /** integer and decimal: bounds, exact decimals as written */
  min?: string | number | undefined;
  max?: string | number | undefined;
  /** text: at most this many characters (DEFAULT_MAX_LENGTH) */
  maxLength?: number | undefined;
  /** integer and decimal: 万元, 个 */
  unit?: string | undefined;
  /** decimal: at most this many digits after the point */
  decimals?: number | undefined;
  /** choice: the values allowed, in the order a row passes through them when they are stages of work */
  values?: readonly string[] | undefined;
  /**
   * choice: the date field from which a row holds a value (已建成 from completedAt), so that a
   * past period reads the value the row held then: before that day it held the value before.
   */
  datedBy?: Readonly<Record<string, string>> | undefined;
  /** reference: the code of the ledger type it names rows of */
  ledger?: string | undefined;
  /** stages: the stages an item may name */
  stages?: readonly string[] | undefined;
  /** stages: at most this many items in a row */
  maxItems?: number | undefined;
  personal?: PersonalKind | undefined;
  /** text: may hold report-template tags, parsed when written */
  template?: boolean | undefined;
  /** kept with its data, shown read-only, no longer written */
  retired?: boolean | undefined;
  /** date: a deadline, overdue once past while `doneBy` is not set, due soon within `warnDays` days */
  due?: DueDefinition | undefined;
}

/** What makes a date field a deadline (期限). */
export interface DueDefinition {
  /** the date or date-time field whose value means the row is done */
  doneBy?: string | undefined;
  /** days before the deadline a row is flagged as due soon (DEFAULT_WARN_DAYS) */
  warnDays?: number | undefined;
}

/** A rule across the fields of one row, as data. */
export type RuleDefinition =
  | { rule: 'notBefore'; field: string; earlier: string }
  | { rule: 'requires'; field: string; needs: string; reason?: string | undefined }
  | { rule: 'requiredWhen' | 'onlyWhen'; field: string; when: string; in: readonly string[] }
  | { rule: 'impliedBy'; field: string; when: string; implies: Readonly<Record<string, string>> };

export interface LedgerTypeDefinition {
  /** parking, gas_safety */
  code: string;
  /** 公共停车场台账 */
  name: string;
  /** what one row is called: 停车场 */
  rowTitle: string;
  description?: string | undefined;
  /**
   * the date or date-time field that counts a row in a period (receivedAt): what a report's
   * `top` and `latest` read a ledger by; absent, the report reads neither of this ledger
   */
  placedBy?: string | undefined;
  /** the owning section's code; absent: any section keeps rows in it */
  section?: string | undefined;
  /** the title of `ref`: 停车场编号 (default 编号) */
  refTitle?: string | undefined;
  refDescription?: string | undefined;
  /** the title of the row's section: 责任股室 (the default) */
  sectionTitle?: string | undefined;
  /** how a new row without a ref is numbered: TCC-{year}-{seq:3} */
  numbering?: string | undefined;
  fields: readonly FieldDefinition[];
  rules?: readonly RuleDefinition[] | undefined;
}

/** A preset: ledger types shipped as data (the built-in ledgers are one). */
export interface LedgerTypePreset {
  format: 'taizhang-ledger-types/1';
  name: string;
  ledgerTypes: readonly LedgerTypeDefinition[];
}

export const DEFAULT_MAX_LENGTH = 200;
export const DEFAULT_MAX_STAGES = 50;
export const DEFAULT_REF_TITLE = '编号';
/** Days before a deadline a row is flagged as due soon, unless its field says otherwise. */
export const DEFAULT_WARN_DAYS = 7;
export const DEFAULT_SECTION_TITLE = '责任股室';

/** The statuses of a stage in a stage list, in order. */
export const STAGE_STATUSES = ['计划', '进行中', '已完成'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];
/** The status of a stage that is done, and so has its completion day. */
export const STAGE_DONE: StageStatus = '已完成';

/** What every row has or is given besides its fields: no field may take these codes. */
export const RESERVED_FIELD_CODES: readonly string[] = [
  'ref',
  'section',
  'id',
  'orgId',
  'version',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
];
