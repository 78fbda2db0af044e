import { Decimal } from './decimal.js';

/** Units of one kind, by how many of the smallest each is: a value converts within its kind only. */
const UNIT_SCALES: readonly Readonly<Record<string, number>>[] = [
  { 元: 1, 万元: 10_000, 亿元: 100_000_000 },
  { 平方米: 1, 万平方米: 10_000 },
  { 人: 1, 万人: 10_000 },
  { 户: 1, 万户: 10_000 },
];

/**
 * What a value in `from` is multiplied by to be written in `to` (万元 → 亿元: 0.0001), or
 * undefined when the two are not units of one kind. The same unit converts by 1.
 */
export function unitFactor(from: string, to: string): Decimal | undefined {
  if (from === to) return new Decimal(1);
  const scale = UNIT_SCALES.find((units) => Object.hasOwn(units, from) && Object.hasOwn(units, to));
  return scale === undefined ? undefined : new Decimal(scale[from] as number).div(scale[to] as number);
}
