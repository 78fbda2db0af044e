import type { Period } from '@taizhang/contract';
import { periodLabel, type ReportPeriod } from '@taizhang/core';

export function periodView(period: ReportPeriod): Period {
  return { year: period.year, through: period.through, label: periodLabel(period) };
}
