import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, expectClose, expectPrinted, expectReason, expectValue } from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { describeNoFigure } from './figure.js';
import { ratio } from './ratio.js';

describe('ratio 比率', () => {
  it('is numerator ÷ denominator × 100: 开工率 17 started of 20 planned is 85％', () => {
    expectValue(ratio('17', '20'), '85');
  });

  it('is exactly 100 only when all have started (已全部开工建设)', () => {
    expectValue(ratio('20', '20'), '100');
    // 199 ÷ 200 × 100 = 99.5, which prints 99.5, not 100
    expectPrinted(ratio('199', '200'), 1, '99.5');
  });

  it('keeps thirds exact until printed: 2 of 3 is 66.7％', () => {
    expectPrinted(ratio('2', '3'), 1, '66.7');
  });

  it('a zero denominator gives no rate, never Infinity or NaN', () => {
    const rate = ratio('0', '0');
    expectReason(rate, { code: 'zero-denominator' });
    if (!rate.ok) expect(describeNoFigure(rate.reason)).toBe('分母为零，不计算比率');
    expectReason(ratio('5', '0.00'), { code: 'zero-denominator' });
  });

  it('property: rate × denominator ÷ 100 = numerator', () => {
    fc.assert(
      fc.property(
        decimalText,
        decimalText.filter((text) => !new Decimal(text).isZero()),
        (numerator, denominator) => {
          const rate = ratio(numerator, denominator);
          expect(rate.ok).toBe(true);
          if (rate.ok) expectClose(rate.value.times(denominator).div(100), new Decimal(numerator));
        },
      ),
    );
  });
});
