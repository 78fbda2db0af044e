import type { IndicatorTarget } from '@taizhang/contract';
import { describe, expect, it } from 'vitest';
import {
  curveSummary,
  draftOf,
  draftProblems,
  evenCurve,
  noProblems,
  sameDraft,
  serverProblems,
  targetInput,
} from './target-form.js';

const indicator = (overrides: Partial<IndicatorTarget> = {}): IndicatorTarget => ({
  code: 'fixed_asset_investment',
  name: '固定资产投资',
  unit: '亿元',
  decimals: 2,
  section: { code: 'planfin', name: '计划财务股' },
  kind: 'flow',
  frequency: 'monthly',
  timeProgress: 'linear',
  yearOnYear: true,
  derived: false,
  target: null,
  ...overrides,
});

const CURVE = ['5', '10', '18', '26', '35', '50', '58', '66', '75', '84', '92', '100'];
const stored = {
  indicator: 'fixed_asset_investment',
  year: 2021,
  amount: '36.00',
  growth: null,
  planCurve: CURVE,
  version: 3,
  updatedAt: '2021-11-05T02:00:00Z',
};

describe('the target form', () => {
  it('starts from the stored target, twelve months always', () => {
    expect(draftOf(null)).toEqual({ amount: '', growth: '', planCurve: Array(12).fill('') });
    expect(draftOf(stored)).toEqual({ amount: '36.00', growth: '', planCurve: CURVE });
    expect(sameDraft(draftOf(stored), { ...draftOf(stored), amount: ' 36.00 ' })).toBe(true);
    expect(sameDraft(draftOf(stored), { ...draftOf(stored), growth: '8' })).toBe(false);
  });

  it('sends the whole target, blanks as null, and keeps a stored curve', () => {
    expect(targetInput({ amount: ' 40 ', growth: '', planCurve: Array(12).fill('') }, undefined)).toEqual({
      amount: '40',
      growth: null,
      planCurve: null,
    });
    expect(targetInput({ ...draftOf(stored), amount: '40.00' }, 3)).toEqual({
      amount: '40.00',
      growth: null,
      planCurve: CURVE,
      version: 3,
    });
  });

  it('catches a blank form, text that is no number, and a growth target where none may be', () => {
    const blank = draftProblems(draftOf(null), indicator());
    expect(blank.form).toBe('目标任务和目标增速至少填写一项');
    const text = draftProblems({ ...draftOf(null), amount: '36亿', growth: '1e3' }, indicator());
    expect([text.amount, text.growth]).toEqual([expect.stringContaining('请填写数字'), expect.any(String)]);
    const noYoy = draftProblems({ ...draftOf(null), amount: '12', growth: '5' }, indicator({ yearOnYear: false }));
    expect(noYoy.growth).toBe('该指标不作同比，不能设定目标增速');
    expect(noProblems(draftProblems({ ...draftOf(null), growth: '-2.5' }, indicator()))).toBe(true);
  });

  it('wants all twelve months of a plan curve for a plan indicator, or none at all otherwise', () => {
    const plan = indicator({ timeProgress: 'plan' });
    const missing = draftProblems({ ...draftOf(null), amount: '20' }, plan);
    expect(missing.planCurve).toContain('按计划进度考核');
    expect(missing.months[0]).toBe('请填写 1 月的计划进度');
    const partial = [...CURVE];
    partial[4] = '';
    partial[5] = 'half';
    const linear = draftProblems({ ...draftOf(null), amount: '20', planCurve: partial }, indicator());
    expect(linear.planCurve).toBe('计划进度须填满 1－12 月，或全部留空');
    expect(linear.months.flatMap((m, i) => (m ? [i] : []))).toEqual([4, 5]);
    expect(noProblems(draftProblems({ ...draftOf(null), amount: '20', planCurve: CURVE }, plan))).toBe(true);
  });

  it('puts the server’s problems on their fields and a plan curve’s on its month', () => {
    const placed = serverProblems(
      [
        { field: 'planCurve', path: '/planCurve/6', message: '不能减少' },
        { field: 'planCurve', path: '/planCurve/11', message: '应为 100' },
        { field: 'growth', path: '/growth', message: '不作同比' },
        { field: '', path: '', message: '至少给出一项' },
        { field: 'planCurve', path: '', message: '需要计划进度' },
      ],
      '未通过校验',
    );
    expect(placed).toMatchObject({ form: '至少给出一项', growth: '不作同比', planCurve: '需要计划进度' });
    expect(placed.months[6]).toBe('不能减少');
    expect(placed.months[11]).toBe('应为 100');
    expect(serverProblems([], '目标未保存').form).toBe('目标未保存');
  });

  it('offers an even curve that never decreases and ends at 100', () => {
    const curve = evenCurve();
    expect(curve).toEqual([
      '8.3',
      '16.7',
      '25.0',
      '33.3',
      '41.7',
      '50.0',
      '58.3',
      '66.7',
      '75.0',
      '83.3',
      '91.7',
      '100',
    ]);
    expect(curve.map(Number)).toEqual([...curve.map(Number)].sort((a, b) => a - b));
  });

  it('sums a curve up by quarter', () => {
    expect(curveSummary(CURVE)).toBe('3月 18％ · 6月 50％ · 9月 75％ · 12月 100％');
    expect(curveSummary(null)).toBe('未设定');
  });
});
