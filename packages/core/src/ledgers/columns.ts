import {
  type FieldDefinition,
  type FieldKind,
  type LedgerTypeDefinition,
  RESERVED_FIELD_CODES,
  STAGE_STATUSES,
} from './definition.js';

/** How a ledger field's value is held: its column's kind. */
export type LedgerFieldType = 'text' | 'date' | 'dateTime' | 'decimal' | 'integer' | 'boolean' | 'json';

/** The SQL column type of each kind of field (docs/ledgers.md). */
export const SQL_TYPES: Readonly<Record<LedgerFieldType, string>> = {
  text: 'text',
  date: 'date',
  dateTime: 'timestamptz',
  decimal: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  json: 'jsonb',
};

/** The column kind of each kind of field: a choice, a section code and a row's ref are texts. */
const HELD_AS: Readonly<Record<FieldKind, LedgerFieldType>> = {
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  dateTime: 'dateTime',
  boolean: 'boolean',
  choice: 'text',
  section: 'text',
  reference: 'text',
  stages: 'json',
  facts: 'json',
};

/** One field of a ledger and the column that keeps it. */
export interface LedgerColumn {
  /** the field in a dataset, e.g. receivedAt */
  field: string;
  /** its column in `ledger_<code>`, e.g. received_at */
  column: string;
  /** its Chinese title, how messages name it, e.g. 受理时间 */
  title: string;
  type: LedgerFieldType;
  /** text, date, timestamptz, numeric, integer, boolean or jsonb */
  sqlType: string;
  required: boolean;
  /** the allowed values of an enumerated field */
  values?: readonly string[] | undefined;
  /** what the field holds, as its ledger type defines it */
  kind: FieldKind;
  /** the field's definition: unit, bounds, personal, retired, … */
  definition: FieldDefinition;
}

/**
 * The two fields every row has, kept in columns of their own: `ref` (column ref) and
 * `section` (column section_id, the section's surrogate key).
 */
export const ROW_KEYS: readonly string[] = ['ref', 'section'];

/** receivedAt → received_at. */
export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Field names become SQL identifiers: only these shapes are let through, whatever a definition says. */
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,50}$/;

function column(field: FieldDefinition, where: string, name = snakeCase(field.code)): LedgerColumn {
  if (!FIELD_NAME.test(field.code) || RESERVED_FIELD_CODES.includes(field.code)) {
    throw new Error(`ledger field ${where}.${field.code} cannot name a column`);
  }
  const type = HELD_AS[field.type];
  return {
    field: field.code,
    column: name,
    title: field.title,
    type,
    sqlType: SQL_TYPES[type],
    // A retired field keeps its data but is no longer asked for.
    required: field.required === true && field.retired !== true,
    values: field.type === 'choice' ? field.values : undefined,
    kind: field.type,
    definition: field,
  };
}

/**
 * The columns of a ledger type, one per field of its definition. `ref` and `section`, which
 * every row has, are not among them. A column is named after its field (receivedAt is
 * received_at) unless `names` gives the generated name it was stored under (c3).
 */
export function ledgerColumns(type: LedgerTypeDefinition, names?: Readonly<Record<string, string>>): LedgerColumn[] {
  return type.fields.map((field) => {
    const name = names === undefined ? undefined : names[field.code];
    if (names !== undefined && name === undefined)
      throw new Error(`ledger field ${type.code}.${field.code} has no column`);
    return column(field, type.code, name);
  });
}

/** The parts of each item of a list of stages: 节点, 节点状态, 计划完成日期, 完成日期. */
export function stageItemColumns(stages: FieldDefinition): LedgerColumn[] {
  const where = `${stages.code}[]`;
  return [
    column({ code: 'stage', title: '节点', type: 'choice', values: stages.stages, required: true }, where),
    column({ code: 'status', title: '节点状态', type: 'choice', values: STAGE_STATUSES, required: true }, where),
    column({ code: 'plannedAt', title: '计划完成日期', type: 'date' }, where),
    column({ code: 'doneAt', title: '完成日期', type: 'date' }, where),
  ];
}
