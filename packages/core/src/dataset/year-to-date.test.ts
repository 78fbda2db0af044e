import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../arithmetic/decimal.js';
import { datasetOf, parseText, problemsOf } from './dataset.test-helpers.js';

/** A dataset with one flow indicator written as year-to-date totals, and the values given. */
const withTotals = (values: string, kind = 'flow') => `format: taizhang-dataset/1
organisation: { code: demo, name: 示范区住房和城乡建设局 }
sections:
  - { code: plan, name: 计划股 }
indicators:
  - { code: fai, name: 固定资产投资, unit: 亿元, section: plan, kind: ${kind}, frequency: monthly, decimals: 2, entry: ytd }
values:
${values}`;

describe('values written as year-to-date totals (entry: ytd)', () => {
  it('are stored as the monthly amounts, each noting the total it came from', () => {
    const dataset = datasetOf(
      parseText(
        withTotals(`  - { indicator: fai, year: 2021, month: 2, value: 2.50, comparableBase: 2.00 }
  - { indicator: fai, year: 2021, month: 1, value: 1.20, comparableBase: 1.00 }
  - { indicator: fai, year: 2021, month: 3, value: 3.90, comparableBase: 3.10, note: 区统计局月报 }
  - { indicator: fai, year: 2020, month: 1, value: 0.95 }
`),
      ),
    );
    expect(dataset.values.map((v) => [v.year, v.period, v.value, v.comparableBase, v.note])).toEqual([
      [2021, 2, '1.30', '1.00', '按累计数 2.50亿元 推算'],
      [2021, 1, '1.20', '1.00', '按累计数 1.20亿元 推算'],
      [2021, 3, '1.40', '1.10', '区统计局月报（按累计数 3.90亿元 推算）'],
      [2020, 1, '0.95', undefined, '按累计数 0.95亿元 推算'],
    ]);
  });

  it('refuse a total lower than the one before, naming both', () => {
    const problems = problemsOf(
      parseText(
        withTotals(`  - { indicator: fai, year: 2021, month: 1, value: 1.20 }
  - { indicator: fai, year: 2021, month: 2, value: 1.10 }
`),
      ),
    );
    expect(problems.map((p) => [p.code, p.path, p.message])).toEqual([
      [
        'DATASET_YEAR_TO_DATE',
        '/values/1/value',
        '指标 固定资产投资 按累计数填报，2021年1－2月的累计数 1.10 小于上一期的 1.20；累计数不能减少，请核对是否填成了当期数',
      ],
    ]);
  });

  it('refuse a total without the one before it, and a level written as totals', () => {
    const gap = problemsOf(parseText(withTotals('  - { indicator: fai, year: 2021, month: 3, value: 3.90 }\n')));
    expect(gap.map((p) => p.message)).toEqual([
      '指标 固定资产投资 按累计数填报，2021年1－3月有累计数，1－2月却没有，无法推算1－3月的当期数；请补填1－2月的累计数',
    ]);
    const level = problemsOf(
      parseText(withTotals('  - { indicator: fai, year: 2021, month: 1, value: 1.00 }\n', 'level')),
    );
    expect(level.map((p) => [p.code, p.path])).toEqual([['DATASET_YEAR_TO_DATE', '/indicators/0/entry']]);
  });

  it('give back the totals when the amounts are added up again (property)', () => {
    const cents = fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(cents, (steps) => {
        let sum = 0;
        const totals = steps.map((step) => {
          sum += step;
          return sum;
        });
        const lines = totals
          .map((t, i) => `  - { indicator: fai, year: 2021, month: ${i + 1}, value: ${(t / 100).toFixed(2)} }`)
          .join('\n');
        const { values } = datasetOf(parseText(withTotals(`${lines}\n`)));
        let running = new Decimal(0);
        values.forEach((v, i) => {
          running = running.plus(v.value);
          expect(running.toFixed(2)).toBe(((totals[i] as number) / 100).toFixed(2));
        });
      }),
      { numRuns: 100 },
    );
  });
});
