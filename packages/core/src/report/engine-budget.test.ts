import { describe, expect, it } from 'vitest';
import { inlineText } from './document.js';
import { type ReportNarrative, renderReport, TEMPLATE_LIMITS, TemplateError } from './engine.js';

function render(template: string, narratives: ReportNarrative[] = []) {
  return renderReport({
    template: { text: template, source: 'test.liquid' },
    organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局' },
    year: 2021,
    through: 10,
    indicators: [],
    narratives,
  });
}

/** The rendered text, paragraphs joined. */
function text(template: string, narratives: ReportNarrative[] = []): string {
  return render(template, narratives)
    .blocks.map((b) => (b.kind === 'closing' ? b.lines.map(inlineText).join('\n') : inlineText(b.inlines)))
    .join('\n');
}

function refusal(template: string, narratives: ReportNarrative[] = []): TemplateError {
  try {
    render(template, narratives);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected the template to be refused');
}

const narrative = (key: string, body: string): ReportNarrative => ({
  key,
  year: 2021,
  section: 'office',
  sectionName: '办公室',
  text: body,
});

const { loopIterations, outputChars, allocations, templateChars, nesting, renderMs } = TEMPLATE_LIMITS;

describe('the render budget (TEMPLATE_LIMITS)', () => {
  it('loop iterations: exactly the limit renders, one more is refused naming the limit and the loop line', () => {
    expect(text(`{% for i in (1..${loopIterations}) %}{% endfor %}完`)).toBe('完');
    const error = refusal(`第一行\n{% for i in (1..${loopIterations + 1}) %}{% endfor %}`);
    expect(error.reason).toBe(`模板循环次数超过上限 ${loopIterations} 次`);
    expect(error.line).toBe(2);
  });

  it('loop iterations are counted across nested loops and tablerow', () => {
    // 100 outer + 100 × 999 inner = 100,000
    expect(text('{% for i in (1..100) %}{% for j in (1..999) %}{% endfor %}{% endfor %}完')).toBe('完');
    expect(refusal('{% for i in (1..1000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}').reason).toMatch(
      /^模板循环次数超过上限/,
    );
    // a tablerow writes <td> cells, so a few of them after a long loop
    const tablerow = (cells: number) =>
      `{% for i in (1..${loopIterations - 10}) %}{% endfor %}{% tablerow i in (1..${cells}) %}{% endtablerow %}`;
    expect(text(tablerow(10))).toContain('<td class="col10">');
    expect(refusal(tablerow(11)).reason).toMatch(/^模板循环次数超过上限/);
  });

  it('a loop bomb is refused early, in well under the time limit', () => {
    const started = performance.now();
    expect(refusal('{% for i in (1..800000) %}第{{ i }}项{% endfor %}').reason).toMatch(/^模板循环次数超过上限/);
    expect(performance.now() - started).toBeLessThan(renderMs);
  });

  it('output: exactly the limit renders, one character more is refused', () => {
    const line = 'x'.repeat(1024);
    const times = outputChars / 1024;
    const doc = render(`{% for i in (1..${times}) %}${line}{% endfor %}`);
    expect(doc.blocks).toHaveLength(1);
    expect(refusal(`{% for i in (1..${times}) %}${line}{% endfor %}y`).reason).toBe(
      `模板输出超过上限 2 MB（${outputChars} 个字符）`,
    );
  });

  it('output captured by doubling is refused long before it is built', () => {
    const error = refusal(
      "{% assign s = 'xxxxxxxxxx' %}\n{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}",
    );
    expect(error.reason).toMatch(/^模板输出超过上限/);
    expect(error.line).toBe(2);
  });

  it('allocations: a range of exactly the limit is made, a larger one is refused before it exists', () => {
    expect(text(`{% assign r = (1..${allocations}) %}{{ r | size }}`)).toBe(String(allocations));
    expect(refusal(`{% assign r = (1..${allocations + 1}) %}`).reason).toMatch(/^模板生成的文字和列表超过上限/);
    // a billion-item range would take gigabytes; it is refused at once
    const started = performance.now();
    expect(refusal('{% for i in (1..1000000000) %}{% endfor %}').reason).toMatch(/^模板生成的文字和列表超过上限/);
    expect(performance.now() - started).toBeLessThan(renderMs);
  });

  it('allocations: a string doubled with append is refused', () => {
    const error = refusal(
      "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}",
    );
    expect(error.reason).toMatch(/^模板生成的文字和列表超过上限 2000000 个字符或项/);
  });

  it('template length: a text of exactly the limit is parsed, one character more is refused', () => {
    expect(text('x'.repeat(templateChars))).toHaveLength(templateChars);
    expect(refusal('x'.repeat(templateChars + 1)).reason).toBe(`模板长度超过上限 ${templateChars} 个字符`);
  });

  it('nesting: narratives within narratives up to the limit render; deeper, or one naming itself, is refused', () => {
    const chain = (depth: number) =>
      Array.from({ length: depth }, (_, i) =>
        narrative(`n${i + 1}`, i + 1 === depth ? '底' : `{% narrative 'n${i + 2}' %}`),
      );
    expect(text("{% narrative 'n1' %}", chain(nesting))).toBe('底');
    const error = refusal("{% narrative 'n1' %}", chain(nesting + 1));
    expect(error.reason).toMatch(/^叙述或进展表述层层嵌套超过 10 层/);
    expect(error.source).toBe(`叙述 n${nesting}`);
    expect(refusal("{% narrative 'self' %}", [narrative('self', "又{% narrative 'self' %}")]).reason).toMatch(
      /层层嵌套/,
    );
  });

  it('narratives share the render budget: a loop bringing one in many times is counted once in total', () => {
    const inner = narrative('inner', '{% for j in (1..1000) %}{% endfor %}');
    expect(text("{% for i in (1..99) %}{% narrative 'inner' %}{% endfor %}完", [inner])).toBe('完');
    const error = refusal("{% for i in (1..100) %}{% narrative 'inner' %}{% endfor %}", [inner]);
    expect(error.reason).toMatch(/^模板循环次数超过上限/);
    expect(error.source).toBe('叙述 inner');
  });

  it('time: a render still running at the limit is refused, within the limit plus one check', () => {
    // Within every other limit: 100,000 iterations of 500 {% if %} tags each, far more than 5 s of work.
    const body = '{% if i %}{% endif %}'.repeat(500);
    const started = performance.now();
    const error = refusal(`{% for i in (1..${loopIterations}) %}${body}{% endfor %}`);
    const elapsed = performance.now() - started;
    expect(error.reason).toBe(`模板渲染超过时限 ${renderMs / 1000} 秒`);
    expect(elapsed).toBeGreaterThanOrEqual(renderMs);
    expect(elapsed).toBeLessThan(renderMs * 2);
  });
});
