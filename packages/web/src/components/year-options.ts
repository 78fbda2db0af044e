import type { OrgContext } from '@taizhang/contract';

/**
 * The years a period or target picker offers: from the year after the later of the latest
 * data and the year shown, back six years. An organisation without data yet has no latest
 * period (the context's `period` is null): then the year shown alone decides.
 */
export function yearOptions(context: OrgContext | undefined, shown: number): { value: number; label: string }[] {
  const latest = Math.max(context?.period?.year ?? shown, shown);
  return Array.from({ length: 6 }, (_, i) => latest + 1 - i).map((year) => ({ value: year, label: `${year}年` }));
}
