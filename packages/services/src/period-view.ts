import type { PeriodSelection } from './indicator-figures.js';

/** A period as shown: 2021年1－10月 (2021年1月 for January alone). */
export interface PeriodView extends PeriodSelection {
  label: string;
}

export function periodView(period: PeriodSelection): PeriodView {
  const months = period.through === 1 ? '1月' : `1－${period.through}月`;
  return { ...period, label: `${period.year}年${months}` };
}
