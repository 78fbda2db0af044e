import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, expectPrinted, expectValue } from './arithmetic.test-helpers.js';
import { Decimal, toFixedHalfUp } from './decimal.js';
import { pointsOverTarget } from './points-over-target.js';

describe('points over target 超目标百分点', () => {
  it('is growth − target growth in percentage points', () => {
    // 11.875 − 10 = 1.875, printed 超额完成 1.9 个百分点
    expectValue(pointsOverTarget('11.875', '10'), '1.875');
    expectPrinted(pointsOverTarget('11.875', '10'), 1, '1.9');
  });

  it('is negative below the target, for the phrasing to say 低于目标', () => {
    // 7.5 − 10 = −2.5
    expectValue(pointsOverTarget('7.5', '10'), '-2.5');
  });

  it('comes from unrounded rates: 8.249 against 8.15 is 0.1 point although both print 8.2', () => {
    // 8.249 − 8.15 = 0.099 → 0.1, while 8.2 − 8.2 = 0 from the printed rates
    expect(toFixedHalfUp(new Decimal('8.249'), 1)).toBe(toFixedHalfUp(new Decimal('8.15'), 1));
    expectValue(pointsOverTarget('8.249', '8.15'), '0.099');
    expectPrinted(pointsOverTarget('8.249', '8.15'), 1, '0.1');
  });

  it('property: target growth + points = growth, exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (growth, target) => {
        const points = pointsOverTarget(growth, target);
        expect(points.ok && points.value.plus(target).equals(growth)).toBe(true);
      }),
    );
  });
});
