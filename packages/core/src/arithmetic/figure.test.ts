import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { combine, describeNoFigure, figure, figureValue, noFigure, valuesOf } from './figure.js';

describe('figure 数值或无数原因', () => {
  it('combines present figures and carries the first missing reason on', () => {
    const sum = combine([figure(new Decimal(2)), figure(new Decimal(3))], (a, b) => figure(a.plus(b)));
    expect(sum.ok && sum.value.toString()).toBe('5');
    const missing = combine(
      [figure(new Decimal(2)), noFigure({ code: 'zero-base' }), noFigure({ code: 'no-target' })],
      () => figure(new Decimal(0)),
    );
    expect(missing).toEqual({ ok: false, reason: { code: 'zero-base' } });
    expect(valuesOf([noFigure({ code: 'no-target' })])).toEqual({ ok: false, reason: { code: 'no-target' } });
  });

  it('gives the value of a figure, or undefined for an optional input that is missing', () => {
    expect(figureValue(figure(new Decimal(7)))?.toString()).toBe('7');
    expect(figureValue(noFigure({ code: 'no-target' }))).toBeUndefined();
  });

  it('describes every reason in Chinese', () => {
    expect(describeNoFigure({ code: 'missing-periods', year: 2021, periods: [3, 7], quarterly: false })).toBe(
      '缺2021年3月、7月数据',
    );
    expect(describeNoFigure({ code: 'missing-periods', year: 2020, periods: [4], quarterly: true })).toBe(
      '缺2020年4季度数据',
    );
    expect(describeNoFigure({ code: 'no-complete-quarter' })).toBe('尚无完整季度数据');
    expect(describeNoFigure({ code: 'no-target' })).toBe('未设目标');
  });
});
