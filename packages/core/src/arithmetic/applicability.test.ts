import { describe, expect, it } from 'vitest';
import { flowsOnly, yearOnYearOnly } from './applicability.js';
import { expectReason, expectValue } from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { describeNoFigure, figure } from './figure.js';

describe('applicability 适用范围', () => {
  it('computes a flow-only figure for a flow', () => {
    expectValue(
      flowsOnly('flow', () => figure(new Decimal(5))),
      '5',
    );
  });

  it('says 不适用 for a level or rate without computing anything', () => {
    for (const kind of ['level', 'rate'] as const) {
      const result = flowsOnly(kind, () => {
        throw new Error('must not be computed');
      });
      expectReason(result, { code: 'not-applicable' });
      if (!result.ok) expect(describeNoFigure(result.reason)).toBe('不适用');
    }
  });

  it('computes a year-on-year figure for an indicator compared with last year', () => {
    expectValue(
      yearOnYearOnly(true, () => figure(new Decimal(7))),
      '7',
    );
  });

  it('says 不适用 for an indicator without year-on-year comparison, without computing anything', () => {
    const result = yearOnYearOnly(false, () => {
      throw new Error('must not be computed');
    });
    expectReason(result, { code: 'not-applicable' });
  });
});
