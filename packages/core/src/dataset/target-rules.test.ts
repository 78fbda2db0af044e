import { describe, expect, it } from 'vitest';
import { HEAD, parseText, problemsOf } from './dataset.test-helpers.js';
import { type TargetIndicator, validateTarget } from './target-rules.js';

const investment: TargetIndicator = {
  code: 'fixed_asset_investment',
  name: '固定资产投资',
  timeProgress: 'linear',
  yearOnYear: true,
};
const planned: TargetIndicator = { ...investment, code: 'key_projects', name: '重点项目投资', timeProgress: 'plan' };
const counted: TargetIndicator = { ...investment, code: 'dry_toilets', name: '消除旱厕', yearOnYear: false };

const CURVE = ['5', '10', '18', '26', '35', '50', '58', '66', '75', '84', '92', '100'];

/** Problems as [path, code, message]. */
const seen = (problems: ReturnType<typeof validateTarget>) => problems.map((p) => [p.path, p.code, p.message]);

describe('one target from the office’s form, checked as a dataset target is', () => {
  it('accepts an amount, a growth rate, or both, as plain decimals', () => {
    expect(validateTarget(investment, { year: 2021, amount: '36.00' })).toEqual([]);
    expect(validateTarget(investment, { year: 2021, growth: '-2.5' })).toEqual([]);
    expect(validateTarget(investment, { year: 2021, amount: '36', growth: '8', planCurve: null })).toEqual([]);
    expect(validateTarget(planned, { year: 2021, amount: '20', planCurve: CURVE })).toEqual([]);
  });

  it('refuses a target with neither amount nor growth, as the schema does', () => {
    const problems = validateTarget(investment, { year: 2021, amount: null });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '', code: 'DATASET_SHAPE' });
    expect(problems[0]?.message).toMatch(/amount（目标任务）.*growth（目标增速）/);
  });

  it('refuses a decimal that is not written plainly, at its field', () => {
    const problems = validateTarget(investment, { year: 2021, amount: '3.6e1' });
    expect(problems.map((p) => [p.path, p.code])).toEqual([['/amount', 'DATASET_NUMBER_FORMAT']]);
    expect(problems[0]?.message).toContain('目标任务');
  });

  it('refuses a growth target for an indicator without year-on-year comparison', () => {
    expect(seen(validateTarget(counted, { year: 2021, amount: '120', growth: '5' }))).toEqual([
      [
        '/growth',
        'DATASET_NO_YEAR_ON_YEAR',
        '指标 消除旱厕 不作同比比较（yearOnYear: false），目标只能给出目标任务 amount，不能给出目标增速 growth',
      ],
    ]);
  });

  it('asks for a plan curve when time progress follows one', () => {
    expect(seen(validateTarget(planned, { year: 2021, amount: '20' }))).toEqual([
      [
        '',
        'DATASET_PLAN_CURVE_MISSING',
        '指标 重点项目投资 的时序进度按计划进度计算（timeProgress: plan），2021 年的目标需要给出 planCurve（1 至 12 月累计计划完成的百分比，共 12 个值）',
      ],
    ]);
  });

  it('checks the plan curve month by month: within 0–100, never decreasing, 100 in December', () => {
    const curve = ['5', '10', '18', '26', '135', '50', '45', '66', '75', '84', '92', '99'];
    expect(seen(validateTarget(planned, { year: 2021, amount: '20', planCurve: curve }))).toEqual([
      ['/planCurve/4', 'DATASET_PLAN_CURVE', '计划进度 5 月的值 135 超出了 0 至 100 的范围'],
      ['/planCurve/6', 'DATASET_PLAN_CURVE', '计划进度是逐月累计的百分比，不能减少：7 月为 45，比 6 月的 50 小'],
      ['/planCurve/11', 'DATASET_PLAN_CURVE', '计划进度到 12 月应为 100（完成全年目标），实际为 99'],
    ]);
  });

  it('wants exactly twelve plan-curve entries', () => {
    const problems = validateTarget(planned, { year: 2021, amount: '20', planCurve: CURVE.slice(1) });
    expect(problems.map((p) => [p.path, p.code])).toEqual([['/planCurve', 'DATASET_RANGE']]);
  });

  it('gives the same verdict and words as the dataset validator', () => {
    const curve = '[5, 10, 18, 26, 135, 50, 45, 66, 75, 84, 92, 99]';
    const text = `${HEAD}targets:\n  - { indicator: fai, year: 2021, amount: 20, planCurve: ${curve} }\n`;
    const fromFile = problemsOf(parseText(text)).map((p) => [p.path.replace('/targets/0', ''), p.code, p.message]);
    const fai = { code: 'fai', name: '固定资产投资', timeProgress: 'linear', yearOnYear: true } as const;
    const fromForm = seen(
      validateTarget(fai, { year: 2021, amount: '20', planCurve: JSON.parse(curve).map(String) as string[] }),
    );
    expect(fromForm).toEqual(fromFile);
  });
});
