import { DECIMAL_DEFINITIONS, type SchemaNode, schemaDefinition } from '../format/schema.js';

/** What a ledger field holds, as its schema states it. */
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
  /** the `$defs` entry the field refers to (date, instant, decimal, …), if any */
  ref?: string | undefined;
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

/** Field names become SQL identifiers: only these shapes are let through, whatever the schema says. */
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,50}$/;

/**
 * The columns of a ledger, derived from its `$defs` entry in the schema: the schema is the
 * single source of a ledger's fields, their titles and their types. `ref` and `section`,
 * which every row has, are not among them.
 */
export function ledgerColumns(definition: string): LedgerColumn[] {
  const node = schemaDefinition(definition);
  if (node === undefined) throw new Error(`the dataset schema has no definition ${definition}`);
  return objectColumns(node, definition, ROW_KEYS);
}

/**
 * The fields of each item of a list field kept in one jsonb column (a project's milestones:
 * 节点, 节点状态, 计划完成日期, 完成日期), described as columns are; undefined for a field
 * that is not a list of objects.
 */
export function listItemColumns(definition: string, field: string): LedgerColumn[] | undefined {
  const properties = (schemaDefinition(definition)?.properties ?? {}) as Readonly<Record<string, SchemaNode>>;
  const site = properties[field];
  const items = site?.type === 'array' ? (site.items as SchemaNode | undefined) : undefined;
  return items?.type === 'object' ? objectColumns(items, `${definition}.${field}[]`, []) : undefined;
}

function objectColumns(node: SchemaNode, where: string, skip: readonly string[]): LedgerColumn[] {
  const properties = (node.properties ?? {}) as Readonly<Record<string, SchemaNode>>;
  const required = new Set((node.required ?? []) as string[]);
  return Object.entries(properties)
    .filter(([field]) => !skip.includes(field))
    .map(([field, site]) => {
      if (!FIELD_NAME.test(field)) throw new Error(`ledger field ${where}.${field} cannot name a column`);
      const ref = typeof site.$ref === 'string' ? site.$ref.replace(/^#\/\$defs\//, '') : undefined;
      const resolved = { ...(ref === undefined ? {} : schemaDefinition(ref)), ...site };
      const type = fieldType(resolved, ref, `${where}.${field}`);
      const values = Array.isArray(resolved.enum) ? resolved.enum.map(String) : undefined;
      return {
        field,
        column: snakeCase(field),
        title: typeof resolved.title === 'string' ? resolved.title : field,
        type,
        sqlType: SQL_TYPES[type],
        required: required.has(field),
        values,
        ref,
      };
    });
}

function fieldType(node: SchemaNode, ref: string | undefined, where: string): LedgerFieldType {
  if (ref !== undefined && DECIMAL_DEFINITIONS.has(ref)) return 'decimal';
  if (node.format === 'date') return 'date';
  if (node.format === 'date-time') return 'dateTime';
  switch (node.type) {
    case 'string':
      return 'text';
    case 'number':
      return 'decimal';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'object':
      // a list or an object (a project's milestones, its facts), kept whole in one jsonb column
      return 'json';
  }
  if (Array.isArray(node.enum) && node.enum.every((value) => typeof value === 'string')) return 'text';
  throw new Error(`ledger field ${where} has a type no column can hold`);
}
