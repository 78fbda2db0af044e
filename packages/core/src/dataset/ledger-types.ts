import type { Findings } from '../format/findings.js';
import { PRESET_SCHEMA } from '../format/schema.js';
import type { SourceDocument } from '../format/source.js';
import { compileLedgerType, LEDGER_CODES, LEDGERS, type LedgerDef } from '../ledgers/catalogue.js';
import type { LedgerTypeDefinition } from '../ledgers/definition.js';
import { checkLedgerType, checkReferences } from '../ledgers/type-checks.js';

/** The ledger types a dataset may use: the preset's and the file's own that passed their checks. */
export interface FileLedgers {
  /** the file's own types that may be used, in the file's order */
  types: LedgerTypeDefinition[];
  /** the preset's ledgers, then the file's */
  defs: LedgerDef[];
  /** codes of the file's own types that did not pass: their rows are not checked, the type's problems say why */
  broken: Set<string>;
}

/**
 * Reads the file's `ledgerTypes`: each type whose shape is right is checked on its own
 * (`checkLedgerType`), and its code must be neither a preset ledger's nor one written twice.
 * Problems go to `findings`; shape problems are left to the shape check of the whole file,
 * which states `$defs/ledgerType`.
 */
export function readFileLedgerTypes(doc: SourceDocument, findings: Findings): FileLedgers {
  const listed = (doc.value as { ledgerTypes?: unknown } | null)?.ledgerTypes;
  const types: LedgerTypeDefinition[] = [];
  const broken = new Set<string>();
  const firstAt = new Map<string, string>();
  (Array.isArray(listed) ? listed : []).forEach((item: unknown, index) => {
    const path = `/ledgerTypes/${index}`;
    const code = (item as { code?: unknown } | null)?.code;
    const named = typeof code === 'string' ? code : undefined;
    const before = findings.problems.length;
    if (PRESET_SCHEMA.definitionShapeErrors('ledgerType', item, path).length > 0) {
      if (named !== undefined) broken.add(named);
      return;
    }
    const type = item as LedgerTypeDefinition;
    if (LEDGER_CODES.includes(type.code)) {
      findings.at(`${path}/code`, 'ledgerTypeBuiltIn', { type: type.code, name: LEDGERS[type.code]?.label ?? '' });
    }
    const first = firstAt.get(type.code);
    if (first !== undefined) {
      findings.at(`${path}/code`, 'duplicateCode', {
        what: '台账类型',
        code: type.code,
        firstPath: first,
        firstLine: findings.lineOf(first),
      });
    } else firstAt.set(type.code, `${path}/code`);
    checkLedgerType(type, path, findings);
    if (findings.problems.length > before) broken.add(type.code);
    else types.push(type);
  });
  const known = [...LEDGER_CODES, ...types.map((type) => type.code)];
  for (const type of types) {
    const index = (listed as unknown[]).indexOf(type);
    if (!checkReferences(type, `/ledgerTypes/${index}`, known, findings)) broken.add(type.code);
  }
  const usable = types.filter((type) => !broken.has(type.code));
  return {
    types: usable,
    defs: [...Object.values(LEDGERS), ...usable.map((type) => compileLedgerType(type))],
    broken,
  };
}

/** The document without the rows of broken ledger types, which no schema can check. */
export function withoutBrokenLedgers(doc: SourceDocument, broken: ReadonlySet<string>): SourceDocument {
  const value = doc.value as { ledgers?: unknown } | null;
  const ledgers = value?.ledgers;
  if (broken.size === 0 || typeof ledgers !== 'object' || ledgers === null || Array.isArray(ledgers)) return doc;
  const kept = Object.fromEntries(Object.entries(ledgers).filter(([code]) => !broken.has(code)));
  return { ...doc, value: { ...value, ledgers: kept } };
}
