import { makeProblem, type Problem } from '../errors.js';
import { Findings } from '../format/findings.js';
import { readJson } from '../format/json-source.js';
import { schemaFor } from '../format/schema.js';
import { checkShape } from '../format/shape.js';
import { flatten, LineIndex, type SourceNode } from '../format/source.js';
import { decodeText } from '../format/text.js';
import { readYaml } from '../format/yaml-source.js';
import { SEED_PRESET } from '../ledgers/preset.js';
import { readFileLedgerTypes, withoutBrokenLedgers } from './ledger-types.js';
import { checkMeaning } from './meaning.js';
import { type Dataset, toDataset } from './normalise.js';

/** A dataset that may be loaded comes with its warnings: things to check that do not stop the load. */
export type ParseResult = { ok: true; dataset: Dataset; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Problems listed at most; past this a file is usually wrong throughout (a wrong file, a
 * column shifted) and a longer list only hides the first lines that show why.
 */
export const MAX_PROBLEMS = 200;

/**
 * Pure: bytes in, dataset (with its warnings) or every problem out. No I/O. The whole file is checked before
 * anything is returned, in order: text, syntax, shape (the JSON Schema), then the rules across
 * records; problems come back sorted by their place in the file.
 */
export function parseDataset(bytes: Uint8Array, file: string): ParseResult {
  const decoded = decodeText(bytes, file);
  if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
  const { text } = decoded;
  const lines = new LineIndex(text);
  const findings = new Findings(file, lines);
  const wholeFile = { file, path: '' };
  if (text.trim() === '') return { ok: false, problems: [makeProblem(wholeFile, 'empty', {})] };

  let root: SourceNode | null | undefined;
  if (isJson(file, text)) {
    const read = readJson(text, lines);
    if (read.ok) root = read.root;
    else findings.atOffset('', read.offset, 'jsonSyntax', { reason: read.reason });
  } else {
    root = readYaml(text, lines, findings);
  }
  // A syntax error leaves the rest of the file unreadable: what follows would only mislead.
  if (findings.problems.length > 0 || root === undefined)
    return { ok: false, problems: listed(findings.problems, file) };
  if (root === null) return { ok: false, problems: [makeProblem(wholeFile, 'empty', {})] };

  const whole = flatten(root);
  findings.adopt(whole);
  // The file's own ledger types first: the rows of its ledgers are checked against them.
  const ledgers = readFileLedgerTypes(whole, findings);
  const doc = withoutBrokenLedgers(whole, ledgers.broken);
  const schema = schemaFor(
    ledgers.types.length === 0 ? SEED_PRESET.ledgerTypes : [...SEED_PRESET.ledgerTypes, ...ledgers.types],
  );
  checkShape(doc, findings, undefined, schema);
  checkMeaning(doc, findings, ledgers.defs);
  if (findings.problems.length > 0) return { ok: false, problems: listed(findings.problems, file) };
  return { ok: true, dataset: toDataset(doc, ledgers), warnings: listed(findings.warnings, file) };
}

/**
 * JSON is read by the strict JSON reader, whose messages speak of JSON's rules; everything
 * else as YAML (which also reads JSON, so a .txt holding JSON still loads).
 */
function isJson(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  return /^\s*[{[]/.test(text);
}

/** Problems in reading order, cut to MAX_PROBLEMS with a last line saying how many were left out. */
function listed(problems: readonly Problem[], file: string): Problem[] {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  const shown = sorted.slice(0, MAX_PROBLEMS);
  shown.push(makeProblem({ file, path: '' }, 'tooManyProblems', { count: sorted.length - MAX_PROBLEMS }));
  return shown;
}
