import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalText,
  expectClose,
  expectPrinted,
  expectReason,
  expectValue,
  positiveText,
} from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { describeNoFigure } from './figure.js';
import { growthRate } from './growth.js';

describe('growth 同比增幅', () => {
  it('is (YTD − base) ÷ base × 100 in ％', () => {
    // (28.64 − 25.6) ÷ 25.6 × 100 = 3.04 ÷ 25.6 × 100 = 11.875
    expectValue(growthRate('28.64', '25.6'), '11.875');
    expectPrinted(growthRate('28.64', '25.6'), 1, '11.9');
  });

  it('is negative for a decline: 22.4 against 25.6 is −12.5％', () => {
    // (22.4 − 25.6) ÷ 25.6 × 100 = −3.2 ÷ 25.6 × 100 = −12.5
    expectValue(growthRate('22.4', '25.6'), '-12.5');
  });

  it('is zero when nothing changed', () => {
    expectValue(growthRate('25.6', '25.60'), '0');
  });

  it('keeps a third exact to 40 digits, rounded only when printed', () => {
    // (4 − 3) ÷ 3 × 100 = 33.333…
    expectValue(growthRate('4', '3'), new Decimal(1).div(3).times(100));
    expectPrinted(growthRate('4', '3'), 1, '33.3');
  });

  it('growth against a zero base is stated as no comparison, never Infinity', () => {
    const growth = growthRate('12.5', '0');
    expectReason(growth, { code: 'zero-base' });
    if (!growth.ok) expect(describeNoFigure(growth.reason)).toBe('上年同期为零，不计算增速');
    expectReason(growthRate('0', '0.00'), { code: 'zero-base' });
    expectReason(growthRate('1', new Decimal('-0')), { code: 'zero-base' });
  });

  it('growth against a negative base is stated, not turned into a misleading rate', () => {
    // (−1 − (−2)) ÷ (−2) × 100 would say −50％ for a loss that halved.
    const growth = growthRate('-1', '-2');
    expectReason(growth, { code: 'negative-base' });
    if (!growth.ok) expect(describeNoFigure(growth.reason)).toBe('上年同期为负，不计算增速');
  });

  it('falls by more than 100％ when this year is negative against a positive base', () => {
    // (−5 − 10) ÷ 10 × 100 = −150
    expectValue(growthRate('-5', '10'), '-150');
  });

  it('property: base × (1 + growth ÷ 100) = YTD', () => {
    fc.assert(
      fc.property(decimalText, positiveText, (ytdText, baseText) => {
        const growth = growthRate(ytdText, baseText);
        expect(growth.ok).toBe(true);
        if (!growth.ok) return;
        const base = new Decimal(baseText);
        const ytd = new Decimal(ytdText);
        expectClose(base.times(growth.value.div(100).plus(1)), ytd, Decimal.max(ytd.abs(), base));
      }),
    );
  });
});
