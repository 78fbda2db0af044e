import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText } from './arithmetic.test-helpers.js';
import { Decimal, decimalPlaces, finiteDecimal, parseDecimal, roundHalfUp, toFixedHalfUp } from './decimal.js';

describe('decimal 四舍五入', () => {
  it('rounds half away from zero as statistics offices do: −2.45 → −2.5, 2.45 → 2.5', () => {
    expect(toFixedHalfUp(new Decimal('-2.45'), 1)).toBe('-2.5');
    expect(toFixedHalfUp(new Decimal('2.45'), 1)).toBe('2.5');
    expect(toFixedHalfUp(new Decimal('2.449'), 1)).toBe('2.4');
    // 28.64 ÷ 35 × 100 = 81.828…, printed with one decimal
    expect(toFixedHalfUp(new Decimal('28.64').div(35).times(100), 1)).toBe('81.8');
  });

  it('never prints "-0.0" for a tiny negative', () => {
    expect(toFixedHalfUp(new Decimal('-0.04'), 1)).toBe('0.0');
    expect(toFixedHalfUp(new Decimal('-0'), 2)).toBe('0.00');
  });

  it('computes at 40 significant digits: 1 ÷ 3 has forty 3s', () => {
    expect(new Decimal(1).div(3).toString()).toBe(`0.${'3'.repeat(40)}`);
  });

  it('counts the decimals of entered text', () => {
    expect(decimalPlaces('12.30')).toBe(2);
    expect(decimalPlaces('12')).toBe(0);
  });

  it('parses entered text that is not a finite decimal as not entered, never NaN', () => {
    for (const text of ['', 'abc', 'NaN', 'Infinity', '-Infinity', ' 1', '1,000']) {
      expect(parseDecimal(text)).toBeUndefined();
    }
    expect(parseDecimal(undefined)).toBeUndefined();
    expect(parseDecimal('-3.50')?.toString()).toBe('-3.5');
  });

  it('refuses a non-finite formula input loudly instead of spreading NaN', () => {
    expect(() => finiteDecimal(new Decimal(Number.NaN))).toThrow(RangeError);
    expect(() => finiteDecimal('x')).toThrow(RangeError);
    expect(finiteDecimal('7').toString()).toBe('7');
  });

  it('property: roundHalfUp moves a value by at most half a unit in the last place', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 3 }), (text, places) => {
        const value = new Decimal(text);
        const halfUnit = new Decimal(10).pow(-places).div(2);
        expect(roundHalfUp(value, places).minus(value).abs().lessThanOrEqualTo(halfUnit)).toBe(true);
        expect(roundHalfUp(value, places).decimalPlaces()).toBeLessThanOrEqual(places);
      }),
    );
  });

  it('property: a tie goes away from zero, for either sign', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(1, -1),
        (units, places, sign) => {
          const unit = new Decimal(10).pow(-places);
          // (units + ½) units in the last place: exactly halfway between two printable values.
          const tie = new Decimal(units.toString()).plus('0.5').times(unit).times(sign);
          const awayFromZero = new Decimal(units.toString()).plus(1).times(unit).times(sign);
          expect(roundHalfUp(tie, places).equals(awayFromZero)).toBe(true);
        },
      ),
    );
  });
});
