import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { type Figure, figure, type NoFigure, noFigure } from './figure.js';
import {
  colourOfGap,
  completionLagStatus,
  describeStatus,
  growthGapStatus,
  levelStatus,
  progressStatus,
  type StatusInput,
} from './status.js';

const f = (value: string): Figure => figure(new Decimal(value));
const NO_TARGET = noFigure({ code: 'no-target' });
const NA = noFigure({ code: 'not-applicable' });

/** A flow at the end of June (linear time progress 50) against an amount target. */
function flowInput(overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    kind: 'flow',
    redThreshold: '10',
    yearOver: false,
    ytd: f('18'),
    targetAmount: f('35'),
    completionShare: f('52'),
    timeProgress: f('50'),
    growth: f('5'),
    targetGrowth: NO_TARGET,
    ...overrides,
  };
}

describe('status 三色预警', () => {
  describe('a flow against its annual amount (完成率 vs 时序进度)', () => {
    it('is green on or ahead of time progress: 时间过半、任务过半', () => {
      // 52 − 50 = +2 points
      expect(progressStatus(flowInput())).toEqual({ status: 'green' });
      // 50 − 50 = 0: on time progress counts as on track
      expect(progressStatus(flowInput({ completionShare: f('50') })).status).toBe('green');
    });

    it('is yellow behind time progress within the threshold', () => {
      // 45 − 50 = −5 points
      expect(progressStatus(flowInput({ completionShare: f('45') })).status).toBe('yellow');
      // 40 − 50 = −10: exactly at the threshold is still yellow; red is "more than" 10 behind
      expect(progressStatus(flowInput({ completionShare: f('40') })).status).toBe('yellow');
    });

    it('is red more than the threshold behind', () => {
      // 39.9 − 50 = −10.1 points
      expect(progressStatus(flowInput({ completionShare: f('39.9') })).status).toBe('red');
      // with the indicator's own threshold of 5 points, 44 − 50 = −6 is red
      expect(progressStatus(flowInput({ completionShare: f('44'), redThreshold: '5' })).status).toBe('red');
    });

    it('year over and below 100 → red, however close', () => {
      // December: 99.5 − 100 = −0.5 would be yellow mid-year, but the deadline has passed
      const december = { yearOver: true, timeProgress: f('100') };
      expect(progressStatus(flowInput({ ...december, completionShare: f('99.5') })).status).toBe('red');
      expect(progressStatus(flowInput({ ...december, completionShare: f('100') })).status).toBe('green');
    });

    it('year over below 100 is red even when a plan curve ends below 100', () => {
      // plan curve at December 95, share 97: 2 points ahead of plan, but the target is missed
      expect(completionLagStatus('97', '95', '10', true)).toBe('red');
      expect(completionLagStatus('97', '95', '10', false)).toBe('green');
    });

    it('uses an implied target amount from a growth-only target the same way', () => {
      const implied = flowInput({ targetAmount: f('35.2'), targetGrowth: f('10'), completionShare: f('30') });
      // 30 − 50 = −20: red by the lag, although growth 5 against 10 alone would be yellow
      expect(progressStatus(implied).status).toBe('red');
    });

    it('is none with the reason when time progress has no plan curve', () => {
      const outcome = progressStatus(flowInput({ timeProgress: noFigure({ code: 'no-plan-curve' }) }));
      expect(outcome).toEqual({ status: 'none', reason: { code: 'no-plan-curve' } });
    });

    it('is none for a zero target amount, saying why', () => {
      const outcome = progressStatus(
        flowInput({ targetAmount: f('0'), completionShare: noFigure({ code: 'zero-target' }) }),
      );
      expect(outcome).toEqual({ status: 'none', reason: { code: 'zero-target' } });
    });

    it('falls back to the growth gap when last year is too incomplete to imply the amount', () => {
      const lastYearMissing = noFigure({ code: 'missing-periods', year: 2020, periods: [12], quarterly: false });
      const input = flowInput({
        targetAmount: lastYearMissing,
        completionShare: lastYearMissing,
        targetGrowth: f('10'),
        growth: f('12'),
      });
      expect(progressStatus(input).status).toBe('green');
    });
  });

  describe('against a growth target (目标增速)', () => {
    const growthOnly = (growth: Figure) =>
      flowInput({
        kind: 'level',
        targetAmount: NO_TARGET,
        completionShare: NA,
        timeProgress: NA,
        growth,
        targetGrowth: f('10'),
      });

    it('growth-only: green at or above the target growth', () => {
      // 12 − 10 = +2 points; 10 − 10 = 0
      expect(progressStatus(growthOnly(f('12'))).status).toBe('green');
      expect(progressStatus(growthOnly(f('10'))).status).toBe('green');
    });

    it('growth-only: yellow within the threshold below', () => {
      // 8 − 10 = −2 points
      expect(progressStatus(growthOnly(f('8'))).status).toBe('yellow');
    });

    it('growth-only: red more than the threshold below', () => {
      // −1 − 10 = −11 points
      expect(progressStatus(growthOnly(f('-1'))).status).toBe('red');
      expect(growthGapStatus('-0.01', '10', '10')).toBe('red');
    });

    it('growth-only: none when growth has no figure (a zero base), with the reason', () => {
      expect(progressStatus(growthOnly(noFigure({ code: 'zero-base' })))).toEqual({
        status: 'none',
        reason: { code: 'zero-base' },
      });
    });

    it('judges a level with both an amount and a growth target by its growth', () => {
      const both = flowInput({
        kind: 'level',
        ytd: f('7000'),
        targetAmount: f('8000'),
        targetGrowth: f('3'),
        growth: f('4'),
      });
      // growth 4 − 3 = +1 → green, although 7 000 is below the 8 000 amount
      expect(progressStatus(both).status).toBe('green');
    });
  });

  describe('a level or rate against an amount', () => {
    const rate = (value: string) =>
      flowInput({ kind: 'rate', ytd: f(value), targetAmount: f('95'), completionShare: NA, timeProgress: NA });
    const level = (value: string) =>
      flowInput({ kind: 'level', ytd: f(value), targetAmount: f('8000'), completionShare: NA, timeProgress: NA });

    it('a rate (清扫保洁率 ≥ 95％): green when reached, points below decide yellow or red', () => {
      expect(progressStatus(rate('96')).status).toBe('green');
      expect(progressStatus(rate('95')).status).toBe('green');
      // 95 − 90 = 5 points below
      expect(progressStatus(rate('90')).status).toBe('yellow');
      // 95 − 84 = 11 points below
      expect(progressStatus(rate('84')).status).toBe('red');
    });

    it('a level: the shortfall is in ％ of the target', () => {
      // (8000 − 7500) ÷ 8000 × 100 = 6.25％ below → yellow
      expect(progressStatus(level('7500')).status).toBe('yellow');
      // (8000 − 7000) ÷ 8000 × 100 = 12.5％ below → red
      expect(progressStatus(level('7000')).status).toBe('red');
      expect(progressStatus(level('8000')).status).toBe('green');
    });

    it('a level under a zero target is red when below it, green at or above it', () => {
      expect(levelStatus('level', '-1', '0', '10')).toBe('red');
      expect(levelStatus('level', '0', '0', '10')).toBe('green');
    });

    it('a level under a negative target measures the shortfall against its size', () => {
      // (−100 − (−105)) ÷ |−100| × 100 = 5％ below → yellow; −120 is 20％ below → red
      expect(levelStatus('level', '-105', '-100', '10')).toBe('yellow');
      expect(levelStatus('level', '-120', '-100', '10')).toBe('red');
    });

    it('is none when the level’s value is missing, with the reason', () => {
      const reason: NoFigure = { code: 'missing-periods', year: 2021, periods: [10], quarterly: false };
      const outcome = progressStatus(flowInput({ kind: 'rate', ytd: noFigure(reason), targetAmount: f('95') }));
      expect(outcome).toEqual({ status: 'none', reason });
    });
  });

  it('is none without any target', () => {
    expect(progressStatus(flowInput({ targetAmount: NO_TARGET }))).toEqual({
      status: 'none',
      reason: { code: 'no-target' },
    });
    expect(progressStatus(flowInput({ kind: 'rate', targetAmount: NO_TARGET }))).toEqual({
      status: 'none',
      reason: { code: 'no-target' },
    });
  });

  it('falls back to the default 10 points when the threshold is not a decimal', () => {
    expect(progressStatus(flowInput({ completionShare: f('39.9'), redThreshold: 'ten' })).status).toBe('red');
    expect(progressStatus(flowInput({ completionShare: f('40'), redThreshold: undefined })).status).toBe('yellow');
  });

  it('colours a gap: ≥ 0 green, down to −threshold yellow, beyond red', () => {
    const ten = new Decimal(10);
    expect(['0', '-0', '-10', '-10.0001'].map((gap) => colourOfGap(new Decimal(gap), ten))).toEqual([
      'green',
      'green',
      'yellow',
      'red',
    ]);
  });

  it('names the colours in Chinese', () => {
    expect((['green', 'yellow', 'red', 'none'] as const).map(describeStatus)).toEqual(['绿', '黄', '红', '无']);
  });
});
