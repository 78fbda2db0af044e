import { describe, expect, it } from 'vitest';
import { dec } from '../arithmetic/decimal.js';
import { quarterName } from '../period/report-period.js';
import { formatNumber } from './format.js';
import { completePhrase, forecastPhrase, growthPhrase, pointsPhrase, timeProgressPhrase } from './phrases.js';

describe('growthPhrase', () => {
  it('lets the sign choose the verb, never "增长－N％"', () => {
    expect(growthPhrase(dec('6.6889'))).toBe('增长6.7％');
    expect(growthPhrase(dec('-3.25'))).toBe('下降3.3％');
    expect(growthPhrase(dec('4.6028'), '上涨', '下跌')).toBe('上涨4.6％');
    expect(growthPhrase(dec('-1'), '上涨', '下跌')).toBe('下跌1.0％');
  });

  it('says 持平 when the rounded change is zero, so no "增长0.0％"', () => {
    expect(growthPhrase(dec('0.04'))).toBe('持平');
    expect(growthPhrase(dec('-0.049'))).toBe('持平');
    expect(growthPhrase(dec('0.05'))).toBe('增长0.1％');
  });
});

describe('pointsPhrase', () => {
  it('says 超额完成 only for growth above its target', () => {
    // 12.8189 − 8 = 4.8189 points
    expect(pointsPhrase(dec('4.8189'))).toBe('超额完成4.8个百分点');
    expect(pointsPhrase(dec('2.1087'), '超额完成全年目标任务', '低于全年目标任务')).toBe(
      '超额完成全年目标任务2.1个百分点',
    );
  });

  it('states a shortfall as 低于目标, never 超额', () => {
    expect(pointsPhrase(dec('-1.24'))).toBe('低于目标1.2个百分点');
    expect(pointsPhrase(dec('-1.25'), '超额完成全年目标任务', '低于全年目标任务')).toBe('低于全年目标任务1.3个百分点');
  });

  it('says 与目标持平 when the points round to zero', () => {
    expect(pointsPhrase(dec('0.04'))).toBe('与目标持平');
  });
});

describe('timeProgressPhrase', () => {
  it('states completion against time progress by the sign of the rounded points', () => {
    expect(timeProgressPhrase(dec('-2.83'))).toBe('慢于时序进度2.8个百分点');
    expect(timeProgressPhrase(dec('6.67'))).toBe('快于时序进度6.7个百分点');
    expect(timeProgressPhrase(dec('-0.04'))).toBe('与时序进度持平');
    expect(timeProgressPhrase(dec('-27.74'), true)).toBe('滞后时序进度27.7个百分点');
  });
});

describe('forecastPhrase', () => {
  const base = { unit: '亿元', decimals: 2, withAmount: false };

  it('says 预计年底能够完成全年目标任务 only when the forecast reaches the target', () => {
    expect(forecastPhrase({ ...base, forecast: dec('38.6229'), gap: dec('2.6229') })).toBe(
      '预计年底能够完成全年目标任务',
    );
    expect(forecastPhrase({ ...base, forecast: dec('36'), gap: dec('0') })).toBe('预计年底能够完成全年目标任务');
    expect(forecastPhrase({ ...base, forecast: dec('31.6646'), gap: dec('1.8656'), withAmount: true })).toBe(
      '预计年底能够完成全年目标任务31.66亿元',
    );
  });

  it('states the expected shortfall otherwise', () => {
    // target 36.00, forecast 34.196 → short by 1.804
    expect(forecastPhrase({ ...base, forecast: dec('34.196'), gap: dec('-1.804') })).toBe(
      '预计年底完成34.20亿元，较全年目标少1.80亿元',
    );
  });
});

describe('completePhrase', () => {
  const base = { unit: '个', decimals: 0, whenComplete: '已全部开工建设', prefix: '已开工' };

  it('says 已全部 only when the count is complete', () => {
    expect(completePhrase({ ...base, done: dec(12), of: dec(12) })).toBe('已全部开工建设');
  });

  it('states what remains otherwise, by the verb of what was done: work not started is 未开工, not 未完成', () => {
    expect(completePhrase({ ...base, done: dec(10), of: dec(12) })).toBe('已开工10个，尚有2个未开工');
    expect(completePhrase({ ...base, prefix: '已验收', done: dec(3), of: dec(5) })).toBe('已验收3个，尚有2个未验收');
    expect(completePhrase({ ...base, prefix: '完成', done: dec(3), of: dec(5) })).toBe('完成3个，尚有2个未完成');
  });

  it('says the remainder in the words the template gives', () => {
    expect(completePhrase({ ...base, prefix: '已受理', remainder: '未办结', done: dec(7), of: dec(9) })).toBe(
      '已受理7个，尚有2个未办结',
    );
  });
});

describe('formats', () => {
  it('rounds half-up and writes the full-width minus', () => {
    expect(formatNumber(dec('-2.345'), 2)).toBe('－2.35');
    expect(formatNumber(dec('-0.004'), 2)).toBe('0.00');
    expect(formatNumber(dec('29.02'), 2)).toBe('29.02');
  });

  it('names quarters', () => {
    expect(quarterName(3)).toBe('三季度');
  });
});
