import { Decimal } from '../arithmetic/decimal.js';
import type { ProblemArgs, ProblemKey } from '../errors.js';
import { pointerSegment } from '../format/source.js';
import { closestName } from '../format/suggest.js';
import type { FieldDefinition, FieldKind, LedgerTypeDefinition, RuleDefinition } from './definition.js';
import { RESERVED_FIELD_CODES } from './definition.js';
import { hasSequence } from './numbering.js';

/** Where the checks of a ledger type report; `lineOf` names where a path was first seen. */
export interface TypeProblemSink {
  at<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>): void;
  lineOf(path: string): number | undefined;
}

/** Which field types each option of a field belongs to. */
const OPTION_KINDS: Readonly<Record<string, readonly FieldKind[]>> = {
  min: ['integer', 'decimal'],
  max: ['integer', 'decimal'],
  unit: ['integer', 'decimal'],
  decimals: ['decimal'],
  maxLength: ['text'],
  template: ['text'],
  due: ['date'],
  values: ['choice'],
  datedBy: ['choice'],
  ledger: ['reference'],
  stages: ['stages'],
  maxItems: ['stages'],
};

/** The options a field type cannot do without, and what each says. */
const NEEDED: Readonly<Partial<Record<FieldKind, { option: keyof FieldDefinition; what: string }>>> = {
  choice: { option: 'values', what: '可选值' },
  reference: { option: 'ledger', what: '引用哪个台账' },
  stages: { option: 'stages', what: '有哪些节点' },
};

const DATES: readonly FieldKind[] = ['date', 'dateTime'];

function checkField(type: string, field: FieldDefinition, path: string, sink: TypeProblemSink): void {
  if (RESERVED_FIELD_CODES.includes(field.code)) {
    sink.at(`${path}/code`, 'ledgerTypeReservedField', { type, field: field.code, reserved: RESERVED_FIELD_CODES });
  }
  for (const [option, kinds] of Object.entries(OPTION_KINDS)) {
    if (field[option as keyof FieldDefinition] === undefined || kinds.includes(field.type)) continue;
    sink.at(`${path}/${option}`, 'ledgerTypeOption', { type, field: field.code, kind: field.type, option, kinds });
  }
  const needed = NEEDED[field.type];
  if (needed !== undefined && field[needed.option] === undefined) {
    sink.at(path, 'ledgerTypeMissingOption', { type, field: field.code, kind: field.type, ...needed });
  }
  if (field.min !== undefined && field.max !== undefined && new Decimal(field.min).greaterThan(field.max)) {
    sink.at(`${path}/min`, 'ledgerTypeBounds', {
      type,
      field: field.code,
      min: String(field.min),
      max: String(field.max),
    });
  }
}

/** The types a rule's fields must have; the rest may be of any type. */
function expectedTypes(
  rule: RuleDefinition,
): [role: 'field' | 'earlier' | 'when', kinds: readonly FieldKind[], what: string][] {
  switch (rule.rule) {
    case 'notBefore':
      return [
        ['field', DATES, '日期或时间'],
        ['earlier', DATES, '日期或时间'],
      ];
    case 'requiredWhen':
    case 'onlyWhen':
    case 'impliedBy':
      return [['when', ['choice'], '可选值（choice）']];
    case 'requires':
      return [];
  }
}

/** The values a rule expects of its `when` field. */
function conditionValues(rule: RuleDefinition): readonly string[] {
  if (rule.rule === 'requiredWhen' || rule.rule === 'onlyWhen') return rule.in;
  if (rule.rule === 'impliedBy') return Object.keys(rule.implies);
  return [];
}

function checkRule(
  type: string,
  rule: RuleDefinition,
  path: string,
  fields: ReadonlyMap<string, FieldDefinition>,
  sink: TypeProblemSink,
): void {
  const roles = Object.entries(rule).filter(([role]) => ['field', 'earlier', 'needs', 'when'].includes(role));
  let sound = true;
  for (const [role, name] of roles) {
    if (fields.has(String(name))) continue;
    const known = [...fields.keys()];
    sink.at(`${path}/${role}`, 'ledgerTypeRuleField', {
      type,
      rule: rule.rule,
      field: String(name),
      suggestion: closestName(String(name), known),
      known,
    });
    sound = false;
  }
  if (!sound) return;
  for (const [role, kinds, what] of expectedTypes(rule)) {
    const field = fields.get(String((rule as Record<string, unknown>)[role])) as FieldDefinition;
    if (!kinds.includes(field.type)) {
      sink.at(`${path}/${role}`, 'ledgerTypeRuleFieldType', {
        type,
        rule: rule.rule,
        field: field.code,
        expected: what,
      });
      sound = false;
    }
  }
  if (!sound || !('when' in rule)) return;
  const check = (values: readonly string[], of: string, at: (value: string, index: number) => string) => {
    const allowed = fields.get(of)?.values ?? [];
    values.forEach((value, index) => {
      if (allowed.includes(value)) return;
      sink.at(at(value, index), 'ledgerTypeRuleValue', { type, rule: rule.rule, field: of, value, allowed });
    });
  };
  check(conditionValues(rule), rule.when, (value, index) =>
    rule.rule === 'impliedBy' ? `${path}/implies/${pointerSegment(value)}` : `${path}/in/${index}`,
  );
  // An implied value must be one the implied field can hold, when that field is a choice.
  if (rule.rule === 'impliedBy' && fields.get(rule.field)?.type === 'choice') {
    check(Object.values(rule.implies), rule.field, (_, index) => {
      const key = Object.keys(rule.implies)[index] ?? '';
      return `${path}/implies/${pointerSegment(key)}`;
    });
  }
}

/** `name`, given at `at` by option `rule`, is a date or date-time field of the type. */
function checkDateField(
  type: string,
  rule: string,
  name: string,
  at: string,
  fields: ReadonlyMap<string, FieldDefinition>,
  sink: TypeProblemSink,
): void {
  const named = fields.get(name);
  if (named === undefined) {
    const known = [...fields.keys()];
    sink.at(at, 'ledgerTypeRuleField', { type, rule, field: name, suggestion: closestName(name, known), known });
  } else if (!DATES.includes(named.type)) {
    sink.at(at, 'ledgerTypeRuleFieldType', { type, rule, field: name, expected: '日期或时间' });
  }
}

/** A deadline's `doneBy` names a date or date-time field of the type. */
function checkDue(
  type: string,
  field: FieldDefinition,
  path: string,
  fields: ReadonlyMap<string, FieldDefinition>,
  sink: TypeProblemSink,
): void {
  const doneBy = field.due?.doneBy;
  if (field.type === 'date' && doneBy !== undefined)
    checkDateField(type, 'due', doneBy, `${path}/due/doneBy`, fields, sink);
}

/**
 * A choice's `datedBy` names values of the choice and date fields of the type, and leaves its
 * first value undated: a row held it before any of its days.
 */
function checkDatedBy(
  type: string,
  field: FieldDefinition,
  path: string,
  fields: ReadonlyMap<string, FieldDefinition>,
  sink: TypeProblemSink,
): void {
  if (field.type !== 'choice' || field.datedBy === undefined) return;
  const values = field.values ?? [];
  for (const [value, dateField] of Object.entries(field.datedBy)) {
    const at = `${path}/datedBy/${pointerSegment(value)}`;
    if (!values.includes(value)) {
      sink.at(at, 'ledgerTypeRuleValue', { type, rule: 'datedBy', field: field.code, value, allowed: values });
      continue;
    }
    checkDateField(type, 'datedBy', dateField, at, fields, sink);
  }
  if (values[0] !== undefined && Object.hasOwn(field.datedBy, values[0])) {
    sink.at(`${path}/datedBy/${pointerSegment(values[0])}`, 'ledgerTypeFirstDated', {
      type,
      field: field.code,
      value: values[0],
    });
  }
}

/**
 * The checks of one ledger type beyond its shape (which `$defs/ledgerType` of the schema
 * states): field codes distinct and not reserved, each option on a field of a type it belongs
 * to, what a type needs given, bounds in order, every rule naming fields there are of the types
 * it compares, and a numbering that numbers. `path` is where the type is, e.g. /ledgerTypes/0.
 */
export function checkLedgerType(type: LedgerTypeDefinition, path: string, sink: TypeProblemSink): void {
  const fields = new Map<string, FieldDefinition>();
  const firstAt = new Map<string, string>();
  type.fields.forEach((field, index) => {
    const at = `${path}/fields/${index}`;
    const first = firstAt.get(field.code);
    if (first !== undefined) {
      sink.at(`${at}/code`, 'ledgerTypeDuplicateField', {
        type: type.code,
        field: field.code,
        firstPath: first,
        firstLine: sink.lineOf(first),
      });
      return;
    }
    firstAt.set(field.code, `${at}/code`);
    fields.set(field.code, field);
    checkField(type.code, field, at, sink);
  });
  type.fields.forEach((field, index) => {
    checkDatedBy(type.code, field, `${path}/fields/${index}`, fields, sink);
    checkDue(type.code, field, `${path}/fields/${index}`, fields, sink);
  });
  if (type.placedBy !== undefined)
    checkDateField(type.code, 'placedBy', type.placedBy, `${path}/placedBy`, fields, sink);
  (type.rules ?? []).forEach((rule, index) => {
    checkRule(type.code, rule, `${path}/rules/${index}`, fields, sink);
  });
  if (type.numbering !== undefined && !hasSequence(type.numbering)) {
    sink.at(`${path}/numbering`, 'ledgerTypeNumbering', { type: type.code, numbering: type.numbering });
  }
}

/** A reference field names a ledger the organisation (or the file) has. */
export function checkReferences(
  type: LedgerTypeDefinition,
  path: string,
  known: readonly string[],
  sink: TypeProblemSink,
): boolean {
  let sound = true;
  type.fields.forEach((field, at) => {
    if (field.type !== 'reference' || field.ledger === undefined || known.includes(field.ledger)) return;
    sink.at(`${path}/fields/${at}/ledger`, 'ledgerTypeReference', {
      type: type.code,
      field: field.code,
      ledger: field.ledger,
      known,
    });
    sound = false;
  });
  return sound;
}

/**
 * What a change of a stored type may not do: rename its code, drop a field or give a field
 * another kind. A field's data is kept in a column of its kind for good; a field no longer
 * wanted is retired instead, and a new kind is a new field.
 */
export function checkLedgerTypeChange(
  before: LedgerTypeDefinition,
  after: LedgerTypeDefinition,
  path: string,
  sink: TypeProblemSink,
): void {
  if (after.code !== before.code) {
    sink.at(`${path}/code`, 'ledgerTypeCodeChanged', { type: before.code, actual: after.code });
  }
  for (const field of before.fields) {
    const index = after.fields.findIndex((candidate) => candidate.code === field.code);
    const kept = after.fields[index];
    if (kept === undefined) {
      sink.at(`${path}/fields`, 'ledgerTypeFieldRemoved', { type: before.code, field: field.code, title: field.title });
    } else if (kept.type !== field.type) {
      sink.at(`${path}/fields/${index}/type`, 'ledgerTypeFieldKind', {
        type: before.code,
        field: field.code,
        title: field.title,
        before: field.type,
        after: kept.type,
      });
    }
  }
}
