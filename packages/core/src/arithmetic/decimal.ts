import DecimalModule from 'decimal.js';

// decimal.js types itself as CommonJS (the class is `module.exports.default`), but Node's `import` loads
// its ES module, whose default export is the class itself: take the class from whichever shape arrived.
type DecimalClass = typeof DecimalModule.default;
const DecimalJs: DecimalClass =
  'clone' in DecimalModule ? (DecimalModule as unknown as DecimalClass) : DecimalModule.default;

/**
 * The one Decimal constructor of the project: 40 significant digits, and half-up rounding
 * away from zero (四舍五入) as statistics offices round. A private clone, so no other code
 * can change the settings under us.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** Parses a decimal string as entered ("12.35", "-3"); the dataset validator guarantees the shape. */
export function dec(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Rounds half-up away from zero (四舍五入) to `decimals` places: −2.45 → −2.5. */
export function roundHalfUp(value: Decimal, decimals: number): Decimal {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/** Fixed-point text after half-up rounding; never "-0.0". */
export function toFixedHalfUp(value: Decimal, decimals: number): string {
  const rounded = roundHalfUp(value, decimals);
  return (rounded.isZero() ? ZERO : rounded).toFixed(decimals);
}

/** Number of digits after the decimal point of a decimal string as written ("12.30" → 2). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A decimal as the arithmetic takes it: text as entered ("12.35") or an already parsed Decimal. */
export type DecimalLike = Decimal | string;

/**
 * Parses entered text without ever throwing: undefined when it is not a finite decimal. The loader
 * refuses such text, so this is a second line of defence: a bad value reads as "not entered" (and the
 * figure says which period is missing) instead of turning into NaN.
 */
export function parseDecimal(value: DecimalLike | undefined): Decimal | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new Decimal(value);
    return parsed.isFinite() ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses an input of a formula. Data reaches a formula only through `parseDecimal`, so a non-finite
 * input is a caller's mistake: it throws a RangeError rather than spreading NaN into a printed figure.
 */
export function finiteDecimal(value: DecimalLike): Decimal {
  const parsed = parseDecimal(value);
  if (parsed === undefined) throw new RangeError(`not a finite decimal: ${String(value)}`);
  return parsed;
}
