import type { LedgerCode } from '../model.js';
import { type LedgerColumn, ledgerColumns } from './columns.js';
import type { LedgerTypeDefinition } from './definition.js';
import { fieldRules } from './field-rules.js';
import { SEED_PRESET } from './preset.js';
import { rowSchemaName } from './row-schema.js';
import { type LedgerRule, ruleOf } from './rules.js';

/** One ledger (台账): where it is kept, what it is called, its fields and its rules. */
export interface LedgerDef {
  code: LedgerCode;
  /** its table, `ledger_<code>` */
  table: `ledger_${LedgerCode}`;
  /** the ledger's Chinese name, 群众投诉台账 */
  label: string;
  /** what one row is called, 群众投诉 */
  rowTitle: string;
  /** its row's `$defs` entry in the dataset schema, `ledger_<code>` */
  schemaDef: `ledger_${LedgerCode}`;
  /** its fields beside `ref` and `section` */
  columns: readonly LedgerColumn[];
  /** what its fields' definitions imply, then the rules across its fields */
  rules: readonly LedgerRule[];
  /** the ledger type it is made from */
  definition: LedgerTypeDefinition;
}

/** A ledger type's definition made ready for use: its columns and its rules as checks. */
function compile(definition: LedgerTypeDefinition): LedgerDef {
  const code = definition.code as LedgerCode;
  return {
    code,
    table: `ledger_${code}`,
    label: definition.name,
    rowTitle: definition.rowTitle,
    schemaDef: rowSchemaName(code) as `ledger_${LedgerCode}`,
    columns: ledgerColumns(definition),
    rules: [...definition.fields.flatMap(fieldRules), ...(definition.rules ?? []).map(ruleOf)],
    definition,
  };
}

/** The ledgers there are, by code, in the order the preset lists them. */
export const LEDGERS: Readonly<Record<LedgerCode, LedgerDef>> = Object.fromEntries(
  SEED_PRESET.ledgerTypes.map((definition) => [definition.code, compile(definition)]),
) as Record<LedgerCode, LedgerDef>;

export const LEDGER_CODES: readonly LedgerCode[] = SEED_PRESET.ledgerTypes.map((type) => type.code as LedgerCode);

export function isLedgerCode(code: string): code is LedgerCode {
  return Object.hasOwn(LEDGERS, code);
}

/** A field of a ledger by its dataset name, or undefined when the ledger has no such field. */
export function ledgerColumn(code: LedgerCode, field: string): LedgerColumn | undefined {
  return LEDGERS[code].columns.find((column) => column.field === field);
}
