import { type Decimal, toFixedHalfUp } from '../arithmetic/decimal.js';

/** Shares, growth rates and percentage points are printed to one decimal, as the statistics bureau writes them. */
export const PERCENT_DECIMALS = 1;

/**
 * A number as the seed prints it: rounded half-up (四舍五入) to `decimals`, with the
 * full-width minus (－) of Chinese official text.
 */
export function formatNumber(value: Decimal, decimals: number): string {
  return toFixedHalfUp(value, decimals).replace('-', '－');
}

/** A percentage or percentage-point figure: one decimal. */
export function formatPercent(value: Decimal): string {
  return formatNumber(value, PERCENT_DECIMALS);
}

/** A figure entered by a person (a growth target of 8 or 10.5): printed as entered, without trailing zeros. */
export function formatEntered(value: Decimal): string {
  return value.toFixed().replace('-', '－');
}
