import type { LedgerType } from '@taizhang/contract';
import type { LedgerTypeDefinition } from '@taizhang/core';
import { describe, expect, it } from 'vitest';
import {
  changed,
  definitionOf,
  definitionOfType,
  describeField,
  draftOf,
  draftProblems,
  effectiveCodes,
  emptyDraft,
  type FieldDraft,
  fieldCodeProblem,
  fieldCount,
  moveField,
  newField,
  noProblems,
  numberingProblem,
  refusalLines,
  removeField,
  sectionLabel,
  type TypeDraft,
  typeCodeProblem,
  updateField,
} from './definition-form.js';

const PARKING: LedgerTypeDefinition = {
  code: 'parking',
  name: '公共停车场台账',
  rowTitle: '停车场',
  refTitle: '停车场编号',
  section: 'urbanbuild',
  numbering: 'TCC-{year}-{seq:3}',
  fields: [
    { code: 'name', title: '停车场名称', type: 'text', required: true },
    { code: 'spaces', title: '泊位数', type: 'integer', min: 0, unit: '个' },
    {
      code: 'status',
      title: '建设状态',
      type: 'choice',
      values: ['在建', '已建成'],
      required: true,
      datedBy: { 已建成: 'completedAt' },
    },
    { code: 'completedAt', title: '建成日期', type: 'date' },
    { code: 'oldNote', title: '旧备注', type: 'text', retired: true },
  ],
  rules: [{ rule: 'requiredWhen', field: 'completedAt', when: 'status', in: ['已建成'] }],
};

/** A new field typed as the form would hold it. */
const field = (changes: Partial<FieldDraft>): FieldDraft => ({ ...newField(), ...changes });

/** The form of a new type, filled in. */
function newParking(fields: FieldDraft[]): TypeDraft {
  return {
    ...emptyDraft(),
    code: ' parking ',
    name: ' 公共停车场台账 ',
    rowTitle: '停车场',
    section: 'urbanbuild',
    numbering: 'TCC-{year}-{seq:3}',
    fields,
  };
}

describe('the ledger type form', () => {
  it('writes a new type as the dataset format has it, suggesting the codes left empty', () => {
    const draft = newParking([
      field({ code: 'name', title: '停车场名称', required: true }),
      field({ title: '泊位数', type: 'integer', unit: ' 个 ' }),
      field({ title: '状态', type: 'choice', values: ['在建', ' 已建成 ', ''] }),
      field({ title: '投资（万元）', type: 'decimal', unit: '万元', decimals: 2 }),
    ]);
    expect(noProblems(draftProblems(draft))).toBe(true);
    expect(definitionOf(draft)).toEqual({
      code: 'parking',
      name: '公共停车场台账',
      rowTitle: '停车场',
      section: 'urbanbuild',
      numbering: 'TCC-{year}-{seq:3}',
      fields: [
        { code: 'name', title: '停车场名称', type: 'text', required: true },
        { code: 'field2', title: '泊位数', type: 'integer', unit: '个' },
        { code: 'field3', title: '状态', type: 'choice', values: ['在建', '已建成'] },
        { code: 'field4', title: '投资（万元）', type: 'decimal', unit: '万元', decimals: 2 },
      ],
    });
  });

  it('leaves out the owning section for 全部股室 and the 编号规则 when none is given', () => {
    const draft = { ...newParking([field({ title: '名称' })]), section: '', numbering: '  ' };
    const definition = definitionOf(draft);
    expect(definition).not.toHaveProperty('section');
    expect(definition).not.toHaveProperty('numbering');
    expect(sectionLabel(undefined, [])).toBe('全部股室');
    expect(sectionLabel('urbanbuild', [{ code: 'urbanbuild', name: '城市建设股' }])).toBe('城市建设股');
  });

  it('suggests fieldN by position, never a code another field (a retired one included) has', () => {
    expect(effectiveCodes([field({}), field({}), field({})])).toEqual(['field1', 'field2', 'field3']);
    expect(effectiveCodes([field({}), field({ code: 'field2' }), field({})])).toEqual(['field1', 'field2', 'field3']);
    expect(effectiveCodes([field({ code: 'field1' }), field({}), field({ code: 'field2', retired: true })])).toEqual([
      'field1',
      'field3',
      'field2',
    ]);
    const saved = draftOf(PARKING);
    expect(effectiveCodes([...saved.fields, field({})])).toEqual([
      'name',
      'spaces',
      'status',
      'completedAt',
      'oldNote',
      'field6',
    ]);
  });

  it('round-trips a saved type, keeping what the page does not edit (rules, bounds, datedBy, refTitle)', () => {
    const draft = draftOf(PARKING);
    expect(draft.fields.map((f) => f.saved)).toEqual([true, true, true, true, true]);
    expect(draft.fields[4]?.retired).toBe(true);
    expect(definitionOf(draft)).toEqual(PARKING);
    expect(changed(draft)).toBe(false);
    // `required: false` as loaded is no change.
    const explicit = { ...PARKING, fields: PARKING.fields.map((f) => ({ required: false, ...f })) };
    expect(changed(draftOf(explicit))).toBe(false);
  });

  it('changes titles, required, units and values of saved fields, retires and enables them, never their code or type', () => {
    const draft = draftOf(PARKING);
    const [name, spaces, status, completedAt, oldNote] = draft.fields as [
      FieldDraft,
      FieldDraft,
      FieldDraft,
      FieldDraft,
      FieldDraft,
    ];
    const edited: TypeDraft = {
      ...draft,
      name: '停车场台账',
      fields: [
        name,
        updateField(spaces, { title: '停车泊位数', unit: '个（泊位）', code: 'slots', type: 'decimal' }),
        updateField(status, { values: ['在建', '已建成', '已停用'] }),
        updateField(completedAt, { retired: true }),
        updateField(oldNote, { retired: false, required: true }),
      ],
    };
    expect(changed(edited)).toBe(true);
    const definition = definitionOf(edited);
    expect(definition.name).toBe('停车场台账');
    expect(definition.fields).toEqual([
      PARKING.fields[0],
      { code: 'spaces', title: '停车泊位数', type: 'integer', min: 0, unit: '个（泊位）' },
      { ...PARKING.fields[2], values: ['在建', '已建成', '已停用'] },
      { code: 'completedAt', title: '建成日期', type: 'date', retired: true },
      { code: 'oldNote', title: '旧备注', type: 'text', required: true },
    ]);
    expect(definition.rules).toEqual(PARKING.rules);
    expect(definition.refTitle).toBe('停车场编号');
  });

  it('drops the options of the type a new field leaves', () => {
    const decimal = field({ title: '投资', type: 'decimal', unit: '万元', decimals: 2 });
    expect(updateField(decimal, { type: 'integer' })).toMatchObject({ type: 'integer', unit: '万元', decimals: null });
    expect(updateField(decimal, { type: 'text' })).toMatchObject({ type: 'text', unit: '', decimals: null });
    const choice = field({ title: '状态', type: 'choice', values: ['在建'] });
    expect(updateField(choice, { type: 'text' }).values).toEqual([]);
  });

  it('moves fields up and down, and removes only a field not yet saved', () => {
    const saved = draftOf(PARKING).fields;
    const added = field({ title: '备注' });
    const fields = [...saved, added];
    expect(moveField(fields, 5, -1).map((f) => f.title)).toEqual([
      '停车场名称',
      '泊位数',
      '建设状态',
      '建成日期',
      '备注',
      '旧备注',
    ]);
    expect(moveField(fields, 0, -1)).toEqual(fields);
    expect(moveField(fields, 5, 1)).toEqual(fields);
    expect(removeField(fields, 0)).toEqual(fields);
    expect(removeField(fields, 5)).toEqual(saved);
    // Order is kept into the definition.
    const draft = { ...draftOf(PARKING), fields: moveField(draftOf(PARKING).fields, 0, 1) };
    expect(definitionOf(draft).fields.map((f) => f.code)).toEqual([
      'spaces',
      'name',
      'status',
      'completedAt',
      'oldNote',
    ]);
    expect(changed(draft)).toBe(true);
  });

  it('tells in Chinese what is wrong before asking the server', () => {
    const problems = draftProblems(
      {
        ...emptyDraft(),
        code: 'Parking',
        numbering: 'TCC-{year}',
        fields: [
          field({ key: 'a', title: '名称', code: '1st' }),
          field({ key: 'b', title: '名称', code: 'ref' }),
          field({ key: 'c', title: '', type: 'choice' }),
          field({ key: 'd', title: '金额', type: 'decimal', decimals: 12 }),
          field({ key: 'e', title: '编号', code: 'field3' }),
        ],
      },
      ['complaints'],
    );
    expect(problems.code).toContain('小写字母');
    expect(problems.name).toBe('请填写台账名称');
    expect(problems.rowTitle).toBe('请填写条目名称');
    expect(problems.numbering).toContain('{seq}');
    expect(problems.field.a?.code).toContain('小写字母开头');
    expect(problems.field.b?.title).toBe('与第 1 个字段的标题重复');
    expect(problems.field.b?.code).toContain('系统字段');
    expect(problems.field.c).toMatchObject({ title: '请填写字段标题', values: '请至少填写一个选项' });
    expect(problems.field.d?.decimals).toContain('0－10');
    // The third field's suggestion steps past field3, which the fifth takes: no clash.
    expect(problems.field.e?.code).toBeUndefined();
    expect(noProblems(problems)).toBe(false);

    expect(typeCodeProblem('complaints', ['complaints'])).toContain('已有代码为 complaints 的台账');
    expect(typeCodeProblem('gas_safety2')).toBeUndefined();
    expect(fieldCodeProblem('completedAt')).toBeUndefined();
    expect(fieldCodeProblem('completed_at')).toContain('如 completedAt');
    expect(fieldCodeProblem('')).toBeUndefined();
    expect(numberingProblem('')).toBeUndefined();
    expect(numberingProblem('TCC-{year}-{seq:3}')).toBeUndefined();
    expect(numberingProblem('{seq}-{seq}')).toBeDefined();
    expect(numberingProblem('TCC-{yr}-{seq}')).toBeDefined();
    expect(draftProblems(emptyDraft()).fields).toBe('请至少添加一个字段');
  });

  it('flags the added field, not the saved one, when both take one code; a saved code is not checked again', () => {
    const saved = draftOf(PARKING);
    const added = field({ key: 'x', title: '名称二', code: 'name' });
    const problems = draftProblems({ ...saved, fields: [added, ...saved.fields] }, ['parking']);
    expect(problems.code).toBeUndefined();
    expect(problems.field.x?.code).toBe('与第 2 个字段的代码重复');
    expect(Object.entries(problems.field).filter(([key, p]) => key !== 'x' && p.code !== undefined)).toEqual([]);
  });

  it('reads the definition of a LedgerType from the API and counts and describes its fields', () => {
    const type: LedgerType = {
      code: 'parking',
      name: '公共停车场台账',
      builtIn: false,
      version: 2,
      definition: PARKING as unknown as Record<string, unknown>,
      rows: 3,
      updatedBy: '办公室 张明',
      updatedAt: '2021-11-05T02:00:00Z',
    };
    expect(definitionOfType(type)).toEqual(PARKING);
    expect(fieldCount(PARKING)).toBe('5（1 个已停用）');
    expect(describeField(PARKING.fields[1] as never)).toBe('整数（个）');
    expect(describeField(PARKING.fields[2] as never)).toBe('选项：在建、已建成');
    expect(describeField({ code: 'investment', title: '投资', type: 'decimal', unit: '万元', decimals: 2 })).toBe(
      '小数（万元，2 位小数）',
    );
  });

  it("lists a refusal's problems, naming a field's by its title", () => {
    const draft = draftOf(PARKING);
    expect(
      refusalLines(
        {
          message: '台账类型的修改会影响已有数据',
          details: ['派生指标 parks_built 引用字段 status'],
          problems: [
            { field: '', path: '/fields/2/values', message: '记录 TCC-2021-001 仍使用选项“在建”' },
            { field: 'name', message: '台账名称过长' },
          ],
        },
        draft,
      ),
    ).toEqual([
      '台账类型的修改会影响已有数据',
      '字段“建设状态”：记录 TCC-2021-001 仍使用选项“在建”',
      '台账名称过长',
      '派生指标 parks_built 引用字段 status',
    ]);
  });
});
