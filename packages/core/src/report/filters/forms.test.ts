import { describe, expect, it } from 'vitest';
import { Decimal } from '../../arithmetic/decimal.js';
import { TemplateError } from '../engine.js';
import { level, renderTemplate as render, bodyText as text } from '../report.test-helpers.js';
import { approximate } from './forms.js';

describe('approximate quantities', () => {
  const d = (n: number) => new Decimal(n);
  it('round down for 余 and 超, up for 近, at the second significant digit unless a step is named', () => {
    expect(approximate(d(2937), '余')).toBe('2900余');
    expect(approximate(d(2937), '超')).toBe('超2900');
    expect(approximate(d(2937), '近')).toBe('近3000');
    expect(approximate(d(18234), '余')).toBe('18000余');
    expect(approximate(d(864), '余', d(10))).toBe('860余');
    expect(approximate(d(47), '余')).toBe('47');
  });

  it('print a value on the step as it is: 2900余 would be false for 2900', () => {
    expect(approximate(d(2900), '余')).toBe('2900');
    expect(approximate(d(3000), '近')).toBe('3000');
  });

  it('are written by approx on a figure, traced to the exact one', () => {
    const doc = render("新增车位{{ 'spaces' | ytd | approx }}个，近{{ 'spaces' | ytd | approx: '近' }}", [
      level('spaces', '2937', { unit: '个', decimals: 0 }),
    ]);
    expect(text(doc)).toBe('新增车位2900余个，近近3000');
    const approx = doc.provenance.find((p) => p.measure === 'ytd|approx:余');
    expect(approx).toMatchObject({ exact: '2937', text: '2900余' });
    expect(approx?.inputs?.map((ref) => doc.provenance[ref]?.text)).toEqual(['2937']);
  });
});

describe('units', () => {
  it('print an amount kept in 万元 in 亿元, exactly and traced', () => {
    const doc = render("{{ 'payroll' | ytd | in_unit: '亿元', 2 }}亿元，{{ 'payroll' | ytd | in_unit: '元' }}元", [
      level('payroll', '141443.50', { unit: '万元', decimals: 2 }),
    ]);
    expect(text(doc)).toBe('14.14亿元，1414435000.00元');
    expect(doc.provenance.find((p) => p.measure === 'ytd|in_unit:亿元:2')).toMatchObject({ exact: '14.14435' });
  });

  it('refuse units that are not the same kind of quantity', () => {
    expect(() =>
      render("{{ 'area' | ytd | in_unit: '亿元' }}", [level('area', '3.5', { unit: '万平方米', decimals: 2 })]),
    ).toThrow(/不能把数字area累计（万平方米）换算为 亿元/);
  });
});

describe('number style', () => {
  const falling = () => level('sales', '95.00', { unit: '万平方米', decimals: 2, prior: '100.00' });

  it("is the seed's by default: ％ and － and 1－10月", () => {
    expect(text(render("{{ period }}{{ 'sales' | growth_phrase }}，{{ 'sales' | growth }}", [falling()]))).toBe(
      '1－10月下降5.0％，－5.0',
    );
  });

  it('writes %, a half-width minus, a thousands separator and another dash when the template declares them', () => {
    const big = level('big', '141443', { unit: '万元', decimals: 0 });
    const doc = render(
      "{% number_style percent: '%', minus: '-', thousands: ',', dash: '—' %}{{ period }}{{ 'sales' | growth_phrase }}，{{ 'sales' | growth }}，{{ 'big' | ytd }}，{{ 'sales' | period_label }}",
      [falling(), big],
    );
    expect(text(doc)).toBe('1—10月下降5.0%，-5.0，141,443，1—10月');
  });

  it('is declared once, in the template, with known options', () => {
    expect(() => render("{% number_style percent: '‰' %}", [])).toThrow(/percent 应为 '％'、'%' 之一/);
    expect(() => render("{% number_style colour: 'red' %}", [])).toThrow(/没有选项 colour/);
    expect(() => render("{% number_style percent: '%' %}{% number_style dash: '—' %}", [])).toThrow(TemplateError);
  });
});
