import { describe, expect, it } from 'vitest';
import { indicator as indicatorDef } from '../../arithmetic/arithmetic.test-helpers.js';
import { evaluateIndicator } from '../../arithmetic/evaluate.js';
import type { IndicatorDef, Target } from '../../model.js';
import type { ReportIndicator } from '../engine.js';
import { renderTemplate, bodyText as text } from '../report.test-helpers.js';

/**
 * The figure, phrase and decision families over one flow against an amount and one against a
 * growth rate, through October: each filter said the way the data supports, both ways.
 */

const monthly = (values: number[]) => values.map((v, i) => ({ period: i + 1, value: v.toFixed(2) }));
const ten = (v: number) => Array.from({ length: 10 }, () => v);
const twelve = (v: number) => Array.from({ length: 12 }, () => v);

function flow(code: string, current: number[], prior: number[], target: Target, overrides: Partial<IndicatorDef> = {}) {
  const def: IndicatorDef = { ...indicatorDef({ code }), name: code, ...overrides };
  const indicator: ReportIndicator = {
    evaluation: evaluateIndicator({
      indicator: def,
      year: 2021,
      throughMonth: 10,
      target,
      current: monthly(current),
      prior: monthly(prior),
    }),
    sectionName: '计划财务股',
    rows: [],
    target,
  };
  return indicator;
}

// Investment: 2.00 a month against 36.00 (55.6％ at 83.3％ of the year: red); last year 1.80 a month.
const behind = () => flow('fai', ten(2), twelve(1.8), { indicator: 'fai', year: 2021, amount: '36.00' });
// Registration: 3.20 a month against 36.00 (88.9％: ahead).
const ahead = () => flow('reg', ten(3.2), twelve(3), { indicator: 'reg', year: 2021, amount: '36.00' });
// Sales: growth target 8 on last year's 30.00; 2.94 a month (+7.0％ on 2.75).
const sales = () => flow('sales', ten(2.94), twelve(2.75), { indicator: 'sales', year: 2021, growth: '8' });

const render = (template: string, indicators: ReportIndicator[] = [behind(), ahead(), sales()]) =>
  renderTemplate(template, indicators);

describe('figures of an indicator', () => {
  it('prints the period, last year, the target, the share, time progress and the lead', () => {
    expect(
      text(
        render(
          "{{ 'fai' | ytd }}|{{ 'fai' | base }}|{{ 'fai' | target }}|{{ 'fai' | share }}|{{ 'fai' | progress }}|{{ 'fai' | ahead }}|{{ 'reg' | ahead }}",
        ),
      ),
    ).toBe('20.00|18.00|36.00|55.6|83.3|－27.8|5.6');
  });

  it('forecasts the year by last year’s pattern and states the shortfall, nothing when met', () => {
    // 20.00 × 21.60 ÷ 18.00 = 24.00, short of 36.00 by 12.00; registration 32.00 × 36 ÷ 30 = 38.40 meets it.
    expect(text(render("{{ 'fai' | forecast }}|{{ 'fai' | shortfall }}|{{ 'reg' | shortfall }}"))).toBe(
      '24.00|12.00|0.00',
    );
  });

  it('prints a growth target as entered, and the points over it signed', () => {
    // 29.40 on 27.50 = +6.9％, 1.1 points under the target of 8.
    expect(text(render("{{ 'sales' | target_growth }}|{{ 'sales' | growth }}|{{ 'sales' | points }}"))).toBe(
      '8|6.9|－1.1',
    );
  });

  it('names the last complete quarter of a quarterly indicator, and refuses a monthly one', () => {
    const quarterly = flow(
      'output',
      [5, 6, 7],
      twelve(5),
      { indicator: 'output', year: 2021, growth: '10' },
      {
        frequency: 'quarterly',
      },
    );
    expect(text(render("{{ 'output' | quarter_name }}", [quarterly]))).toBe('三季度');
    expect(() => render("{{ 'fai' | quarter_name }}")).toThrow(/不是季度指标/);
  });
});

describe('phrases and decisions', () => {
  it('says a red lag as 滞后, a lead as 快于, and decides lags only for red', () => {
    const doc = render(
      "{{ 'fai' | progress_phrase }}；{{ 'reg' | progress_phrase }}；{% if 'fai' | lags %}红{% endif %}{% if 'reg' | lags %}不该{% endif %}",
    );
    expect(text(doc)).toBe('滞后时序进度27.8个百分点；快于时序进度5.6个百分点；红');
  });

  it('says a lag short of red as 慢于', () => {
    // 2.80 a month: 77.8％ at 83.3％, 5.6 points behind, under the threshold of 10.
    const yellow = flow('fai', ten(2.8), twelve(1.8), { indicator: 'fai', year: 2021, amount: '36.00' });
    expect(text(render("{{ 'fai' | progress_phrase }}{% if 'fai' | lags %}红{% endif %}", [yellow]))).toBe(
      '慢于时序进度5.6个百分点',
    );
  });

  it('decides whether growth beats its target', () => {
    const doc = render("{% if 'sales' | beats_growth_target %}超{% else %}{{ 'sales' | points_phrase }}{% endif %}");
    expect(text(doc)).toBe('低于目标1.1个百分点');
  });

  it('says what remains by the verb done, and decides completeness', () => {
    const count = (code: string, n: number) =>
      flow(
        code,
        [...Array.from({ length: 9 }, () => 0), n],
        twelve(0),
        { indicator: code, year: 2021, amount: '12' },
        {
          unit: '个',
          decimals: 0,
          yearOnYear: false,
        },
      );
    const doc = render(
      "{{ 'started' | complete_phrase: 'planned', '已全部开工建设', '已开工' }}；{{ 'planned' | complete_phrase: 'planned', '已全部开工建设', '已开工' }}；{% if 'started' | is_complete: 'planned' %}全{% else %}未全{% endif %}",
      [count('started', 9), count('planned', 12)],
    );
    expect(text(doc)).toBe('已开工9个，尚有3个未开工；已全部开工建设；未全');
  });
});

describe('parts and totals', () => {
  const part = (code: string, perMonth: number, last = perMonth) =>
    flow(code, [...ten(perMonth).slice(0, 9), last], twelve(perMonth), { indicator: code, year: 2021, amount: '100' });
  const template = "{% parts_of 'all', 'east', 'west' %}{{ 'east' | ytd }}+{{ 'west' | ytd }}={{ 'all' | ytd }}";

  it('prints parts that add up to their total, within the rounding of what is printed', () => {
    // 33.30 + 66.71 = 100.01 against 100.00: within the half cent each of three printed figures may round by.
    const doc = render(template, [part('all', 10), part('east', 3.33), part('west', 6.67, 6.68)]);
    expect(text(doc)).toBe('33.30+66.71=100.00');
    expect(doc.missing).toEqual([]);
  });

  it('prints a 【待核】 marker for each, owed, when they do not', () => {
    const doc = render(template, [part('all', 10), part('east', 3.5), part('west', 6.67)]);
    const marker = '【待核：all累计的分项之和101.70亿元与合计100.00亿元不符】';
    expect(text(doc)).toBe(`${marker}+${marker}=${marker}`);
    expect(doc.missing.map((m) => m.text)).toEqual([marker]);
  });

  it('refuses a part of another unit, a part named twice, and a declaration without two parts', () => {
    const area = flow('area', ten(1), twelve(1), { indicator: 'area', year: 2021, amount: '1' }, { unit: '万平方米' });
    const all = [part('all', 10), part('east', 3.5), part('west', 6.5), area];
    expect(() => render("{% parts_of 'all', 'east', 'area' %}", all)).toThrow(/单位 万平方米 与合计的单位 亿元 不同/);
    expect(() => render("{% parts_of 'all', 'east', 'west' %}{% parts_of 'east', 'west', 'all' %}", all)).toThrow(
      /已在第1行的 parts_of 中/,
    );
    expect(() => render("{% parts_of 'all', 'east' %}", all)).toThrow(/至少两个分项/);
  });
});
