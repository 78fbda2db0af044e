import { periodLabel, type ReportPeriod } from '@taizhang/core';

/** A period as shown: 2021年1－10月 (2021年1月 for January alone). */
export interface PeriodView extends ReportPeriod {
  label: string;
}

export function periodView(period: ReportPeriod): PeriodView {
  return { year: period.year, through: period.through, label: periodLabel(period) };
}
