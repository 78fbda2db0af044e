import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, expectClose, expectReason, expectValue, positiveText } from './arithmetic.test-helpers.js';
import { Decimal } from './decimal.js';
import { describeForecastMethod, linearForecast, seasonalForecast, yearEndForecast } from './forecast.js';

const OCTOBER = { kind: 'flow' as const, ytd: '28.64', covered: 10, perYear: 12 };

describe('forecast 预计年底', () => {
  it('is seasonal when last year is complete: YTD × full(Y−1) ÷ YTD(Y−1, same months)', () => {
    // 28.64 × 32 ÷ 25.6 = 35.8: last year's 1－10月 were 80％ of its year
    const { forecast, method } = yearEndForecast({ ...OCTOBER, priorYearToDate: '25.6', priorFullYear: '32' });
    expectValue(forecast, '35.8');
    expect(method).toBe('seasonal');
  });

  it('falls back to linear without last year: YTD × 12 ÷ m', () => {
    // 28.64 × 12 ÷ 10 = 34.368
    const { forecast, method } = yearEndForecast(OCTOBER);
    expectValue(forecast, '34.368');
    expect(method).toBe('linear');
  });

  it('falls back to linear when last year is incomplete (no full-year total)', () => {
    const { forecast, method } = yearEndForecast({ ...OCTOBER, priorYearToDate: '25.6' });
    expectValue(forecast, '34.368');
    expect(method).toBe('linear');
  });

  it('falls back to linear when last year’s same-period total is zero or negative', () => {
    for (const priorYearToDate of ['0', '-2']) {
      const result = yearEndForecast({ ...OCTOBER, priorYearToDate, priorFullYear: '32' });
      expect(result.method).toBe('linear');
      expectValue(result.forecast, '34.368');
    }
    expectReason(seasonalForecast('28.64', '0', '32'), { code: 'zero-base' });
    expectReason(seasonalForecast('28.64', '-2', '32'), { code: 'negative-base' });
  });

  it('is the actual total at month 12, whatever last year did', () => {
    const { forecast, method } = yearEndForecast({
      ...OCTOBER,
      ytd: '36.02',
      covered: 12,
      priorYearToDate: '32',
      priorFullYear: '32',
    });
    expectValue(forecast, '36.02');
    expect(method).toBe('actual');
  });

  it('is the actual total once quarter 4 is in, for a quarterly indicator', () => {
    expect(yearEndForecast({ kind: 'flow', ytd: '26.4', covered: 4, perYear: 4 }).method).toBe('actual');
    // 19.1 × 4 ÷ 3 = 25.466…
    expectValue(linearForecast('19.1', 3, 4), new Decimal('76.4').div(3));
  });

  it('does not forecast a level or a rate', () => {
    const result = yearEndForecast({ ...OCTOBER, kind: 'level' });
    expectReason(result.forecast, { code: 'not-applicable' });
    expect(result.method).toBeNull();
  });

  it('names its method in Chinese', () => {
    expect(describeForecastMethod('seasonal')).toBe('按上年同期进度推算');
    expect(describeForecastMethod('linear')).toBe('按平均进度推算');
    expect(describeForecastMethod('actual')).toBe('全年实际数');
  });

  it('property: linear forecast × m ÷ 12 = YTD', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 1, max: 11 }), (ytd, month) => {
        const forecast = linearForecast(ytd, month, 12);
        expect(forecast.ok).toBe(true);
        if (forecast.ok) expectClose(forecast.value.times(month).div(12), new Decimal(ytd));
      }),
    );
  });

  it('property: seasonal forecast keeps last year’s ratio of the year to its same months', () => {
    fc.assert(
      fc.property(decimalText, positiveText, decimalText, (ytd, priorSame, priorFull) => {
        const forecast = seasonalForecast(ytd, priorSame, priorFull);
        expect(forecast.ok).toBe(true);
        // forecast × YTD(Y−1) = YTD × full(Y−1)
        const expected = new Decimal(ytd).times(priorFull);
        if (forecast.ok) expectClose(forecast.value.times(priorSame), expected, Decimal.max(expected.abs(), priorSame));
      }),
    );
  });
});
