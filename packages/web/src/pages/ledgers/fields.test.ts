import { describe, expect, it } from 'vitest';
import type { LedgerField } from '../../api/types.js';
import {
  changedFields,
  diffImages,
  editorKind,
  fieldLabel,
  formValueProblem,
  fromFormValue,
  rebase,
  toFormValue,
} from './fields.js';

const FIELDS: LedgerField[] = [
  { name: 'receivedAt', label: '受理时间', type: 'datetime', required: true },
  { name: 'closedAt', label: '办结时间', type: 'datetime', required: false },
  { name: 'channel', label: '来源渠道', type: 'enum', required: true, options: [{ value: '来信', label: '来信' }] },
  { name: 'amount', label: '金额（万元）', type: 'decimal', required: false },
  { name: 'milestones', label: '节点进度', type: 'list', required: false },
];

describe('ledger fields in a form', () => {
  it('chooses an input by type, and JSON for a list of objects', () => {
    expect(editorKind(FIELDS[0] as LedgerField)).toBe('datetime');
    expect(editorKind({ name: 'x', label: 'x', type: 'dateTime', required: false })).toBe('datetime');
    expect(editorKind(FIELDS[4] as LedgerField, ['可研'])).toBe('tags');
    expect(editorKind(FIELDS[4] as LedgerField, [{ stage: '可研', status: '已完成' }])).toBe('json');
    expect(editorKind(FIELDS[4] as LedgerField)).toBe('json');
    expect(editorKind({ ...(FIELDS[4] as LedgerField), options: [{ value: 'a', label: 'A' }] })).toBe('tags');
    expect(editorKind({ name: 'facts', label: '项目情况', type: 'object', required: false })).toBe('json');
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
