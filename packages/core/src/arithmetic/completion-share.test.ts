import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, expectPrinted, expectReason, expectValue, positiveText } from './arithmetic.test-helpers.js';
import { completionShare } from './completion-share.js';
import { Decimal } from './decimal.js';
import { describeNoFigure } from './figure.js';

describe('completion share 完成率', () => {
  it('is YTD ÷ annual target × 100: 28.64 of 35 亿元 is 81.8％', () => {
    // 28.64 ÷ 35 × 100 = 81.828 571 428 571…
    expectValue(completionShare('28.64', '35'), new Decimal('2864').div('35'));
    expectPrinted(completionShare('28.64', '35'), 1, '81.8');
  });

  it('goes past 100 when the target is exceeded', () => {
    // 38.5 ÷ 35 × 100 = 110
    expectValue(completionShare('38.5', '35'), '110');
  });

  it('a zero target gives no share, never Infinity', () => {
    const share = completionShare('28.64', '0');
    expectReason(share, { code: 'zero-target' });
    if (!share.ok) expect(describeNoFigure(share.reason)).toBe('目标为零，不计算完成率');
  });

  it('a negative target gives no share', () => {
    const share = completionShare('28.64', '-35');
    expectReason(share, { code: 'negative-target' });
    if (!share.ok) expect(describeNoFigure(share.reason)).toBe('目标为负，不计算完成率');
  });

  it('property: completion share × target ÷ 100 = YTD', () => {
    fc.assert(
      fc.property(decimalText, positiveText, (ytdText, targetText) => {
        const share = completionShare(ytdText, targetText);
        expect(share.ok).toBe(true);
        if (!share.ok) return;
        const ytd = new Decimal(ytdText);
        const recomputed = share.value.times(targetText).div(100);
        expect(recomputed.toSignificantDigits(30).equals(ytd.toSignificantDigits(30))).toBe(true);
      }),
    );
  });

  it('property: a larger YTD never gives a smaller share', () => {
    fc.assert(
      fc.property(decimalText, decimalText, positiveText, (a, b, target) => {
        const [low, high] = new Decimal(a).lessThan(b) ? [a, b] : [b, a];
        const lowShare = completionShare(low, target);
        const highShare = completionShare(high, target);
        if (lowShare.ok && highShare.ok) expect(highShare.value.greaterThanOrEqualTo(lowShare.value)).toBe(true);
        else expect.unreachable();
      }),
    );
  });
});
