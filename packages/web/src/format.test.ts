import { describe, expect, it } from 'vitest';
import {
  decimalProblem,
  displayValue,
  dueDate,
  formatAgainstTimeProgress,
  formatAmount,
  formatDateTime,
  formatGrowth,
  formatNumber,
  formatPercent,
  formatWan,
  groupThousands,
  pointsAhead,
  reportingPeriod,
  reportingPeriodName,
  roundDecimal,
  shiftDecimal,
} from './format.js';

describe('numbers as strings', () => {
  it('groups thousands in the whole part only', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('不是数字')).toBe('不是数字');
  });

  it('rounds half away from zero without floats', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('1.005', 2)).toBe('1.01'); // 1.005 as a float rounds to 1.00
    expect(roundDecimal('9.995', 2)).toBe('10.00');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(roundDecimal('12', 1)).toBe('12.0');
    expect(roundDecimal('0.5', 0)).toBe('1');
  });

  it('formats numbers, amounts, 万元 and per cent', () => {
    expect(formatNumber('1234567.5', 2)).toBe('1,234,567.50');
    expect(formatNumber(null)).toBe('—');
    expect(formatAmount('123456.789', '万元')).toBe('123,456.79 万元');
    expect(formatAmount('85.26', '％')).toBe('85.3％');
    expect(formatAmount('12', '个')).toBe('12 个');
    expect(shiftDecimal('12345678', 4)).toBe('1234.5678');
    expect(shiftDecimal('5', 4)).toBe('0.0005');
    expect(formatWan('12345678')).toBe('1,234.57 万元');
    expect(formatPercent('85.25')).toBe('85.3％');
  });

  it('phrases growth by its sign, never 增长－N％', () => {
    expect(formatGrowth('5.26')).toBe('增长 5.3％');
    expect(formatGrowth('-2.14')).toBe('下降 2.1％');
    expect(formatGrowth('0.04')).toBe('持平');
    expect(formatGrowth('-0.04')).toBe('持平');
    expect(formatGrowth(null)).toBe('—');
  });

  it('measures completion against time progress exactly', () => {
    expect(pointsAhead('80.5', '83.3')).toBe('-2.8');
    expect(formatAgainstTimeProgress('80.5', '83.3')).toBe('低于时序进度 2.8 个百分点');
    expect(formatAgainstTimeProgress('90', '83.33')).toBe('超过时序进度 6.7 个百分点');
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
  it('names reporting periods as the report does', () => {
    expect(reportingPeriodName(3, true)).toBe('三季度');
    expect(reportingPeriodName(10, false)).toBe('10月');
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
