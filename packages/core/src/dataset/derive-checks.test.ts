import { describe, expect, it } from 'vitest';
import { parseDataset } from './index.js';

function parse(indicatorExtra: string, values = ''): ReturnType<typeof parseDataset> {
  const text = `format: taizhang-dataset/1
organisation: { code: demo, name: 示范区住房和城乡建设局 }
sections: [{ code: office, name: 办公室 }]
indicators:
  - { code: handled, name: 办理群众投诉信件, unit: 件, section: office, kind: flow, frequency: monthly, decimals: 0, ${indicatorExtra} }
${values}`;
  return parseDataset(new TextEncoder().encode(text), 'derive.yaml');
}

function problems(result: ReturnType<typeof parseDataset>) {
  return result.ok ? [] : result.problems.map((p) => ({ code: p.code, path: p.path, message: p.message }));
}

describe('derived indicators in a dataset', () => {
  it('accepts a count over a ledger date field, with filters', () => {
    const result = parse(
      'derive: { ledger: complaints, aggregate: count, date: receivedAt, where: { category: [物业管理, 供水保障], closedAt: null, repliedAt: { not: null } } }',
    );
    expect(problems(result)).toEqual([]);
    expect(result.ok && result.dataset.indicators[0]?.derive).toEqual({
      ledger: 'complaints',
      aggregate: 'count',
      date: 'receivedAt',
      where: { category: ['物业管理', '供水保障'], closedAt: null, repliedAt: { not: null } },
    });
  });

  it('refuses an unknown ledger, with a suggestion', () => {
    expect(problems(parse('derive: { ledger: complaint, aggregate: count, date: receivedAt }'))).toEqual([
      expect.objectContaining({
        code: 'LEDGER_UNKNOWN',
        path: '/indicators/0/derive/ledger',
        message: expect.stringContaining('complaints'),
      }),
    ]);
  });

  it('refuses a date that is not a field, or not a date', () => {
    expect(problems(parse('derive: { ledger: complaints, aggregate: count, date: receivedOn }'))).toEqual([
      expect.objectContaining({
        code: 'DATASET_DERIVE',
        path: '/indicators/0/derive/date',
        message: expect.stringContaining('receivedAt'),
      }),
    ]);
    expect(problems(parse('derive: { ledger: complaints, aggregate: count, date: category }'))).toEqual([
      expect.objectContaining({ code: 'DATASET_DERIVE', message: expect.stringContaining('应为日期或时间字段') }),
    ]);
  });

  it('takes a month from a date field, for a level only', () => {
    const month = 'derive: { ledger: stalled_projects, aggregate: month, field: plannedCompletion, date: resumedAt }';
    expect(problems(parse(month))).toEqual([
      {
        code: 'DATASET_DERIVE',
        path: '/indicators/0/derive/aggregate',
        message:
          '指标 办理群众投诉信件 按 month 取计划月份，只能用于时点型（level）指标，实际为 flow：月份不能逐月累加',
      },
    ]);
    const levelText = (derive: string) =>
      parseDataset(
        new TextEncoder().encode(
          `format: taizhang-dataset/1
organisation: { code: demo, name: 示范区住房和城乡建设局 }
sections: [{ code: office, name: 办公室 }]
indicators:
  - { code: month, name: 计划月份, unit: 月, section: office, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, ${derive} }
`,
        ),
        'derive.yaml',
      );
    expect(problems(levelText(month))).toEqual([]);
    expect(
      problems(levelText('derive: { ledger: stalled_projects, aggregate: month, field: progress, date: resumedAt }')),
    ).toEqual([
      expect.objectContaining({ path: '/indicators/0/derive/field', message: expect.stringContaining('应为日期字段') }),
    ]);
    expect(problems(levelText('derive: { ledger: stalled_projects, aggregate: month, date: resumedAt }'))).toEqual([
      expect.objectContaining({ message: '指标 计划月份 按 month 汇总，须用 field 指明取哪个日期字段的月份' }),
    ]);
    expect(
      problems(levelText('derive: { ledger: complaints, aggregate: month, field: receivedAt, date: receivedAt }')),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('应为日期字段') })]);
  });

  it('refuses a sum without a numeric field, and a count with one', () => {
    expect(problems(parse('derive: { ledger: complaints, aggregate: sum, date: receivedAt }'))).toEqual([
      expect.objectContaining({ code: 'DATASET_DERIVE', message: expect.stringContaining('须用 field') }),
    ]);
    expect(
      problems(parse('derive: { ledger: complaints, aggregate: sum, field: category, date: receivedAt }')),
    ).toEqual([
      expect.objectContaining({
        code: 'DATASET_DERIVE',
        path: '/indicators/0/derive/field',
        message: expect.stringContaining('应为数值字段'),
      }),
    ]);
    expect(
      problems(parse('derive: { ledger: complaints, aggregate: count, field: category, date: receivedAt }')),
    ).toEqual([expect.objectContaining({ code: 'DATASET_DERIVE', message: expect.stringContaining('不需要 field') })]);
  });

  it('refuses a filter on an unknown field or with an empty list', () => {
    expect(
      problems(
        parse(
          'derive: { ledger: complaints, aggregate: count, date: receivedAt, where: { categry: 物业管理, channel: [] } }',
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        path: '/indicators/0/derive/where/categry',
        message: expect.stringContaining('category'),
      }),
      expect.objectContaining({
        path: '/indicators/0/derive/where/channel',
        message: expect.stringContaining('非空的值列表'),
      }),
    ]);
  });

  it('refuses a value entered for a derived indicator', () => {
    const values = 'values:\n  - { indicator: handled, year: 2021, month: 1, value: 30 }\n';
    expect(problems(parse('derive: { ledger: complaints, aggregate: count, date: receivedAt }', values))).toEqual([
      expect.objectContaining({
        code: 'DATASET_DERIVED_VALUE',
        path: '/values/0',
        message: expect.stringContaining('由台账派生'),
      }),
    ]);
  });
});
