import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeProblem, type ProblemKey } from '../errors.js';
import { datasetSchema, definitionShapeErrors } from '../format/schema.js';
import { LEDGER_CODES, presetLedger } from './catalogue.js';
import type { LedgerTypeDefinition } from './definition.js';
import { formatRef, hasSequence, nextRef, sequenceOf } from './numbering.js';
import { SEED_PRESET } from './preset.js';
import { rowSchema, rowSchemaName } from './row-schema.js';
import { checkLedgerType } from './type-checks.js';
import { validateLedgerRow } from './validate.js';

/** The problems the checks of a ledger type find: path, key and message. */
function typeProblems(type: LedgerTypeDefinition): { path: string; key: ProblemKey; message: string }[] {
  const found: { path: string; key: ProblemKey; message: string }[] = [];
  checkLedgerType(type, '/ledgerTypes/0', {
    at: (path, key, args) => found.push({ path, key, message: makeProblem({ file: '', path }, key, args).message }),
    lineOf: () => undefined,
  });
  return found;
}

const PARKING: LedgerTypeDefinition = {
  code: 'parking',
  name: '公共停车场台账',
  rowTitle: '停车场',
  numbering: 'TCC-{year}-{seq:3}',
  fields: [
    { code: 'name', title: '停车场名称', type: 'text', required: true },
    { code: 'spaces', title: '泊位数', type: 'integer', min: 0, unit: '个' },
    { code: 'status', title: '建设状态', type: 'choice', values: ['在建', '已建成'], required: true },
    { code: 'startedAt', title: '开工日期', type: 'date' },
    { code: 'completedAt', title: '建成日期', type: 'date' },
    { code: 'investment', title: '投资', type: 'decimal', unit: '万元', decimals: 2, min: 0, max: 100000 },
  ],
  rules: [
    { rule: 'notBefore', field: 'completedAt', earlier: 'startedAt' },
    { rule: 'requiredWhen', field: 'completedAt', when: 'status', in: ['已建成'] },
  ],
};

describe('the preset of built-in ledgers', () => {
  it('is written in the ledger-type format and passes every check a ledger type must', () => {
    expect(SEED_PRESET.format).toBe('taizhang-ledger-types/1');
    for (const type of SEED_PRESET.ledgerTypes) {
      expect(definitionShapeErrors('ledgerType', type, ''), type.code).toEqual([]);
      expect(typeProblems(type), type.code).toEqual([]);
    }
  });

  it('is what the catalogue and the dataset schema are made of', () => {
    expect(LEDGER_CODES).toEqual(SEED_PRESET.ledgerTypes.map((type) => type.code));
    const defs = datasetSchema.$defs as unknown as Record<string, unknown>;
    for (const type of SEED_PRESET.ledgerTypes) {
      expect(defs[rowSchemaName(type.code)]).toEqual(rowSchema(type));
      expect(presetLedger(type.code).columns.map((c) => c.field)).toEqual(type.fields.map((f) => f.code));
    }
  });

  it('turns rules written as data into the checks of every row', () => {
    // requires, with its reason said in the message
    expect(
      validateLedgerRow(presetLedger('complaints'), {
        ref: 'C-1',
        section: 'office',
        channel: '来信',
        receivedAt: '2021-03-02',
        category: '物业管理',
        summary: '电梯停运',
        closedAt: '2021-03-04',
      }).map((p) => p.message),
    ).toEqual([expect.stringContaining('：没有答复群众的投诉不能办结；请补填答复时间，或删去办结时间')]);
    // a decimal bound of the field's definition, compared exactly as written
    const progress = (value: string) =>
      validateLedgerRow(presetLedger('stalled_projects'), {
        ref: 'FG-1',
        section: 'build',
        name: '某小区',
        resumedAt: '2021-03-01',
        progress: value,
        progressAt: '2021-04-01',
      }).map((p) => p.code);
    expect(progress('100.000')).toEqual([]);
    expect(progress('100.0000000000000001')).toEqual(['DATASET_RANGE']);
  });
});

describe('the checks of a ledger type', () => {
  it('accept a sound type', () => {
    expect(definitionShapeErrors('ledgerType', PARKING, '')).toEqual([]);
    expect(typeProblems(PARKING)).toEqual([]);
  });

  it('refuse a field code used twice or reserved, naming the first', () => {
    const problems = typeProblems({
      ...PARKING,
      fields: [
        ...PARKING.fields,
        { code: 'name', title: '名称', type: 'text' },
        { code: 'version', title: '版本', type: 'integer' },
      ],
    });
    expect(problems.map((p) => [p.path, p.key])).toEqual([
      ['/ledgerTypes/0/fields/6/code', 'ledgerTypeDuplicateField'],
      ['/ledgerTypes/0/fields/7/code', 'ledgerTypeReservedField'],
    ]);
    expect(problems[0]?.message).toContain('第一次出现在 /ledgerTypes/0/fields/0/code');
  });

  it('refuse an option on a field of another type, a type without what it needs, and bounds out of order', () => {
    const problems = typeProblems({
      ...PARKING,
      fields: [
        { code: 'name', title: '名称', type: 'text', unit: '个' },
        { code: 'kind', title: '类别', type: 'choice' },
        { code: 'spaces', title: '泊位数', type: 'integer', min: 10, max: 5 },
        { code: 'project', title: '所属项目', type: 'reference' },
      ],
      rules: [],
    });
    expect(problems.map((p) => [p.path, p.key])).toEqual([
      ['/ledgerTypes/0/fields/0/unit', 'ledgerTypeOption'],
      ['/ledgerTypes/0/fields/1', 'ledgerTypeMissingOption'],
      ['/ledgerTypes/0/fields/2/min', 'ledgerTypeBounds'],
      ['/ledgerTypes/0/fields/3', 'ledgerTypeMissingOption'],
    ]);
    expect(problems[0]?.message).toBe(
      '台账类型 parking 的字段 name 类型为 text，不能设 unit：它只用于 integer、decimal 类型的字段',
    );
  });

  it('refuse a rule naming a field there is not, of a type it cannot compare, or a value the field cannot hold', () => {
    const problems = typeProblems({
      ...PARKING,
      rules: [
        { rule: 'notBefore', field: 'completedAt', earlier: 'startAt' },
        { rule: 'notBefore', field: 'completedAt', earlier: 'name' },
        { rule: 'onlyWhen', field: 'completedAt', when: 'status', in: ['已建成', '完工'] },
        { rule: 'impliedBy', field: 'name', when: 'spaces', implies: { 1: '一' } },
      ],
    });
    expect(problems.map((p) => [p.path, p.key])).toEqual([
      ['/ledgerTypes/0/rules/0/earlier', 'ledgerTypeRuleField'],
      ['/ledgerTypes/0/rules/1/earlier', 'ledgerTypeRuleFieldType'],
      ['/ledgerTypes/0/rules/2/in/1', 'ledgerTypeRuleValue'],
      ['/ledgerTypes/0/rules/3/when', 'ledgerTypeRuleFieldType'],
    ]);
    expect(problems[0]?.message).toContain('是不是想写 startedAt');
  });

  it('refuse status dates on a value the choice lacks, by a field that is no date, or on its first value', () => {
    const status = (datedBy: Record<string, string>) =>
      typeProblems({
        ...PARKING,
        fields: PARKING.fields.map((f) => (f.code === 'status' ? { ...f, datedBy } : f)),
      }).map((p) => [p.path, p.key]);
    expect(status({ 已建成: 'completedAt' })).toEqual([]);
    expect(status({ 已完工: 'completedAt', 已建成: 'name', 在建: 'startedAt' })).toEqual([
      ['/ledgerTypes/0/fields/2/datedBy/已完工', 'ledgerTypeRuleValue'],
      ['/ledgerTypes/0/fields/2/datedBy/已建成', 'ledgerTypeRuleFieldType'],
      ['/ledgerTypes/0/fields/2/datedBy/在建', 'ledgerTypeFirstDated'],
    ]);
  });

  it('refuse a deadline done by a field there is not or that is no date, and one on a field that is no date', () => {
    const withDue = (code: string, doneBy: string) =>
      typeProblems({
        ...PARKING,
        fields: PARKING.fields.map((f) => (f.code === code ? { ...f, due: { doneBy, warnDays: 3 } } : f)),
      }).map((p) => [p.path, p.key]);
    expect(withDue('startedAt', 'completedAt')).toEqual([]);
    expect(withDue('startedAt', 'completeAt')).toEqual([['/ledgerTypes/0/fields/3/due/doneBy', 'ledgerTypeRuleField']]);
    expect(withDue('startedAt', 'name')).toEqual([['/ledgerTypes/0/fields/3/due/doneBy', 'ledgerTypeRuleFieldType']]);
    expect(withDue('name', 'completedAt')).toEqual([['/ledgerTypes/0/fields/0/due', 'ledgerTypeOption']]);
  });

  it('refuse a placing date that is no date field of the type', () => {
    expect(typeProblems({ ...PARKING, placedBy: 'completedAt' })).toEqual([]);
    expect(typeProblems({ ...PARKING, placedBy: 'name' }).map((p) => [p.path, p.key])).toEqual([
      ['/ledgerTypes/0/placedBy', 'ledgerTypeRuleFieldType'],
    ]);
    expect(typeProblems({ ...PARKING, placedBy: 'builtAt' }).map((p) => p.key)).toEqual(['ledgerTypeRuleField']);
  });

  it('refuse a numbering without exactly one sequence', () => {
    expect(typeProblems({ ...PARKING, numbering: 'TCC-{year}' }).map((p) => p.key)).toEqual(['ledgerTypeNumbering']);
    expect(typeProblems({ ...PARKING, numbering: '{seq}-{seq:2}' }).map((p) => p.key)).toEqual(['ledgerTypeNumbering']);
  });
});

describe('numbering new rows (编号规则)', () => {
  it('gives numbers by the pattern, continuing after the highest used in the year', () => {
    expect(formatRef('TCC-{year}-{seq:3}', 2022, 7)).toBe('TCC-2022-007');
    expect(formatRef('TCC-{year}-{seq:3}', 2022, 1234)).toBe('TCC-2022-1234');
    expect(nextRef('TCC-{year}-{seq:3}', 2022, ['TCC-2022-001', 'TCC-2022-009', 'TCC-2021-050', '手工-1'])).toBe(
      'TCC-2022-010',
    );
    expect(nextRef('TCC-{year}-{seq:3}', 2023, ['TCC-2022-001'])).toBe('TCC-2023-001');
    // text of the pattern is matched literally, not as a regular expression
    expect(sequenceOf('A.{seq}', 2022, 'AB7')).toBeUndefined();
    expect(hasSequence('{year}')).toBe(false);
  });

  it('never gives a number already used, and reads back the sequence it wrote', () => {
    const pattern = fc.constantFrom('TCC-{year}-{seq:3}', '{seq}', '({year})第{seq:2}号', 'A.{seq:1}+');
    fc.assert(
      fc.property(
        pattern,
        fc.integer({ min: 2000, max: 2100 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 30 }),
        fc.array(fc.string(), { maxLength: 5 }),
        (p, year, seqs, others) => {
          const used = [...seqs.map((seq) => formatRef(p, year, seq)), ...others];
          const next = nextRef(p, year, used);
          expect(used).not.toContain(next);
          for (const seq of seqs) expect(sequenceOf(p, year, formatRef(p, year, seq))).toBe(seq);
        },
      ),
    );
  });
});
