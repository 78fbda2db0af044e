import { type DatasetSchema, PRESET_SCHEMA, schemaFor } from '../format/schema.js';
import { type LedgerColumn, ledgerColumns } from './columns.js';
import type { LedgerTypeDefinition } from './definition.js';
import { fieldRules } from './field-rules.js';
import { SEED_PRESET } from './preset.js';
import { rowSchemaName } from './row-schema.js';
import { type LedgerRule, ruleOf } from './rules.js';

/** One ledger (台账): where it is kept, what it is called, its fields and its rules. */
export interface LedgerDef {
  code: string;
  /** its table: `ledger_<code>` for the preset's, `ledger_t<id>` for one an organisation defined */
  table: string;
  /** the ledger's Chinese name, 群众投诉台账 */
  label: string;
  /** what one row is called, 群众投诉 */
  rowTitle: string;
  /** its row's `$defs` entry in the dataset schema, `ledger_<code>` */
  schemaDef: string;
  /** the dataset schema that holds that entry */
  schema: DatasetSchema;
  /** its fields beside `ref` and `section` */
  columns: readonly LedgerColumn[];
  /** what its fields' definitions imply, then the rules across its fields */
  rules: readonly LedgerRule[];
  /** the ledger type it is made from */
  definition: LedgerTypeDefinition;
  /** a ledger of the preset, kept in its own hand-written table and not changed by an organisation */
  builtIn: boolean;
}

/** Where an organisation's own ledger type is kept: its generated table and each field's generated column. */
export interface LedgerStorage {
  /** ledger_t12 */
  table: string;
  /** field code → column (c1, c2, …) */
  columns: Readonly<Record<string, string>>;
}

/**
 * A ledger type's definition made ready for use: its columns and its rules as checks. A
 * preset type is kept in `ledger_<code>` with columns named after its fields; a type an
 * organisation defines, in the generated table and columns of `storage` (without it, as when a
 * file is checked before it is stored, its columns are named after its fields).
 */
export function compileLedgerType(definition: LedgerTypeDefinition, storage?: LedgerStorage): LedgerDef {
  const { code } = definition;
  const builtIn = SEED_PRESET.ledgerTypes.includes(definition);
  let schema: DatasetSchema | undefined;
  return {
    code,
    table: storage?.table ?? `ledger_${code}`,
    label: definition.name,
    rowTitle: definition.rowTitle,
    schemaDef: rowSchemaName(code),
    get schema() {
      // Compiled when a row is first checked: a catalogue read only to list rows needs none.
      schema ??= builtIn ? PRESET_SCHEMA : schemaFor([definition]);
      return schema;
    },
    columns: ledgerColumns(definition, storage?.columns),
    rules: [...definition.fields.flatMap(fieldRules), ...(definition.rules ?? []).map(ruleOf)],
    definition,
    builtIn,
  };
}

/** The preset's ledgers, by code, in the order the preset lists them. */
export const LEDGERS: Readonly<Record<string, LedgerDef>> = Object.fromEntries(
  SEED_PRESET.ledgerTypes.map((definition) => [definition.code, compileLedgerType(definition)]),
);

export const LEDGER_CODES: readonly string[] = SEED_PRESET.ledgerTypes.map((type) => type.code);

/** Whether a code names a ledger of the preset. */
export function isLedgerCode(code: string): boolean {
  return Object.hasOwn(LEDGERS, code);
}

/** A field of a ledger by its dataset name, or undefined when the ledger has no such field. */
export function ledgerColumn(ledger: LedgerDef, field: string): LedgerColumn | undefined {
  return ledger.columns.find((column) => column.field === field);
}

/** A ledger of the preset by its code; a code the preset lacks is a programming error. */
export function presetLedger(code: string): LedgerDef {
  const ledger = LEDGERS[code];
  if (ledger === undefined) throw new Error(`the preset has no ledger ${code}`);
  return ledger;
}
