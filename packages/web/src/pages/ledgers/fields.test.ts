import type { LedgerField } from '@taizhang/contract';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  describeMilestones,
  diffImages,
  dueFlag,
  dueText,
  editorKind,
  fieldLabel,
  formValueProblem,
  fromFormValue,
  fromMilestoneItems,
  itemOptions,
  milestoneProblemName,
  rebase,
  toFormValue,
} from './fields.js';

const FIELDS: LedgerField[] = [
  { name: 'receivedAt', label: '受理时间', type: 'datetime', required: true },
  { name: 'closedAt', label: '办结时间', type: 'datetime', required: false },
  { name: 'channel', label: '来源渠道', type: 'enum', required: true, options: [{ value: '来信', label: '来信' }] },
  { name: 'amount', label: '金额（万元）', type: 'decimal', required: false },
  {
    name: 'milestones',
    label: '节点进度',
    type: 'list',
    required: false,
    items: [
      { name: 'stage', label: '节点', type: 'enum', required: true, options: [{ value: '可研', label: '可研' }] },
      {
        name: 'status',
        label: '节点状态',
        type: 'enum',
        required: true,
        options: [{ value: '已完成', label: '已完成' }],
      },
    ],
  },
];

describe('ledger fields in a form', () => {
  it('chooses an input by type: the list editor for milestones, JSON for other objects', () => {
    expect(editorKind(FIELDS[0] as LedgerField)).toBe('datetime');
    expect(editorKind(FIELDS[4] as LedgerField, ['可研'])).toBe('tags');
    expect(editorKind(FIELDS[4] as LedgerField, [{ stage: '可研', status: '已完成' }])).toBe('milestones');
    expect(editorKind(FIELDS[4] as LedgerField)).toBe('milestones');
    expect(editorKind(FIELDS[4] as LedgerField, [])).toBe('milestones');
    expect(editorKind(FIELDS[4] as LedgerField, [{ stage: '开工', extra: 1 }])).toBe('json');
    expect(editorKind({ name: 'parts', label: '部件', type: 'list', required: false })).toBe('json');
    expect(editorKind({ name: 'parts', label: '部件', type: 'list', required: false }, [{ stage: '开工' }])).toBe(
      'milestones',
    );
    expect(editorKind({ ...(FIELDS[4] as LedgerField), options: [{ value: 'a', label: 'A' }] })).toBe('tags');
    expect(editorKind({ name: 'facts', label: '项目情况', type: 'object', required: false })).toBe('json');
  });

  it("offers a milestone's stages and statuses as the API gives them for the list's items", () => {
    const milestones = FIELDS[4] as LedgerField;
    expect(itemOptions(milestones, 'stage')).toEqual([{ value: '可研', label: '可研' }]);
    expect(itemOptions(milestones, 'status')).toEqual([{ value: '已完成', label: '已完成' }]);
    expect(itemOptions(milestones, 'doneAt')).toEqual([]);
  });

  it('round-trips values without losing decimals', () => {
    expect(toFormValue('decimal', '12.30')).toBe('12.30');
    expect(fromFormValue('decimal', ' 12.30 ')).toBe('12.30');
    expect(fromFormValue('text', '   ')).toBeNull();
    expect(fromFormValue('tags', [])).toBeNull();
    expect(fromFormValue('json', toFormValue('json', [{ stage: '开工' }]))).toEqual([{ stage: '开工' }]);
    expect(formValueProblem('decimal', '1,200')).toContain('请填写数字');
    expect(formValueProblem('json', '{')).toContain('JSON');
    expect(formValueProblem('decimal', '')).toBeUndefined();
  });

  it('round-trips milestones as the API sends and expects them', () => {
    const stored = [
      { stage: '可研', status: '已完成', plannedAt: '2021-03-31', doneAt: '2021-03-20' },
      { stage: '开工', status: '进行中', plannedAt: '2021-06-30' },
      { stage: '竣工验收', status: '计划' },
    ];
    const items = toFormValue('milestones', stored);
    expect(items).toEqual(stored);
    expect(fromFormValue('milestones', items)).toEqual(stored);
    expect(JSON.stringify(fromFormValue('milestones', items))).toBe(JSON.stringify(stored));
    expect(toFormValue('milestones', null)).toEqual([]);
    expect(fromFormValue('milestones', [])).toBeNull();
    expect(fromFormValue('milestones', undefined)).toBeNull();
  });

  it('leaves out what a milestone does not have, never null, and keeps what the user entered', () => {
    expect(
      fromMilestoneItems([
        { stage: '开工', status: '计划', plannedAt: undefined, doneAt: undefined },
        { stage: '环评', status: '进行中', plannedAt: ' 2021-05-31 ', doneAt: '' },
        // a completion day beside 进行中 stays, for the server to explain
        { stage: '水保', status: '进行中', doneAt: '2021-04-01' },
      ]),
    ).toEqual([
      { stage: '开工', status: '计划' },
      { stage: '环评', status: '进行中', plannedAt: '2021-05-31' },
      { stage: '水保', status: '进行中', doneAt: '2021-04-01' },
    ]);
    expect(toFormValue('milestones', [{ stage: '开工', status: '计划', plannedAt: null }])).toEqual([
      { stage: '开工', status: '计划' },
    ]);
  });

  it('places a problem inside a milestone on its row', () => {
    expect(milestoneProblemName('/milestones/0/doneAt', 'milestones', 2)).toEqual(['milestones', 0, 'doneAt']);
    expect(milestoneProblemName('/fields/milestones/1/status', 'milestones', 2)).toEqual(['milestones', 1, 'status']);
    expect(milestoneProblemName('/milestones/2/doneAt', 'milestones', 2)).toBeUndefined();
    expect(milestoneProblemName('/milestones/0', 'milestones', 2)).toBeUndefined();
    expect(milestoneProblemName('/milestones/0/other', 'milestones', 2)).toBeUndefined();
    expect(milestoneProblemName(undefined, 'milestones', 2)).toBeUndefined();
  });

  it('sends only what changed, clearing with null', () => {
    expect(
      changedFields(
        { channel: '来信', amount: '1.50', closedAt: '2021-03-02T01:00:00Z', section: 'office' },
        { channel: '来信', amount: '1.5', closedAt: null, section: 'office' },
      ),
    ).toEqual({ amount: '1.5', closedAt: null });
  });

  it('diffs audit images in either spelling, bookkeeping left out', () => {
    const changes = diffImages(
      { id: 1, version: 1, closed_at: null, updated_at: 'a', summary: '漏水' },
      { id: 1, version: 2, closed_at: '2021-03-05T02:00:00Z', updated_at: 'b', summary: '漏水' },
    );
    expect(changes).toEqual([{ name: 'closedAt', before: null, after: '2021-03-05T02:00:00Z' }]);
    expect(fieldLabel(FIELDS, 'closed_at')).toBe('办结时间');
    expect(fieldLabel(FIELDS, 'section_id')).toBe('股室');
    expect(
      diffImages(
        { fields: { amount: '1' }, section: { code: 'a', name: 'A' } },
        { fields: { amount: '2' }, section: { code: 'a', name: 'A' } },
      ),
    ).toEqual([{ name: 'amount', before: '1', after: '2' }]);
  });

  it('rebases an edit on the current row without reverting the other change', () => {
    const opened = { a: '1', b: '1', c: null };
    const current = { a: '2', b: '1', c: null };
    const draft = { a: '1', b: '5', c: null };
    expect(rebase(opened, current, draft)).toEqual({ a: '2', b: '5', c: null });
  });
});

describe('describeMilestones', () => {
  it('reads one line per milestone, with its days', () => {
    expect(
      describeMilestones([
        { stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-09-18' },
        { stage: '主体完工', status: '计划', plannedAt: '2022-10-31' },
        { stage: '招商', status: '计划' },
      ]),
    ).toBe('开工：已完成（2021-09-18，计划 2021-09-30）\n主体完工：计划（计划 2022-10-31）\n招商：计划');
    expect(describeMilestones(null)).toBe('');
  });
});

describe('a deadline in a list', () => {
  const due: LedgerField = {
    name: 'dueDate',
    label: '办理时限',
    type: 'date',
    required: false,
    due: { doneBy: 'closedAt', warnDays: 3 },
  };
  const flag = (fields: Record<string, unknown>, today = '2021-03-10') => dueFlag(due, fields, today);

  it('flags a deadline past, or within its days, for a row not done', () => {
    expect(flag({ dueDate: '2021-03-07' })).toEqual({ state: 'overdue', days: 3 });
    expect(flag({ dueDate: '2021-03-10' })).toEqual({ state: 'soon', days: 0 });
    expect(flag({ dueDate: '2021-03-13' })).toEqual({ state: 'soon', days: 3 });
    expect(flag({ dueDate: '2021-03-14' })).toBeUndefined();
    // across a month and a leap day: days are calendar days
    expect(dueFlag(due, { dueDate: '2024-03-01' }, '2024-02-28')).toEqual({ state: 'soon', days: 2 });
  });

  it('flags nothing for a row done, a row without the date, a retired field or a field that is no deadline', () => {
    expect(flag({ dueDate: '2021-03-07', closedAt: '2021-03-06T10:00:00Z' })).toBeUndefined();
    expect(flag({ dueDate: null })).toBeUndefined();
    expect(dueFlag({ ...due, retired: true }, { dueDate: '2021-03-07' }, '2021-03-10')).toBeUndefined();
    const { due: _none, ...plain } = due;
    expect(dueFlag(plain, { dueDate: '2021-03-07' }, '2021-03-10')).toBeUndefined();
  });

  it('says it as staff read it', () => {
    expect(dueText({ state: 'overdue', days: 3 })).toBe('逾期 3 天');
    expect(dueText({ state: 'soon', days: 0 })).toBe('今天到期');
    expect(dueText({ state: 'soon', days: 2 })).toBe('2 天后到期');
  });
});
