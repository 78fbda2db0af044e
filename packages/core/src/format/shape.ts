import type { ErrorObject } from 'ajv/dist/2020.js';
import { describeValue, fieldName } from '../errors.js';
import type { Findings } from './findings.js';
import { type DatasetSchema, DECIMAL_DEFINITIONS, PLAIN_DECIMAL, PRESET_SCHEMA, type SchemaNode } from './schema.js';
import { pointerSegment, type SourceDocument } from './source.js';
import { closestName } from './suggest.js';

const PLAIN_INTEGER = /^-?[0-9]+$/;

/** Where a dataset lists its ledgers (台账), by ledger code: an unknown code there is a ledger that does not exist. */
const LEDGERS_PATH = '/ledgers';

/** The message for a pattern that did not match, by the `$defs` entry that states it. */
const PATTERN_MESSAGES: Readonly<Record<string, 'codePattern' | 'dateTimePattern' | 'datePattern' | 'refPattern'>> = {
  code: 'codePattern',
  dateTime: 'dateTimePattern',
  instant: 'dateTimePattern',
  date: 'datePattern',
  ledgerRef: 'refPattern',
};

/**
 * Checks the value against the JSON Schema and every number's literal text, reporting each
 * problem once in words: ajv's errors are translated here, and the several errors ajv gives
 * for one anyOf/oneOf node are collapsed into the one message a reader needs.
 */
export function checkShape(
  doc: SourceDocument,
  findings: Findings,
  schemaErrors?: readonly ErrorObject[],
  schema: DatasetSchema = PRESET_SCHEMA,
): void {
  const literalProblems = checkLiterals(doc, findings, schema);
  const errors = (schemaErrors ?? schema.shapeErrors(doc.value)).filter(
    (error) => !literalProblems.has(error.instancePath),
  );
  // Errors inside an anyOf/oneOf branch only explain why that branch did not fit. Such an
  // error is at the composite's node or below it, so only its ancestors need looking at.
  const composites = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    composites.set(error.instancePath, [...(composites.get(error.instancePath) ?? []), error]);
  }
  const explained = (error: ErrorObject): boolean => {
    for (let path = error.instancePath; ; path = path.slice(0, path.lastIndexOf('/'))) {
      const around = composites.get(path) ?? [];
      if (around.some((composite) => error.schemaPath.startsWith(`${composite.schemaPath}/`))) return true;
      if (path === '') return false;
    }
  };
  const remaining = errors.filter((error) => !explained(error));
  const coveredByTypo = typoCoveredFields(remaining, schema);
  for (const error of remaining) {
    if (error.keyword === 'required' && coveredByTypo.has(`${error.instancePath}/${missingProperty(error)}`)) continue;
    translate(error, doc, findings, schema);
  }
}

function missingProperty(error: ErrorObject): string {
  return String((error.params as { missingProperty?: unknown }).missingProperty ?? '');
}

function unknownProperty(error: ErrorObject): string {
  return String((error.params as { additionalProperty?: unknown }).additionalProperty ?? '');
}

/**
 * A required field that is "missing" only because it was mistyped (valeu for value) gets one
 * message, the unknown field's "did you mean value?", not a second one saying value is missing.
 */
function typoCoveredFields(errors: readonly ErrorObject[], schema: DatasetSchema): Set<string> {
  const missing = new Set(
    errors.filter((error) => error.keyword === 'required').map((e) => `${e.instancePath}/${missingProperty(e)}`),
  );
  const covered = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const meant = closestName(unknownProperty(error), schema.allowedFields(error.instancePath));
    const path = `${error.instancePath}/${meant}`;
    if (meant !== undefined && missing.has(path)) covered.add(path);
  }
  return covered;
}

function translate(error: ErrorObject, doc: SourceDocument, findings: Findings, schema: DatasetSchema): void {
  const { labelAt, ownerAt, fieldTitle, allowedFields, siteAt } = bound(schema);
  const path = error.instancePath;
  const data: unknown = error.data;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const label = labelAt(path);
  const actual = describeValue(data, doc.nodes.get(path)?.literal);
  switch (error.keyword) {
    case 'required': {
      const field = missingProperty(error);
      findings.at(path, 'missingField', {
        owner: ownerAt(path, data),
        field: fieldName(field, fieldTitle(path, field)),
      });
      return;
    }
    case 'additionalProperties': {
      const field = unknownProperty(error);
      const allowed = allowedFields(path);
      const fieldPath = `${path}/${pointerSegment(field)}`;
      if (path === LEDGERS_PATH) {
        const suggestion = closestName(field, allowed);
        const known = allowed.map((code) => fieldName(code, fieldTitle(path, code)));
        findings.at(fieldPath, 'unknownLedger', { ledger: field, suggestion, known }, 'key');
        return;
      }
      findings.at(
        fieldPath,
        'unknownField',
        { owner: ownerAt(path, data), field, suggestion: closestName(field, allowed), allowed },
        'key',
      );
      return;
    }
    case 'type': {
      const expected = String((error.params as { type?: unknown }).type ?? '').split(',');
      const unquote = typeof data === 'string' && expected.includes('integer') && PLAIN_INTEGER.test(data.trim());
      findings.at(path, 'wrongType', { label, expected, actual, unquote });
      return;
    }
    case 'const':
      findings.at(path, 'version', { label: fieldName(lastKey(path), label), expected: String(parent.const), actual });
      return;
    case 'enum': {
      const allowed = ((parent.enum ?? []) as unknown[]).map(String);
      const suggestion = typeof data === 'string' ? closestName(data, allowed) : undefined;
      findings.at(path, 'notAllowedValue', { label, allowed, actual, suggestion });
      return;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      findings.at(path, 'range', {
        label,
        min: numberOrUndefined(parent.minimum),
        max: numberOrUndefined(parent.maximum),
        integer: parent.type === 'integer',
        actual,
      });
      return;
    case 'minLength': {
      const min = numberOrUndefined(parent.minLength) ?? 0;
      if (min <= 1) findings.at(path, 'emptyText', { label });
      else findings.at(path, 'textTooShort', { label, min, actual: characters(data) });
      return;
    }
    case 'maxLength':
      findings.at(path, 'textTooLong', {
        label,
        max: numberOrUndefined(parent.maxLength) ?? 0,
        actual: characters(data),
      });
      return;
    case 'minItems':
    case 'maxItems':
      findings.at(path, 'itemCount', {
        label,
        min: numberOrUndefined(parent.minItems),
        max: numberOrUndefined(parent.maxItems),
        actual: Array.isArray(data) ? data.length : 0,
      });
      return;
    case 'pattern': {
      const ref = siteAt(path)?.ref;
      findings.at(path, PATTERN_MESSAGES[ref ?? ''] ?? 'otherPattern', { label, actual });
      return;
    }
    case 'anyOf':
    case 'oneOf':
      translateComposite(error, doc, findings, schema);
      return;
    default:
      findings.at(path, 'shapeOther', { label, detail: error.message ?? error.keyword });
  }
}

/** One message for a node that matched none (or, for oneOf, several) of its alternatives. */
function translateComposite(error: ErrorObject, doc: SourceDocument, findings: Findings, schema: DatasetSchema): void {
  const { labelAt, ownerAt, fieldTitle, siteAt } = bound(schema);
  const path = error.instancePath;
  const data: unknown = error.data;
  const label = labelAt(path);
  const site = siteAt(path);
  if (site?.ref !== undefined && DECIMAL_DEFINITIONS.has(site.ref)) {
    const literal = doc.nodes.get(path)?.literal;
    const actual = describeValue(data, literal);
    const text = typeof data === 'string' ? data : (literal ?? '');
    // Only the non-negative decimal can refuse a well-written number: it was negative.
    if ((typeof data === 'number' || typeof data === 'string') && PLAIN_DECIMAL.test(text)) {
      findings.at(path, 'negativeDecimal', { label, actual });
    } else if (typeof data === 'string' && /[0-9]/.test(data)) {
      findings.at(path, 'decimalNotPlain', { label, actual });
    } else {
      findings.at(path, 'decimalWrongType', { label, actual });
    }
    return;
  }
  const branches = (Array.isArray(error.schema) ? error.schema : []) as SchemaNode[];
  const requiredOnly = branches.every((branch) => Array.isArray(branch.required) && Object.keys(branch).length === 1);
  if (!requiredOnly || branches.length === 0) {
    findings.at(path, 'shapeOther', { label, detail: error.message ?? error.keyword });
    return;
  }
  const fieldOf = (branch: SchemaNode) => {
    const field = String((branch.required as unknown[])[0]);
    return fieldName(field, fieldTitle(path, field));
  };
  const owner = ownerAt(path, data);
  const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (error.keyword === 'anyOf') {
    findings.at(path, 'atLeastOneOf', { owner, fields: branches.map(fieldOf) });
  } else if (Array.isArray(passing)) {
    const given = passing.map((index) => branches[index]).filter((branch) => branch !== undefined);
    findings.at(path, 'exactlyOneOfMany', { owner, fields: given.map(fieldOf) });
  } else {
    findings.at(path, 'exactlyOneOfMissing', { owner, fields: branches.map(fieldOf) });
  }
}

/**
 * Numbers must be written plainly: a decimal as 12.30 (never 1e3, .5, +1 or 0x1F, which a
 * reader of the ledger would not recognise), an integer without a decimal point. Returns the
 * paths reported, whose schema errors would only repeat the same problem.
 */
function checkLiterals(doc: SourceDocument, findings: Findings, schema: DatasetSchema): Set<string> {
  const { labelAt, siteAt } = bound(schema);
  const reported = new Set<string>();
  const visit = (value: unknown, path: string): void => {
    const site = siteAt(path);
    if (site === undefined) return;
    if (typeof value === 'number') {
      const literal = doc.nodes.get(path)?.literal ?? String(value);
      const decimal = site.ref !== undefined && DECIMAL_DEFINITIONS.has(site.ref);
      if (decimal && !PLAIN_DECIMAL.test(literal)) {
        findings.at(path, 'decimalNotPlain', { label: labelAt(path), actual: literal });
        reported.add(path);
      } else if (site.resolved.type === 'integer' && Number.isInteger(value) && !PLAIN_INTEGER.test(literal)) {
        findings.at(path, 'integerNotPlain', { label: labelAt(path), actual: literal });
        reported.add(path);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${path}/${index}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}/${pointerSegment(key)}`);
    }
  };
  visit(doc.value, '');
  return reported;
}

/** The schema's lookups as plain functions, so the translations read as before. */
function bound(schema: DatasetSchema) {
  return {
    labelAt: (pointer: string) => schema.labelAt(pointer),
    ownerAt: (pointer: string, value: unknown) => schema.ownerAt(pointer, value),
    fieldTitle: (pointer: string, field: string) => schema.fieldTitle(pointer, field),
    allowedFields: (pointer: string) => schema.allowedFields(pointer),
    siteAt: (pointer: string) => schema.siteAt(pointer),
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function characters(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function lastKey(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
