import fc from 'fast-check';
import { expect } from 'vitest';
import type { IndicatorDef } from '../model.js';
import { Decimal } from './decimal.js';
import type { PeriodEntry } from './entries.js';
import type { Figure, NoFigure } from './figure.js';

/** 固定资产投资-like flow indicator, monthly, 亿元 with two decimals; override what a test varies. */
export function indicator(overrides: Partial<IndicatorDef> = {}): IndicatorDef {
  return {
    code: 'FAI',
    name: '固定资产投资',
    unit: '亿元',
    section: 'JH',
    kind: 'flow',
    frequency: 'monthly',
    decimals: 2,
    timeProgress: 'linear',
    redThreshold: '10',
    yearOnYear: true,
    ...overrides,
  };
}

/** Entries from a list of values: index 0 is period 1; undefined leaves the period out. */
export function entries(values: readonly (string | undefined)[]): PeriodEntry[] {
  const list: PeriodEntry[] = [];
  values.forEach((value, index) => {
    if (value !== undefined) list.push({ period: index + 1, value });
  });
  return list;
}

/** Asserts a figure is present and equals `expected` exactly (as decimals, so "35.20" equals "35.2"). */
export function expectValue(actual: Figure, expected: string | Decimal): void {
  expect(actual.ok, actual.ok ? '' : `no figure: ${JSON.stringify(actual.reason)}`).toBe(true);
  if (actual.ok) expect(actual.value.toString()).toBe(new Decimal(expected).toString());
}

/** Asserts a figure is present and prints as `expected` at `decimals` places, half-up. */
export function expectPrinted(actual: Figure, decimals: number, expected: string): void {
  expect(actual.ok).toBe(true);
  if (actual.ok) expect(actual.value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals)).toBe(expected);
}

export function expectReason(actual: Figure, reason: NoFigure): void {
  expect(actual).toEqual({ ok: false, reason });
}

/** |a − b| ≤ scale × 10⁻³⁰: equal at 30 significant digits of the magnitude involved. */
export function expectClose(actual: Decimal, expected: Decimal, scale: Decimal = expected.abs()): void {
  const tolerance = Decimal.max(scale.abs(), 1).times('1e-30');
  expect(actual.minus(expected).abs().lessThanOrEqualTo(tolerance), `${actual} ≉ ${expected}`).toBe(true);
}

/** Decimal text as a section enters it: up to 17 digits with 0–4 of them decimals, either sign, zero included. */
export const decimalText: fc.Arbitrary<string> = fc
  .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed(scale));

/** Positive decimal text (a base, a target, a denominator that is usable). */
export const positiveText: fc.Arbitrary<string> = decimalText.filter((text) => new Decimal(text).greaterThan(0));

/** Non-negative decimal text (a month's investment). */
export const nonNegativeText: fc.Arbitrary<string> = decimalText.map((text) => new Decimal(text).abs().toString());

/** Amounts of a realistic size (−5.00 … 50.00, two decimals), so that shares and gaps cross the colour bands. */
export const smallText: fc.Arbitrary<string> = fc
  .integer({ min: -500, max: 5000 })
  .map((cents) => new Decimal(cents).div(100).toFixed(2));
