import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../engine.js';
import { level, renderTemplate as render, bodyText as text } from '../report.test-helpers.js';

const ASSIGN = "{% assign a = 'a' | ytd %}{% assign b = 'b' | ytd %}";

describe('arithmetic on figures', () => {
  it('adds exactly, prints to the places of its inputs and traces the sum to them', () => {
    const doc = render(`${ASSIGN}{{ a | plus: b }}`, [level('a', '0.10'), level('b', '0.20')]);
    expect(text(doc)).toBe('0.30');
    const sum = doc.provenance.find((p) => p.measure === 'plus');
    expect(sum).toMatchObject({ exact: '0.3', text: '0.30', measureLabel: '合计' });
    const inputs = (sum?.inputs ?? []).map((ref) => doc.provenance[ref]?.measure);
    expect(inputs).toEqual(['ytd', 'ytd']);
    expect(sum?.sources).toHaveLength(2);
  });

  it('compares exactly: a negative growth takes the negative branch, a large figure the large one', () => {
    const falling = level('a', '98.80', { prior: '100.00' });
    const large = level('b', '141443', { unit: '万元' });
    const doc = render(
      "{% assign g = 'a' | growth %}{% if g < 0 %}下降{% else %}增长{% endif %}；{% assign t = 'b' | ytd %}{% if t > 100000 %}大{% else %}小{% endif %}",
      [falling, large],
    );
    expect(text(doc)).toBe('下降；大');
  });

  it('subtracts, scales, rounds and bounds exactly, each result a figure traced to its input', () => {
    const doc = render(
      `${ASSIGN}{{ a | minus: b }}|{{ a | times: 3 }}|{{ a | minus: b | abs }}|{{ a | round: 1 }}|{{ a | ceil }}|{{ a | floor }}|{{ a | at_least: b }}|{{ a | at_most: b }}`,
      [level('a', '1.25'), level('b', '2.50')],
    );
    expect(text(doc)).toBe('－1.25|3.75|1.25|1.3|2|1|2.50|1.25');
    const rounded = doc.provenance.find((p) => p.measure === 'round');
    expect(rounded).toMatchObject({ exact: '1.3', text: '1.3' });
    expect(rounded?.inputs?.map((ref) => doc.provenance[ref]?.exact)).toEqual(['1.25']);
  });

  it('leaves the math of plain numbers to Liquid', () => {
    expect(text(render('{{ 7 | minus: 2 | times: 3 | at_most: 10 | at_least: 12 }}', []))).toBe('12');
  });

  it('sums a list of parts named by their codes', () => {
    const doc = render("{{ 'a,b,c' | split: ',' | sum }}", [
      level('a', '1.25'),
      level('b', '2.50'),
      level('c', '3.00'),
    ]);
    expect(text(doc)).toBe('6.75');
  });

  it('refuses figures of different units, naming the line', () => {
    const run = () =>
      render(`\n${ASSIGN}{{ a | plus: b }}`, [level('a', '1.00'), level('b', '2.00', { unit: '万元' })]);
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(/第2行.*单位不同/);
  });

  it('refuses text where a number belongs, and Liquid filters that would read a figure as text', () => {
    expect(() => render("{{ 'a' | ytd | plus: '1' }}", [level('a', '1.00')])).toThrow(/参数应为数字/);
    expect(() => render("{{ 'a' | ytd | modulo: 2 }}", [level('a', '1.00')])).toThrow(/modulo 不能用于数字/);
    expect(() => render("{% assign a = 'a' | ytd %}{% if a > 'x' %}{% endif %}", [level('a', '1.00')])).toThrow(
      /不能用 > 比较/,
    );
  });

  it('states a division by a zero figure as a marker, and refuses a division by the number 0', () => {
    const doc = render(`${ASSIGN}{{ a | percent_of: b }}`, [level('a', '1.00'), level('b', '0.00')]);
    expect(text(doc)).toContain('【无法计算');
    expect(doc.missing).toHaveLength(1);
    expect(() => render("{{ 'a' | ytd | divided_by: 0 }}", [level('a', '1.00')])).toThrow(/除数是 0/);
  });

  it('carries a missing figure through: the result is its marker, and a test of it is false and owed', () => {
    // m has no value a year before, so it has no growth
    const gap = render(
      "{% assign m = 'm' | growth %}{{ m | plus: 1 }}{% if m < 0 %}下降{% endif %}{% if m >= 0 %}增长{% endif %}",
      [level('m', '1.00')],
    );
    expect(text(gap)).toMatch(/^【待填：m 2020年1－10月/);
    expect(text(gap)).not.toMatch(/下降|增长/);
    expect(gap.missing).toHaveLength(1);
  });

  it('orders figures as their exact values are ordered', () => {
    const amount = fc
      .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }))
      .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`);
    fc.assert(
      fc.property(amount, amount, (x, y) => {
        const doc = render(
          `${ASSIGN}{% if a < b %}小于{% endif %}{% if a == b %}等于{% endif %}{% if a > b %}大于{% endif %}`,
          [level('a', x), level('b', y)],
        );
        // Number() is exact here: at most 10 million with two places
        const expected = Number(x) < Number(y) ? '小于' : Number(x) > Number(y) ? '大于' : '等于';
        return text(doc) === expected;
      }),
      { numRuns: 200 },
    );
  });
});
