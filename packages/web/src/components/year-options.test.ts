import type { OrgContext } from '@taizhang/contract';
import { describe, expect, it } from 'vitest';
import { yearOptions } from './year-options.js';

const context = (period: OrgContext['period']): OrgContext => ({
  org: { code: 'd', name: '某区住房和城乡建设局', shortName: null },
  sections: [],
  period,
  ledgers: [],
});

describe('the years a picker offers', () => {
  it('runs from the year after the latest data back six years', () => {
    const years = yearOptions(context({ year: 2021, through: 10, label: '2021年1－10月' }), 2020);
    expect(years.map((y) => y.value)).toEqual([2022, 2021, 2020, 2019, 2018, 2017]);
    expect(years[1]).toEqual({ value: 2021, label: '2021年' });
  });

  it('follows the year shown when it is later than the data', () => {
    const years = yearOptions(context({ year: 2021, through: 10, label: '2021年1－10月' }), 2023);
    expect(years[0]?.value).toBe(2024);
  });

  it('works for an organisation without any data yet (no latest period) and before the context loads', () => {
    expect(yearOptions(context(null), 2026).map((y) => y.value)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(yearOptions(undefined, 2026)[0]?.value).toBe(2027);
  });
});
