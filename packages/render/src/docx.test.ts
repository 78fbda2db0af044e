import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { renderDocx } from './docx.js';
import { withParagraphProperty } from './docx-package.js';
import { sampleDocument } from './sample.test-helpers.js';

const TWIPS_PER_MM = 1440 / 25.4;

type Package = Record<string, Uint8Array>;

function part(files: Package, path: string): string {
  const data = files[path];
  if (data === undefined) throw new Error(`${path} is not in the package`);
  return strFromU8(data);
}

/** The XML of one style of styles.xml. */
function style(files: Package, id: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 's').exec(
    part(files, 'word/styles.xml'),
  );
  if (!match) throw new Error(`no style ${id}`);
  return match[0];
}

/** The body's paragraphs, in order. */
function paragraphs(files: Package): string[] {
  return [...part(files, 'word/document.xml').matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => m[0]);
}

const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

/** The footer a section uses for odd ("default") or even pages, through the document's relationships. */
function footer(files: Package, type: 'default' | 'even'): string {
  const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(
    part(files, 'word/document.xml'),
  )?.[1];
  const rels = part(files, 'word/_rels/document.xml.rels');
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (target === undefined) throw new Error(`no ${type} footer`);
  return part(files, `word/${target}`);
}

describe('renderDocx', () => {
  let files: Package;

  beforeAll(async () => {
    files = unzipSync(await renderDocx(sampleDocument()));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  test('A4 with the GB/T 9704 margins: top 37 mm, left 28 mm, a 156 mm × 225 mm text block', () => {
    const section = part(files, 'word/document.xml');
    expect(section).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"[^>]*w:footer="(\d+)"/.exec(
      section,
    );
    expect(margin?.slice(1, 5)).toEqual(['2098', '1474', '1984', '1587']);
    const [top, right, bottom, left] = (margin?.slice(1, 5) ?? []).map((twips) => Number(twips) / TWIPS_PER_MM);
    expect(top).toBeCloseTo(37, 1);
    expect(left).toBeCloseTo(28, 1);
    expect(210 - (left ?? 0) - (right ?? 0)).toBeCloseTo(156, 1);
    expect(297 - (top ?? 0) - (bottom ?? 0)).toBeCloseTo(225, 1);
  });

  test('22 lines a page: a line grid of 579 twips, and the body at exactly that spacing', () => {
    const grid = /<w:docGrid w:type="(\w+)" w:linePitch="(\d+)" w:charSpace="(-?\d+)"\/>/.exec(
      part(files, 'word/document.xml'),
    );
    expect(grid?.slice(1)).toEqual(['lines', '579', '-842']);
    const textHeight = 16838 - 2098 - 1984;
    expect(22 * 579).toBeLessThanOrEqual(textHeight);
    expect(23 * 579).toBeGreaterThan(textHeight);
    expect(style(files, 'Normal')).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>');
  });

  test('28 characters a line: 16 pt condensed by 0.25 pt fits 28 and not 29 in 156 mm', () => {
    const textWidth = (11906 - 1587 - 1474) / 20;
    const spacing = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(style(files, 'Normal'))?.[1]);
    expect(spacing).toBe(-5);
    const advance = 16 + spacing / 20;
    expect(28 * advance).toBeLessThanOrEqual(textWidth);
    expect(29 * advance).toBeGreaterThan(textWidth);
    // The character grid's pitch (for whoever turns it on in Word) fits 28 too.
    expect(28 * (16 + -842 / 4096)).toBeLessThanOrEqual(textWidth);
  });

  test('body text: 3号 仿宋_GB2312 for Chinese and ASCII alike, justified, first line indented two characters', () => {
    const normal = style(files, 'Normal');
    expect(normal).toContain(
      '<w:rFonts w:ascii="仿宋_GB2312" w:cs="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/>',
    );
    expect(normal).toContain('<w:sz w:val="32"/>');
    expect(normal).toContain('<w:ind w:firstLine="632" w:firstLineChars="200"/>');
    expect(normal).toContain('<w:jc w:val="both"/>');
    expect(normal).toContain('<w:widowControl w:val="0"/>');
    expect(part(files, 'word/styles.xml')).toMatch(
      /<w:docDefaults>.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>.*<w:lang w:eastAsia="zh-CN"\/>/s,
    );
  });

  test('title: 2号 方正小标宋简体, centred, not indented, then one empty line', () => {
    const title = style(files, 'GongwenTitle');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('w:ascii="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('<w:ind w:firstLine="0" w:firstLineChars="0"/>');
    // Off the grid, in its place among the paragraph properties (Word rejects another order).
    expect(title).toContain('<w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:ind ');
    const [first, second] = paragraphs(files);
    expect(first).toContain('<w:pStyle w:val="GongwenTitle"/>');
    expect(textOf(first ?? '')).toBe('示范区住房和城乡建设局2021年工作总结');
    expect(second).toBe('<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>');
  });

  test('headings: 一、 黑体, （一） 楷体_GB2312, 1. and （1） 仿宋, all 3号, indented like the body, not bold', () => {
    expect(style(files, 'GongwenHeading1')).toContain('w:eastAsia="黑体"');
    expect(style(files, 'GongwenHeading2')).toContain('w:eastAsia="楷体_GB2312"');
    for (const level of [1, 2, 3, 4]) {
      const heading = style(files, `GongwenHeading${level}`);
      expect(heading).toContain('<w:basedOn w:val="Normal"/>');
      expect(heading).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
      expect(heading).not.toMatch(/<w:sz |<w:ind |<w:b\/>/);
      if (level > 2) expect(heading).not.toContain('<w:rFonts');
    }
    const texts = paragraphs(files)
      .filter((p) => p.includes('GongwenHeading'))
      .map((p) => [/GongwenHeading(\d)/.exec(p)?.[1], textOf(p)]);
    expect(texts).toEqual([
      ['1', '一、履职尽责方面'],
      ['2', '（一）住房保障'],
      ['3', '1. 群众来信'],
      ['4', '（1）回访'],
    ]);
  });

  test('a lead paragraph has its first sentence, figure and all, in bold, and the rest not', () => {
    const lead = paragraphs(files).find((p) => p.includes('──全力抓经济指标')) ?? '';
    const runs = [...lead.matchAll(/<w:r>.*?<\/w:r>/gs)].map((m) => m[0]);
    const bold = runs
      .filter((r) => r.includes('<w:b/>'))
      .map(textOf)
      .join('');
    const plain = runs
      .filter((r) => !r.includes('<w:b/>'))
      .map(textOf)
      .join('');
    expect(bold).toBe('──全力抓经济指标，已完成投资29.02亿元。');
    expect(plain).toBe('一是全年固定资产投资增长6.7％，预计年底能够完成全年目标任务。');
  });

  test('figures are plain runs; a marker is highlighted; text is escaped', () => {
    const body = part(files, 'word/document.xml');
    expect(body).toContain('<w:r><w:t xml:space="preserve">6.7</w:t></w:r>');
    expect(body).not.toContain('<w:hyperlink');
    expect(body).toContain(
      '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">【待填：廉租住房补贴户数 1－10月（住房保障股）】</w:t></w:r>',
    );
    expect(body).toContain('来信称&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 物业“管理”问题。');
    expect(body).not.toContain('<script');
  });

  test('the closing is right-aligned, two characters in, after an empty line', () => {
    const all = paragraphs(files);
    const at = all.findIndex((p) => p.includes('GongwenClosing'));
    expect(all[at - 1]).toBe('<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>');
    expect(all.slice(at).map(textOf)).toEqual(['示范区住房和城乡建设局', '2021年10月31日']);
    const closing = style(files, 'GongwenClosing');
    expect(closing).toContain('<w:jc w:val="right"/>');
    expect(closing).toContain('<w:ind w:right="632" w:firstLine="0" w:firstLineChars="0"/>');
  });

  test('page numbers "— N —" in 4号 宋体, odd pages right and even pages left, one character in', () => {
    expect(part(files, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const pageNumber = style(files, 'GongwenPageNumber');
    expect(pageNumber).toContain('w:eastAsia="宋体"');
    expect(pageNumber).toContain('w:ascii="宋体"');
    expect(pageNumber).toContain('<w:sz w:val="28"/>');
    const field =
      '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r>';
    const odd = footer(files, 'default');
    expect(odd).toContain('<w:ind w:right="280"/><w:jc w:val="right"/>');
    expect(odd).toContain(field);
    const even = footer(files, 'even');
    expect(even).toContain('<w:ind w:left="280"/><w:jc w:val="left"/>');
    expect(even).toContain(field);
    // §7.5: the number sits 7 mm below the text block: footer distance = 35 mm − 7 mm − one 14 pt line.
    expect(part(files, 'word/document.xml')).toContain('w:footer="1307"');
  });

  test('names its fonts with the substitutes Word tries on a machine without them', () => {
    const fonts = part(files, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  test('document properties carry the 成文日期, not the time it was made', () => {
    const core = part(files, 'docProps/core.xml');
    expect(core).toContain('<dc:title>示范区住房和城乡建设局2021年工作总结</dc:title>');
    expect(core).toContain('<dc:creator>示范区住房和城乡建设局</dc:creator>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-10-30T16:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-10-30T16:00:00Z</dcterms:modified>');
    expect(core).not.toContain(String(new Date().getUTCFullYear()));
  });

  test('without a readable 成文日期 the document properties have no date at all', async () => {
    const doc = { ...sampleDocument(), meta: { ...sampleDocument().meta, date: '待定', issued: undefined } };
    const core = part(unzipSync(await renderDocx(doc)), 'docProps/core.xml');
    expect(core).not.toContain('dcterms:created');
    expect(core).not.toContain('dcterms:modified');
  });

  test('a 成文日期 past 2099, beyond what a zip can stamp, still renders and stays in the properties', async () => {
    const issued = { year: 2101, month: 1, day: 15 };
    const doc = { ...sampleDocument(), meta: { ...sampleDocument().meta, date: '2101年1月15日', issued } };
    const core = part(unzipSync(await renderDocx(doc)), 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2101-01-14T16:00:00Z</dcterms:created>');
  });

  test('is byte-identical for the same document, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2022-03-04T05:06:07Z'));
    const first = await renderDocx(sampleDocument());
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const second = await renderDocx(sampleDocument());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  test('drops characters XML cannot hold, which would make Word refuse the file', async () => {
    const doc = sampleDocument();
    doc.blocks = [{ kind: 'paragraph', lead: false, inlines: [{ kind: 'text', text: '响\u0007铃\u0000了\uD800' }] }];
    const body = part(unzipSync(await renderDocx(doc)), 'word/document.xml');
    expect(body).toContain('<w:t xml:space="preserve">响铃了</w:t>');
  });
});

describe('withParagraphProperty', () => {
  const styles = (pPr: string) =>
    `<w:styles><w:style w:type="paragraph" w:styleId="A"><w:pPr>${pPr}</w:pPr></w:style></w:styles>`;

  test('puts the element where the schema wants it among the others', () => {
    expect(
      withParagraphProperty(
        styles('<w:keepNext/><w:ind w:left="1"/><w:jc w:val="center"/>'),
        'A',
        'snapToGrid',
        '<S/>',
      ),
    ).toBe(styles('<w:keepNext/><S/><w:ind w:left="1"/><w:jc w:val="center"/>'));
    expect(withParagraphProperty(styles('<w:spacing w:line="1"/>'), 'A', 'widowControl', '<W/>')).toBe(
      styles('<W/><w:spacing w:line="1"/>'),
    );
    expect(withParagraphProperty(styles('<w:keepNext/>'), 'A', 'snapToGrid', '<S/>')).toBe(styles('<w:keepNext/><S/>'));
  });

  test('refuses a style it cannot find, rather than write a document without the property', () => {
    expect(() => withParagraphProperty(styles(''), 'B', 'snapToGrid', '<S/>')).toThrow('style B');
  });
});
