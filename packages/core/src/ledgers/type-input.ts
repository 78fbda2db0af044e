import type { Problem } from '../errors.js';
import { Findings } from '../format/findings.js';
import { PRESET_SCHEMA } from '../format/schema.js';
import { checkShape } from '../format/shape.js';
import { LineIndex, type SourceDocument } from '../format/source.js';
import type { LedgerTypeDefinition } from './definition.js';
import { checkLedgerType, checkLedgerTypeChange, checkReferences } from './type-checks.js';

/** The ledgers an organisation has, as a new or changed type is checked against them. */
export interface KnownLedger {
  code: string;
  label: string;
  builtIn: boolean;
}

export type LedgerTypeInputResult = { ok: true; definition: LedgerTypeDefinition } | { ok: false; problems: Problem[] };

/** Where a dataset keeps a type: a definition typed in 台账设置 gets the messages a file's would. */
const BASE = '/ledgerTypes/0';

/**
 * One ledger type as 台账设置 hands it over, new (`before` absent) or replacing `before`:
 * its shape as `$defs/ledgerType` states it, the checks of a file's types, a code no other
 * ledger of the organisation has, references to ledgers it has, and for a change, no field
 * dropped or retyped and the code kept. Paths are JSON Pointers into the definition.
 */
export function checkLedgerTypeInput(
  given: unknown,
  ledgers: readonly KnownLedger[],
  before?: LedgerTypeDefinition,
): LedgerTypeInputResult {
  const doc: SourceDocument = { value: { ledgerTypes: [given] }, nodes: new Map(), duplicates: [] };
  const findings = new Findings('', new LineIndex(''));
  checkShape(doc, findings, PRESET_SCHEMA.definitionShapeErrors('ledgerType', given, BASE));
  if (findings.problems.length === 0) {
    const type = given as LedgerTypeDefinition;
    if (before === undefined) {
      const taken = ledgers.find((ledger) => ledger.code === type.code);
      if (taken !== undefined) {
        const key = taken.builtIn ? 'ledgerTypeBuiltIn' : 'ledgerTypeExists';
        findings.at(`${BASE}/code`, key, { type: type.code, name: taken.label });
      }
    } else checkLedgerTypeChange(before, type, BASE, findings);
    checkLedgerType(type, BASE, findings);
    checkReferences(type, BASE, [...new Set([...ledgers.map((ledger) => ledger.code), type.code])], findings);
  }
  if (findings.problems.length > 0) {
    return { ok: false, problems: findings.problems.map((p) => ({ ...p, path: p.path.slice(BASE.length) })) };
  }
  return { ok: true, definition: given as LedgerTypeDefinition };
}

/** JSON with every object's keys in order: two definitions that differ only in key order read alike. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, ordered(v)]),
  );
}

/** Whether two definitions say the same thing, whatever the order of their keys. */
export function sameLedgerType(a: LedgerTypeDefinition, b: LedgerTypeDefinition): boolean {
  return JSON.stringify(ordered(a)) === JSON.stringify(ordered(b));
}
