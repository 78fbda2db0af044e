import { toChinaInstant } from '../china-time.js';
import { describeValue, fieldName, makeProblem, type Problem } from '../errors.js';
import { Findings, taintedPaths } from '../format/findings.js';
import { readJson } from '../format/json-source.js';
import { checkShape } from '../format/shape.js';
import { flatten, LineIndex, pointerSegment, type SourceDocument, type SourceNode } from '../format/source.js';
import { closestName } from '../format/suggest.js';
import { decodeText } from '../format/text.js';
import { readYaml } from '../format/yaml-source.js';
import type { LedgerRow, LedgerValue } from '../model.js';
import type { LedgerDef } from './catalogue.js';
import { readMoment } from './dates.js';
import type { LedgerRowCheck, ProblemSink } from './rules.js';

type Fields = Readonly<Record<string, unknown>>;

function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** Where a dataset keeps a ledger's rows: /ledgers/complaints. */
function ledgerPath(code: string): string {
  return `/ledgers/${code}`;
}

/**
 * The checks of one row beyond its shape: real dates, texts that are more than blanks, and
 * the ledger's rules across fields. Fields with a problem found earlier (`clean` says no)
 * are left alone, so one slip is reported once.
 */
function checkRow(
  def: LedgerDef,
  fields: Fields,
  path: string,
  clean: (path: string) => boolean,
  sink: ProblemSink,
  literalAt: (path: string) => string | undefined = () => undefined,
) {
  const doubtful = new Set<string>();
  const fieldPath = (field: string) => `${path}/${pointerSegment(field)}`;
  const pathTo = (segments: readonly (string | number)[]) =>
    `${path}${segments.map((segment) => `/${pointerSegment(String(segment))}`).join('')}`;
  const sound = (field: string): unknown =>
    fields[field] !== undefined && !doubtful.has(field) && clean(fieldPath(field)) ? fields[field] : undefined;

  for (const column of def.columns) {
    const value = sound(column.field);
    if (typeof value !== 'string') continue;
    if ((column.type === 'date' || column.type === 'dateTime') && readMoment(value) === undefined) {
      // The pattern admits 2021-02-30 and 25:00; the database would refuse them after part of a load was written.
      sink.at(fieldPath(column.field), 'impossibleDate', { label: column.title, actual: value });
      doubtful.add(column.field);
    } else if (column.type === 'text' && column.values === undefined && value.trim() === '') {
      sink.at(fieldPath(column.field), 'blankText', { label: column.title });
      doubtful.add(column.field);
    }
  }

  const columnOf = (field: string) => def.columns.find((column) => column.field === field);
  const title = (field: string) => columnOf(field)?.title ?? field;
  const check: LedgerRowCheck = {
    owner: def.schema.ownerAt(path, fields),
    present: (field) => fields[field] !== undefined && fields[field] !== null,
    text: (field) => {
      const value = sound(field);
      if (typeof value === 'string') return value;
      // A decimal written as a number is read as its text exactly as written (85, 100.5).
      if (typeof value === 'number' && Number.isFinite(value) && columnOf(field)?.type === 'decimal') {
        return literalAt(fieldPath(field)) ?? String(value);
      }
      return undefined;
    },
    type: (field) => columnOf(field)?.type,
    title,
    name: (field) => fieldName(field, title(field)),
    report: (field, key, args) => sink.at(fieldPath(field), key, args),
    value: (field) => sound(field),
    reportAt: (segments, key, args) => sink.at(pathTo(segments), key, args),
    warnAt: (segments, key, args) => sink.warn(pathTo(segments), key, args),
  };
  for (const rule of def.rules) rule(check);
}

/** A row's section must be one the organisation has. */
function checkSection(
  def: LedgerDef,
  fields: Fields,
  path: string,
  section: unknown,
  sections: readonly string[] | ReadonlySet<string>,
  sink: ProblemSink,
): void {
  const known = [...sections];
  if (typeof section !== 'string' || known.includes(section)) return;
  sink.at(`${path}/section`, 'unknownSection', {
    owner: def.schema.ownerAt(path, fields),
    section,
    suggestion: closestName(section, known),
    known,
  });
}

/**
 * The ledger rules of a whole dataset, run by its meaning check after the shape check:
 * every row's rules, a `ref` written twice in one ledger (naming the first), and a section
 * not among the file's `sections` (`sections` undefined when the file's list is unusable).
 */
export function checkDatasetLedgers(
  defs: readonly LedgerDef[],
  ledgers: unknown,
  sections: ReadonlySet<string> | undefined,
  clean: (path: string) => boolean,
  findings: Findings,
  literalAt: (path: string) => string | undefined = () => undefined,
): void {
  const byCode = record(ledgers);
  if (byCode === undefined) return;
  for (const def of defs) {
    const { code } = def;
    const rows = byCode[code];
    if (!Array.isArray(rows)) continue;
    const firstRef = new Map<string, string>();
    rows.forEach((row, index) => {
      const fields = record(row);
      if (fields === undefined) return;
      const path = `${ledgerPath(code)}/${index}`;
      const ref = fields.ref;
      if (typeof ref === 'string' && clean(`${path}/ref`)) {
        const firstPath = firstRef.get(ref);
        if (firstPath === undefined) firstRef.set(ref, `${path}/ref`);
        else
          findings.at(`${path}/ref`, 'duplicateRef', {
            ledger: def.label,
            ref,
            firstPath,
            firstLine: findings.lineOf(firstPath),
          });
      }
      if (sections !== undefined && clean(`${path}/section`))
        checkSection(def, fields, path, fields.section, sections, findings);
      checkRow(def, fields, path, clean, findings, literalAt);
    });
  }
}

export interface LedgerRowOptions {
  /** where the row came from, for the problems' `file` ('' when it came from no file) */
  file?: string;
  /** the organisation's section codes, when the row's section should be checked against them */
  sections?: readonly string[] | ReadonlySet<string>;
}

/**
 * Every problem of one row of a ledger on its own (a row added or updated singly): its
 * shape as the schema's `$defs/ledger_<code>` states it, and the same rules a dataset's rows
 * obey. Paths are JSON Pointers into the row: `/closedAt`; '' for the row itself.
 */
export function validateLedgerRow(ledger: LedgerDef, given: unknown, options: LedgerRowOptions = {}): Problem[] {
  return examineLedgerRow(ledger, given, options).problems;
}

/** `validateLedgerRow`'s problems, and the warnings of a row that may be written but deserves a look. */
function examineLedgerRow(
  def: LedgerDef,
  given: unknown,
  options: LedgerRowOptions,
): { problems: Problem[]; warnings: Problem[] } {
  const { code } = def;
  const row = decimalsAsText(def, given);
  const base = `${ledgerPath(code)}/0`;
  // The row is checked where a dataset holds it, so that messages name its fields alike.
  const doc: SourceDocument = { value: { ledgers: { [code]: [row] } }, nodes: new Map(), duplicates: [] };
  const findings = new Findings(options.file ?? '', new LineIndex(''));
  checkShape(doc, findings, def.schema.definitionShapeErrors(def.schemaDef, row, base), def.schema);
  const tainted = taintedPaths(findings.problems.map((problem) => problem.path));
  const clean = (path: string) => !tainted.has(path);
  const fields = record(row);
  if (fields !== undefined) {
    if (options.sections !== undefined && clean(`${base}/section`)) {
      checkSection(def, fields, base, fields.section, options.sections, findings);
    }
    checkRow(def, fields, base, clean, findings);
  }
  const local = (problem: Problem) => ({ ...problem, path: problem.path.slice(base.length) });
  return { problems: findings.problems.map(local), warnings: findings.warnings.map(local) };
}

/**
 * A row's decimal fields given as numbers, as their text: what `parseLedgerInput` makes of a
 * number written in JSON, so that a row handed over in code gets the same verdict and the same
 * message (-1.5 不能小于 0) as one typed at the command line, not a complaint about its type.
 */
function decimalsAsText(def: LedgerDef, row: unknown): unknown {
  const fields = record(row);
  if (fields === undefined) return row;
  const decimal = (field: string) => def.columns.some((c) => c.field === field && c.type === 'decimal');
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      field,
      typeof value === 'number' && Number.isFinite(value) && decimal(field) ? String(value) : value,
    ]),
  );
}

export type LedgerRowResult = { ok: true; row: LedgerRow; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** `validateLedgerRow`, and the row in the model's form, with its warnings, when it has no problem. */
export function checkLedgerRow(ledger: LedgerDef, row: unknown, options: LedgerRowOptions = {}): LedgerRowResult {
  const { problems, warnings } = examineLedgerRow(ledger, row, options);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, row: toLedgerRow(ledger, row as Fields), warnings };
}

/**
 * A row that passed every check, in the model's form: date-times become instants (a bare one
 * is Beijing time), decimals their exact text as written, and fields not set are absent.
 */
export function toLedgerRow(
  ledger: LedgerDef,
  fields: Fields,
  literalAt: (field: string) => string | undefined = () => undefined,
): LedgerRow {
  const row: LedgerRow = { ref: String(fields.ref), section: String(fields.section) };
  for (const column of ledger.columns) {
    const value = fields[column.field];
    if (value === undefined || value === null) continue;
    if (column.type === 'dateTime') row[column.field] = toChinaInstant(String(value));
    else if (column.type === 'decimal') row[column.field] = literalAt(column.field) ?? String(value);
    else row[column.field] = value as LedgerValue;
  }
  return row;
}

/** The ledgers of a dataset that passed every check, each ledger of `defs` a list (empty when the file has none). */
export function datasetLedgers(
  defs: readonly LedgerDef[],
  ledgers: unknown,
  literalAt: (path: string) => string | undefined,
): Record<string, LedgerRow[]> {
  const byCode = record(ledgers) ?? {};
  const result: Record<string, LedgerRow[]> = {};
  for (const def of defs) {
    const { code } = def;
    const rows = byCode[code];
    result[code] = [];
    if (!Array.isArray(rows)) continue;
    result[code] = rows.map((row, index) =>
      toLedgerRow(def, row as Fields, (field) => {
        const value = (row as Fields)[field];
        return typeof value === 'string' ? value : literalAt(`${ledgerPath(code)}/${index}/${pointerSegment(field)}`);
      }),
    );
  }
  return result;
}

/** What `ledger list` and `ledger show` print beside a row's own fields; ignored when a printed row comes back as input. */
export const LEDGER_BOOKKEEPING_FIELDS: readonly string[] = [
  'id',
  'version',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
];

export type LedgerInputResult = { ok: true; value: Record<string, unknown> } | { ok: false; problems: Problem[] };

/**
 * One row (or the changes to one) written as a JSON object — or YAML, when `file` names a
 * .yaml/.yml file — read as a dataset is: exact decimals (12.30 stays "12.30"), a key written
 * twice refused, syntax errors explained with line and column. `null` is kept: it means
 * "not set", which is how an update clears a field.
 */
export function parseLedgerInput(ledger: LedgerDef, input: Uint8Array | string, file: string): LedgerInputResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeText(input, file);
    if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
    text = decoded.text;
  }
  const lines = new LineIndex(text);
  const findings = new Findings(file, lines);
  const notObject = (value: unknown) => ({
    ok: false as const,
    problems: [makeProblem({ file, path: '' }, 'ledgerInputNotObject', { actual: describeValue(value) })],
  });
  if (text.trim() === '') return notObject(undefined);
  let root: SourceNode | null | undefined;
  if (/\.ya?ml$/i.test(file)) {
    root = readYaml(text, lines, findings);
  } else {
    const read = readJson(text, lines);
    if (read.ok) root = read.root;
    else findings.atOffset('', read.offset, 'jsonSyntax', { reason: read.reason });
  }
  if (findings.problems.length > 0 || root === undefined) return { ok: false, problems: findings.problems };
  if (root === null) return notObject(null);
  const doc = flatten(root);
  findings.adopt(doc);
  if (findings.problems.length > 0) return { ok: false, problems: findings.problems };
  const fields = record(doc.value);
  if (fields === undefined) return notObject(doc.value);
  return {
    ok: true,
    value: withDecimalsAsWritten(ledger, fields, (field) => doc.nodes.get(`/${pointerSegment(field)}`)?.literal),
  };
}

/**
 * A row's fields with each decimal field's number as its digits (the schema's decimal also
 * accepts its text), so no digit is lost to a float: as written in a file, else as JSON writes
 * the number (a form's fields, already an object).
 */
function withDecimalsAsWritten(
  ledger: LedgerDef,
  fields: Readonly<Record<string, unknown>>,
  literalOf: (field: string) => string | undefined = () => undefined,
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [field, written] of Object.entries(fields)) {
    const column = ledger.columns.find((c) => c.field === field);
    const exact = typeof written === 'number' && column?.type === 'decimal';
    value[field] = exact ? (literalOf(field) ?? JSON.stringify(written)) : written;
  }
  return value;
}

/** One row (or the changes to one) given as an object — a form's fields — read as a file's would be. */
export function ledgerInputOf(ledger: LedgerDef, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return withDecimalsAsWritten(ledger, fields);
}

/** A row to add from what was written: a null field is not set, and printed bookkeeping is ignored. */
export function ledgerRowInput(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([field, value]) => value !== null && !LEDGER_BOOKKEEPING_FIELDS.includes(field)),
  );
}

/**
 * The row an update leaves: the stored row with the changes laid over it, a null change
 * clearing its field. A row's `ref` is its identity and cannot be changed.
 */
export function mergeLedgerChanges(
  current: LedgerRow,
  changes: Readonly<Record<string, unknown>>,
  file = '',
): LedgerInputResult {
  if (changes.ref !== undefined && changes.ref !== current.ref) {
    const problem = makeProblem({ file, path: '/ref' }, 'ledgerRefChanged', {
      ref: current.ref,
      actual: describeValue(changes.ref),
    });
    return { ok: false, problems: [problem] };
  }
  return { ok: true, value: ledgerRowInput({ ...current, ...changes }) };
}

/**
 * A retired field (停用) keeps its data and is no longer written: a row added or changed on its
 * own may not give it a value other than the one it holds (`current`, absent for a new row).
 * A dataset's rows may, since loading a file again restores what it kept.
 */
export function retiredFieldProblems(
  ledger: LedgerDef,
  given: Readonly<Record<string, unknown>>,
  current?: LedgerRow,
  file = '',
): Problem[] {
  return ledger.columns
    .filter((column) => column.definition.retired === true && given[column.field] !== undefined)
    .filter((column) => JSON.stringify(given[column.field]) !== JSON.stringify(current?.[column.field] ?? null))
    .map((column) =>
      makeProblem({ file, path: `/${column.field}` }, 'ledgerFieldRetired', {
        label: fieldName(column.field, column.title),
      }),
    );
}
