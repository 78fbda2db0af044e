import { monthsLabel } from '@taizhang/core/browser';
import { Select, Space } from 'antd';
import { useOrg } from './org.js';
import { yearOptions } from './year-options.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthsLabel(i + 1) }));

/** Year and month (1－N月) of the shared period. */
export function PeriodPicker() {
  const { period, setPeriod, context } = useOrg();
  const years = yearOptions(context, period.year);
  return (
    <Space.Compact>
      <Select
        aria-label="年份"
        data-testid="period-year"
        value={period.year}
        options={years}
        style={{ width: 100 }}
        onChange={(year: number) => setPeriod({ year, through: period.through })}
      />
      <Select
        aria-label="截至月份"
        data-testid="period-month"
        value={period.through}
        options={MONTHS}
        style={{ width: 110 }}
        onChange={(through: number) => setPeriod({ year: period.year, through })}
      />
    </Space.Compact>
  );
}
