import { describe, expect, it } from 'vitest';
import {
  decimalProblem,
  displayValue,
  dueDate,
  formatAheadOfTime,
  formatAmount,
  formatDateTime,
  formatGrowth,
  formatNumber,
  formatPercent,
  groupThousands,
  reportingPeriod,
} from './format.js';

describe('numbers as strings', () => {
  it('groups thousands in the whole part only', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('不是数字')).toBe('不是数字');
  });

  it('rounds half away from zero without floats, as the report does', () => {
    expect(formatNumber('2.345', 2)).toBe('2.35');
    expect(formatNumber('1.005', 2)).toBe('1.01'); // 1.005 as a float rounds to 1.00
    expect(formatNumber('9.995', 2)).toBe('10.00');
    expect(formatNumber('-2.345', 2)).toBe('-2.35');
    expect(formatNumber('-0.004', 2)).toBe('0.00');
    expect(formatNumber('12', 1)).toBe('12.0');
    expect(formatNumber('0.5', 0)).toBe('1');
    expect(formatNumber('不是数字', 2)).toBe('不是数字');
  });

  it('formats numbers, amounts, 万元 and per cent', () => {
    expect(formatNumber('1234567.5', 2)).toBe('1,234,567.50');
    expect(formatNumber(null)).toBe('—');
    expect(formatAmount('123456.789', '万元')).toBe('123,456.79 万元');
    expect(formatAmount('85.26', '％')).toBe('85.3％');
    expect(formatAmount('12', '个')).toBe('12 个');
    expect(formatPercent('85.25')).toBe('85.3％');
  });

  it('phrases growth by its sign, never 增长－N％', () => {
    expect(formatGrowth('5.26')).toBe('增长5.3％');
    expect(formatGrowth('-2.14')).toBe('下降2.1％');
    expect(formatGrowth('0.04')).toBe('持平');
    expect(formatGrowth('-0.04')).toBe('持平');
    expect(formatGrowth(null)).toBe('—');
  });

  it('states completion against time progress from the points the server sends', () => {
    expect(formatAheadOfTime('-2.8')).toBe('慢于时序进度2.8个百分点');
    expect(formatAheadOfTime('6.7')).toBe('快于时序进度6.7个百分点');
    expect(formatAheadOfTime('0.0')).toBe('与时序进度持平');
    expect(formatAheadOfTime(null)).toBe('—');
  });

  it('checks typed values against the indicator decimals', () => {
    expect(decimalProblem('12.35', 2)).toBeNull();
    expect(decimalProblem(' 12 ', 0)).toBeNull();
    expect(decimalProblem('12.345', 2)).toBe('该指标最多保留 2 位小数');
    expect(decimalProblem('12.5', 0)).toBe('该指标只能填写整数');
    expect(decimalProblem('1,234')).toContain('请填写数字');
    expect(decimalProblem('1e3')).toContain('请填写数字');
    expect(decimalProblem('')).toBe('请填写数值');
  });
});

describe('periods and dates', () => {
  it('finds the period a value is entered for', () => {
    expect(reportingPeriod(10, true)).toBe(3);
    expect(reportingPeriod(12, true)).toBe(4);
    expect(reportingPeriod(2, true)).toBe(1);
    expect(reportingPeriod(10, false)).toBe(10);
  });

  it('puts the due date on the 5th of the following month', () => {
    expect(dueDate(2021, 10)).toBe('2021-11-05');
    expect(dueDate(2021, 12)).toBe('2022-01-05');
    expect(dueDate(2021, 3, true)).toBe('2021-10-05');
    expect(dueDate(2021, 4, true)).toBe('2022-01-05');
  });

  it('shows instants in Beijing time', () => {
    expect(formatDateTime('2021-03-02T01:12:00Z')).toBe('2021-03-02 09:12');
    expect(formatDateTime('2021-12-31T16:30:00.000Z')).toBe('2022-01-01 00:30');
    expect(formatDateTime('2021-03-02T09:12:00+08:00')).toBe('2021-03-02 09:12');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows ledger values as short text', () => {
    expect(displayValue(true)).toBe('是');
    expect(displayValue(['可研', '环评'])).toBe('可研、环评');
    expect(displayValue(null)).toBe('—');
    expect(displayValue({ merchants: 36 })).toBe('{"merchants":36}');
  });
});
