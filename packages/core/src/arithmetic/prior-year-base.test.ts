import { describe, expect, it } from 'vitest';
import { entries, expectReason, expectValue } from './arithmetic.test-helpers.js';
import { describeNoFigure } from './figure.js';
import { priorYearBase } from './prior-year-base.js';

const SPAN = { year: 2021, periods: [1, 2, 3], quarterly: false };

describe('prior-year base 上年同期', () => {
  it('adds last year’s stored values of the same months for a flow', () => {
    // 2.0 + 3.0 + 4.0 = 9.0
    expectValue(
      priorYearBase('flow', SPAN, entries(['2.5', '3.5', '4.5']), entries(['2.0', '3.0', '4.0', '9.9'])),
      '9',
    );
  });

  it('uses the comparable base 上年同期可比数 in place of the stored prior-year value', () => {
    // The statistics office revised February 2020 from 3.0 to 3.5: 2.0 + 3.5 + 4.0 = 9.5
    const current = [
      { period: 1, value: '2.5' },
      { period: 2, value: '3.5', comparableBase: '3.5' },
      { period: 3, value: '4.5' },
    ];
    expectValue(priorYearBase('flow', SPAN, current, entries(['2.0', '3.0', '4.0'])), '9.5');
  });

  it('needs no stored prior year where every month has a comparable base', () => {
    // 1.9 + 2.9 + 3.9 = 8.7
    const current = [
      { period: 1, value: '2.5', comparableBase: '1.9' },
      { period: 2, value: '3.5', comparableBase: '2.9' },
      { period: 3, value: '4.5', comparableBase: '3.9' },
    ];
    expectValue(priorYearBase('flow', SPAN, current, []), '8.7');
  });

  it('without a prior year is missing every month of the year before, named as such', () => {
    const base = priorYearBase('flow', SPAN, entries(['2.5', '3.5', '4.5']), []);
    expectReason(base, { code: 'missing-periods', year: 2020, periods: [1, 2, 3], quarterly: false });
    if (!base.ok) expect(describeNoFigure(base.reason)).toBe('缺2020年1月、2月、3月数据');
  });

  it('ignores comparable bases entered on last year’s own values', () => {
    const prior = [{ period: 1, value: '2', comparableBase: '100' }, ...entries([undefined, '3', '4'])];
    expectValue(priorYearBase('flow', SPAN, entries(['1', '1', '1']), prior), '9');
  });

  it('takes the last month’s base for a level, comparable or stored', () => {
    expectValue(
      priorYearBase('level', SPAN, entries(['1', '1', '1']), entries([undefined, undefined, '7400'])),
      '7400',
    );
    const current = [{ period: 3, value: '7700', comparableBase: '7450' }];
    expectValue(priorYearBase('level', SPAN, current, entries(['7300', '7350', '7400'])), '7450');
  });
});
