import { type DatasetSchema, PRESET_SCHEMA, schemaFor } from '../format/schema.js';
import { type LedgerColumn, ledgerColumns } from './columns.js';
import type { LedgerTypeDefinition } from './definition.js';
import { fieldRules } from './field-rules.js';
import { SEED_PRESET } from './preset.js';
import { rowSchemaName } from './row-schema.js';
import { type LedgerRule, ruleOf } from './rules.js';
import { sameLedgerType } from './type-input.js';

/** One ledger (台账): where it is kept, what it is called, its fields and its rules. */
export interface LedgerDef {
  code: string;
  /** its generated table, `ledger_t<id>`; empty for a type not stored (read from a file only to check it) */
  table: string;
  /** the hand-written table the preset's rows were kept in before migration 0015, as older audit records name it */
  legacyTable?: string | undefined;
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
  /** a ledger of the preset, not redefined by an organisation */
  builtIn: boolean;
}

/** Where an organisation's ledger type is kept: its generated table and each field's generated column. */
export interface LedgerStorage {
  /** ledger_t12 */
  table: string;
  /** field code → column (c1, c2, …) */
  columns: Readonly<Record<string, string>>;
  /** installed from the preset */
  preset: boolean;
  /** ledger_complaints: where the preset's rows were kept before they moved to `table` */
  legacyTable: string | null;
}

/**
 * A ledger type's definition made ready for use: its columns and its rules as checks, kept in
 * the generated table and columns of `storage`. Without it, as when a file is checked before
 * it is stored, it names no table and its columns are named after its fields: it can check
 * rows but not read or write them.
 */
export function compileLedgerType(definition: LedgerTypeDefinition, storage?: LedgerStorage): LedgerDef {
  const { code } = definition;
  const builtIn = storage?.preset ?? SEED_PRESET.ledgerTypes.includes(definition);
  let schema: DatasetSchema | undefined;
  return {
    code,
    table: storage?.table ?? '',
    legacyTable: storage?.legacyTable ?? undefined,
    label: definition.name,
    rowTitle: definition.rowTitle,
    schemaDef: rowSchemaName(code),
    get schema() {
      // Compiled when a row is first checked: a catalogue read only to list rows needs none.
      schema ??= asShipped(definition) ? PRESET_SCHEMA : schemaFor([definition]);
      return schema;
    },
    columns: ledgerColumns(definition, storage?.columns),
    rules: [...definition.fields.flatMap(fieldRules), ...(definition.rules ?? []).map(ruleOf)],
    definition,
    builtIn,
  };
}

/**
 * Whether a definition is the preset's as shipped: its schema is then the one compiled for
 * all; a type that differs (an organisation's own, or the preset of an earlier release) gets
 * its own.
 */
function asShipped(definition: LedgerTypeDefinition): boolean {
  const shipped = SEED_PRESET.ledgerTypes.find((type) => type.code === definition.code);
  return shipped !== undefined && (shipped === definition || sameLedgerType(shipped, definition));
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

/**
 * A ledger of the preset by its code, to check rows against (it names no table: an
 * organisation's rows are read through its catalogue); a code the preset lacks is a
 * programming error.
 */
export function presetLedger(code: string): LedgerDef {
  const ledger = LEDGERS[code];
  if (ledger === undefined) throw new Error(`the preset has no ledger ${code}`);
  return ledger;
}
