import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicator as indicatorDef } from '../../arithmetic/arithmetic.test-helpers.js';
import { Decimal, roundHalfUp } from '../../arithmetic/decimal.js';
import { evaluateEarlier } from '../../arithmetic/earlier-periods.js';
import { evaluateIndicator, type PeriodEntry } from '../../arithmetic/evaluate.js';
import { type ReportIndicator, renderReport } from '../engine.js';
import { growthComparePhrase } from '../phrases.js';
import { renderTemplate as render, bodyText as text } from '../report.test-helpers.js';

/**
 * A monthly flow of 2021 whose October is 100 in each year but `octobers` (2019, 2020, 2021) and
 * whose other months are 100, so each year's growth is set by its October alone.
 */
function flow(code: string, months: { 2019: number[]; 2020: number[]; 2021: number[] }): ReportIndicator {
  const def = { ...indicatorDef({ code }), name: code, unit: '亿元' };
  const toEntries = (values: number[]): PeriodEntry[] => values.map((v, i) => ({ period: i + 1, value: String(v) }));
  const input = {
    indicator: def,
    year: 2021,
    throughMonth: 10,
    current: toEntries(months[2021]),
    prior: toEntries(months[2020]),
  };
  const rows = (year: number, values: number[]) =>
    values.map((v, i) => ({ year, period: i + 1, value: String(v), quarterly: false }));
  const olderRows = rows(2019, months[2019]);
  return {
    evaluation: evaluateIndicator(input),
    sectionName: '计划财务股',
    rows: [...rows(2021, months[2021]), ...rows(2020, months[2020])],
    earlier: { ...evaluateEarlier({ ...input, older: toEntries(months[2019]) }), olderRows },
  };
}

/** Twelve months of 10, with `changes` by month (1-based). */
const year = (changes: Record<number, number> = {}) => Array.from({ length: 12 }, (_, i) => changes[i + 1] ?? 10);

describe('growthComparePhrase', () => {
  const d = (s: string) => new Decimal(s);
  it('says 提高, 回落 or 持平 of a growth, from the rates as printed', () => {
    expect(growthComparePhrase(d('7.04'), d('6.83'), '1－11月')).toBe('增速比1－11月提高0.2个百分点');
    expect(growthComparePhrase(d('7.0'), d('9.9'), '上年', 'short')).toBe('比上年回落2.9个百分点');
    expect(growthComparePhrase(d('7.04'), d('6.96'), '1－11月')).toBe('增速与1－11月持平');
  });

  it('says 收窄 or 扩大 when both are declines', () => {
    expect(growthComparePhrase(d('-1.2'), d('-2.0'), '1－11月')).toBe('降幅比1－11月收窄0.8个百分点');
    expect(growthComparePhrase(d('-3.5'), d('-2.0'), '上年同期')).toBe('降幅比上年同期扩大1.5个百分点');
  });

  it('states the earlier rate when the sign changed, with 由增转降 when asked', () => {
    expect(growthComparePhrase(d('-1.2'), d('8.5'), '上年')).toBe('上年为增长8.5％');
    expect(growthComparePhrase(d('3.0'), d('-2.4'), '上年', 'turn')).toBe('由降转增，上年为下降2.4％');
  });

  it('agrees with a reader who subtracts the printed rates (property)', () => {
    const rate = fc.integer({ min: -5000, max: 5000 }).map((n) => new Decimal(n).div(100));
    fc.assert(
      fc.property(rate, rate, (now, before) => {
        const phrase = growthComparePhrase(now, before, '上期');
        const a = Number(roundHalfUp(now, 1));
        const b = Number(roundHalfUp(before, 1));
        const points = /(\d+\.\d)个百分点/.exec(phrase)?.[1];
        if (points !== undefined) expect(Number(points)).toBeCloseTo(Math.abs(a - b), 5);
        if (phrase.includes('持平')) expect(a === b).toBe(true);
        if (phrase.includes('为')) expect(Math.sign(a) * Math.sign(b)).toBe(-1);
        if (phrase.startsWith('降幅')) expect(a < 0 && b < 0).toBe(true);
      }),
    );
  });
});

describe('growth compared across periods', () => {
  // 2019: 10 a month. 2020: October 18, so 1－10月 108 (+8.0％), the year 128 (+6.7％).
  const y2019 = year();
  const y2020 = year({ 10: 18 });

  it('compares 1－10月 with 1－9月, the same period of last year and last year in full', () => {
    // 2021: 10.5 a month to September (+5.0％), October 21.5: 1－10月 116 (+7.4％).
    const months = { 1: 10.5, 2: 10.5, 3: 10.5, 4: 10.5, 5: 10.5, 6: 10.5, 7: 10.5, 8: 10.5, 9: 10.5, 10: 21.5 };
    const sales = flow('sales', { 2019: y2019, 2020: y2020, 2021: year(months) });
    const doc = render(
      "比上年同期{{ 'sales' | growth_phrase }}，{{ 'sales' | growth_compare_phrase: 'previous' }}，{{ 'sales' | growth_compare_phrase: 'last_year', 'short' }}，{{ 'sales' | growth_compare_phrase: 'last_year_full' }}；{{ 'sales' | growth_change: 'previous' }}；{{ 'sales' | earlier_growth: 'last_year_full' }}",
      [sales],
    );
    expect(text(doc)).toBe(
      '比上年同期增长7.4％，增速比1－9月提高2.4个百分点，比上年同期回落0.6个百分点，增速比上年提高0.7个百分点；2.4；6.7',
    );
    const change = doc.provenance.find((p) => p.measure === 'growth_change:previous');
    expect(change?.sources.some((r) => r.year === 2019)).toBe(true);
  });

  it('says a narrowing decline and a sign change', () => {
    // 2021: 9 a month to September (−10.0％), October 23: 1－10月 104 (−3.7％).
    const months = { 1: 9, 2: 9, 3: 9, 4: 9, 5: 9, 6: 9, 7: 9, 8: 9, 9: 9, 10: 23 };
    const sales = flow('sales', { 2019: y2019, 2020: y2020, 2021: year(months) });
    const doc = render(
      "{{ 'sales' | growth_phrase }}，{{ 'sales' | growth_compare_phrase: 'previous' }}，{{ 'sales' | growth_compare_phrase: 'last_year', 'turn' }}",
      [sales],
    );
    expect(text(doc)).toBe('下降3.7％，降幅比1－9月收窄6.3个百分点，由增转降，上年同期为增长8.0％');
  });

  it('owes the year before last when it is missing, and has no period before January', () => {
    const sales = flow('sales', { 2019: [], 2020: y2020, 2021: year() });
    const doc = render("{{ 'sales' | growth_compare_phrase: 'last_year' }}", [sales]);
    expect(doc.missing[0]?.text).toBe('【待填：sales 2019年1－10月（计划财务股）】');
    const january = renderReport({
      template: { text: "{{ 'sales' | growth_compare_phrase: 'previous' }}", source: 't' },
      organisation: { code: 'x', name: 'x' },
      year: 2021,
      through: 1,
      indicators: [{ ...sales, earlier: { olderRows: [] } }],
      narratives: [],
    });
    expect(january.missing[0]?.reason).toBe('没有可比的更早期间');
  });

  it('refuses an earlier period it does not know, naming the choices', () => {
    const sales = flow('sales', { 2019: y2019, 2020: y2020, 2021: year() });
    expect(() => render("{{ 'sales' | growth_compare_phrase: 'last_month' }}", [sales])).toThrow(/'previous'/);
  });
});
