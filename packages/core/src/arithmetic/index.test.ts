import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText } from './arithmetic.test-helpers.js';
import type { Figure } from './index.js';
import * as arithmetic from './index.js';

/** Every figure-returning formula of the barrel, called with the same list of decimal texts. */
const FORMULAS: Record<string, (values: string[]) => Figure> = {
  growthRate: ([a = '0', b = '0']) => arithmetic.growthRate(a, b),
  completionShare: ([a = '0', b = '0']) => arithmetic.completionShare(a, b),
  pointsOverTarget: ([a = '0', b = '0']) => arithmetic.pointsOverTarget(a, b),
  aheadOfTime: ([a = '0', b = '0']) => arithmetic.aheadOfTime(a, b),
  forecastGap: ([a = '0', b = '0']) => arithmetic.forecastGap(a, b),
  ratio: ([a = '0', b = '0']) => arithmetic.ratio(a, b),
  impliedTargetAmount: ([a = '0', b = '0']) => arithmetic.impliedTargetAmount(a, b),
  seasonalForecast: ([a = '0', b = '0', c = '0']) => arithmetic.seasonalForecast(a, b, c),
  linearForecast: ([a = '0']) => arithmetic.linearForecast(a, 7, 12),
  yearEndForecast: ([a = '0', b = '0', c = '0']) =>
    arithmetic.yearEndForecast({ kind: 'flow', ytd: a, covered: 5, perYear: 12, priorYearToDate: b, priorFullYear: c })
      .forecast,
  planTimeProgress: (values) => arithmetic.planTimeProgress(values, 3),
};

describe('the arithmetic barrel 指标计算', () => {
  it('exports the aggregate and every rule', () => {
    for (const name of [
      'evaluateIndicator',
      'indicatorPeriod',
      'coveredLabel',
      'coveredPeriods',
      'lastCompleteQuarter',
      'yearToDate',
      'priorYearBase',
      'growthRate',
      'targetAmount',
      'targetGrowth',
      'completionShare',
      'pointsOverTarget',
      'timeProgress',
      'aheadOfTime',
      'yearEndForecast',
      'forecastGap',
      'ratio',
      'progressStatus',
      'describeStatus',
      'describeNoFigure',
      'roundHalfUp',
      'toFixedHalfUp',
      'Decimal',
    ]) {
      expect(arithmetic, name).toHaveProperty(name);
    }
  });

  it('has no zero that turns into Infinity: every division by zero is a stated reason', () => {
    expect(arithmetic.growthRate('5', '0').ok).toBe(false);
    expect(arithmetic.completionShare('5', '0').ok).toBe(false);
    expect(arithmetic.ratio('5', '0').ok).toBe(false);
    expect(arithmetic.seasonalForecast('5', '0', '9').ok).toBe(false);
  });

  it('property: no function ever yields a non-finite decimal, for any input including zero and negatives', () => {
    const withZeros = fc.oneof(decimalText, fc.constantFrom('0', '-0', '0.00', '-1', '1'));
    fc.assert(
      fc.property(fc.array(withZeros, { minLength: 3, maxLength: 12 }), (values) => {
        for (const [name, formula] of Object.entries(FORMULAS)) {
          const result = formula(values);
          if (result.ok) expect(result.value.isFinite(), name).toBe(true);
          else expect(arithmetic.describeNoFigure(result.reason).length, name).toBeGreaterThan(0);
        }
      }),
    );
  });
});
