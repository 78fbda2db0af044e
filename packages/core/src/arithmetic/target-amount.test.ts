import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, expectClose, expectReason, expectValue, positiveText } from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { figure, noFigure } from './figure.js';
import { impliedTargetAmount, isImpliedTarget, targetAmount, targetGrowth } from './target-amount.js';

const PRIOR_FULL_YEAR = figure(new Decimal('32'));
const PRIOR_INCOMPLETE = noFigure({ code: 'missing-periods', year: 2020, periods: [11, 12], quarterly: false });

describe('target amount 全年目标', () => {
  it('is the amount set: 全年目标任务 35 亿元', () => {
    const { amount, implied } = targetAmount('flow', { indicator: 'FAI', year: 2021, amount: '35' }, PRIOR_FULL_YEAR);
    expectValue(amount, '35');
    expect(implied).toBe(false);
  });

  it('is implied from a growth-only target of a flow: last year’s total × (1 + g ÷ 100)', () => {
    // 32 × (1 + 10 ÷ 100) = 35.2
    const { amount, implied } = targetAmount('flow', { indicator: 'SALES', year: 2021, growth: '10' }, PRIOR_FULL_YEAR);
    expectValue(amount, '35.2');
    expect(implied).toBe(true);
  });

  it('implies a smaller amount from a negative growth target', () => {
    // 32 × (1 − 5 ÷ 100) = 30.4
    expectValue(impliedTargetAmount('32', '-5'), '30.4');
  });

  it('prefers the amount when a target sets both amount and growth', () => {
    const result = targetAmount('flow', { indicator: 'FAI', year: 2021, amount: '35', growth: '10' }, PRIOR_FULL_YEAR);
    expectValue(result.amount, '35');
    expect(result.implied).toBe(false);
  });

  it('with a growth-only target and last year incomplete, says which months of last year are missing', () => {
    const { amount, implied } = targetAmount(
      'flow',
      { indicator: 'SALES', year: 2021, growth: '10' },
      PRIOR_INCOMPLETE,
    );
    expectReason(amount, { code: 'missing-periods', year: 2020, periods: [11, 12], quarterly: false });
    expect(implied).toBe(true);
  });

  it('has no amount for a level with only a growth target (an average price has no year total)', () => {
    const target = { indicator: 'PRICE', year: 2021, growth: '3' };
    expectReason(targetAmount('level', target, PRIOR_FULL_YEAR).amount, { code: 'no-target' });
    expect(isImpliedTarget('level', target)).toBe(false);
  });

  it('without a target is no-target, for the amount and the growth', () => {
    expectReason(targetAmount('flow', undefined, PRIOR_FULL_YEAR).amount, { code: 'no-target' });
    expectReason(targetGrowth(undefined), { code: 'no-target' });
    expectReason(targetGrowth({ indicator: 'FAI', year: 2021, amount: '35' }), { code: 'no-target' });
  });

  it('keeps a zero or negative amount as set; the completion share refuses it', () => {
    expectValue(targetAmount('flow', { indicator: 'FAI', year: 2021, amount: '0' }, PRIOR_FULL_YEAR).amount, '0');
    expectValue(targetAmount('flow', { indicator: 'FAI', year: 2021, amount: '-3' }, PRIOR_FULL_YEAR).amount, '-3');
  });

  it('reads the target growth rate in ％', () => {
    expectValue(targetGrowth({ indicator: 'SALES', year: 2021, growth: '8.5' }), '8.5');
  });

  it('property: implied amount ÷ last year’s total = 1 + g ÷ 100', () => {
    fc.assert(
      fc.property(positiveText, decimalText, (fullText, growthText) => {
        const implied = impliedTargetAmount(fullText, growthText);
        expect(implied.ok).toBe(true);
        if (implied.ok) expectClose(implied.value.div(fullText), new Decimal(growthText).div(100).plus(1));
      }),
    );
  });
});
