import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aheadOfTime } from './ahead-of-time.js';
import { decimalText, expectValue } from './arithmetic.test-helpers.js';

describe('ahead of time 超时序进度', () => {
  it('is completion share − time progress in points', () => {
    // 1－10月: 81.8 − 83.3 = −1.5 points behind time progress
    expectValue(aheadOfTime('81.8', '83.3'), '-1.5');
    // 时间过半、任务过半: 56 − 50 = 6 points ahead
    expectValue(aheadOfTime('56', '50'), '6');
  });

  it('property: time progress + points ahead = completion share, exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (share, progress) => {
        const ahead = aheadOfTime(share, progress);
        expect(ahead.ok && ahead.value.plus(progress).equals(share)).toBe(true);
      }),
    );
  });
});
