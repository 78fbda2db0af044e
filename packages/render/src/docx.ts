import type { Block, Inline, ReportDocument } from '@taizhang/core';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  type IParagraphStyleOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { coreProperties, FONT_TABLE, finish, xmlText } from './docx-package.js';
import {
  BODY_HALF_POINTS,
  CHAR_SPACE,
  CHARACTER_SPACING,
  FONTS,
  FOOTER_DISTANCE,
  LINE_PITCH,
  MARGIN_BOTTOM,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  MARGIN_TOP,
  PAGE_HEIGHT,
  PAGE_NUMBER_HALF_POINTS,
  PAGE_NUMBER_INDENT,
  PAGE_NUMBER_LINE,
  PAGE_WIDTH,
  TITLE_HALF_POINTS,
  TWO_CHARS,
} from './layout.js';
import { splitLead } from './lead.js';

/**
 * The report as a Word document set as GB/T 9704-2012 prescribes (see layout.ts for every
 * number): A4, the 156 mm × 225 mm text block with 22 lines of 28 characters, the
 * title in 2号 小标宋, the body in 3号 仿宋 with headings in 黑体, 楷体 and 仿宋, and page
 * numbers "— N —" outside the text block, odd pages right and even pages left.
 *
 * Fonts are named, not embedded: Word, WPS and LibreOffice substitute what a machine lacks.
 * The bytes depend on the document alone — the document properties carry its 成文日期, not
 * the time it was written, and every zip entry the same fixed time — so the same report
 * gives the same file.
 */
export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const date = doc.meta.issued;
  const title = doc.title.map((inline) => inline.text).join('');
  const document = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: fontOf(FONTS.body.name),
            size: BODY_HALF_POINTS,
            characterSpacing: CHARACTER_SPACING,
            language: { eastAsia: 'zh-CN' },
          },
        },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: {
              top: MARGIN_TOP,
              right: MARGIN_RIGHT,
              bottom: MARGIN_BOTTOM,
              left: MARGIN_LEFT,
              footer: FOOTER_DISTANCE,
              gutter: 0,
            },
          },
          // §5.2.4: 22 lines a page. A line grid only: a character grid narrower than 16 pt sets 14 characters a line in
          // LibreOffice (see CHARACTER_SPACING, which fits the 28). The charSpace is kept so that a clerk who turns
          // the character grid on in Word's page setup gets 28 characters a line from it.
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          new Paragraph({ style: STYLE.title, children: runs(doc.title) }),
          // §7.2 sets the body one blank line below the title.
          new Paragraph({ style: STYLE.body }),
          ...doc.blocks.flatMap(blockParagraphs),
        ],
      },
    ],
  });
  const overrides = [
    { path: 'docProps/core.xml', data: coreProperties(title, doc.meta.organisation.name, date) },
    { path: 'word/fontTable.xml', data: FONT_TABLE },
  ];
  return finish(await Packer.pack(document, 'uint8array', false, overrides), date, STYLE);
}

const STYLE = {
  title: 'GongwenTitle',
  body: 'Normal',
  heading: { 1: 'GongwenHeading1', 2: 'GongwenHeading2', 3: 'GongwenHeading3', 4: 'GongwenHeading4' },
  closing: 'GongwenClosing',
  pageNumber: 'GongwenPageNumber',
} as const;

function blockParagraphs(block: Block): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ style: STYLE.heading[block.level], children: runs(block.inlines) })];
    case 'paragraph': {
      if (!block.lead) return [new Paragraph({ style: STYLE.body, children: runs(block.inlines) })];
      const { head, rest } = splitLead(block.inlines);
      return [new Paragraph({ style: STYLE.body, children: [...runs(head, true), ...runs(rest)] })];
    }
    case 'closing':
      // §7.3.5: the signature and date stand apart from the body, one blank line below it.
      return [
        new Paragraph({ style: STYLE.body }),
        ...block.lines.map((line) => new Paragraph({ style: STYLE.closing, children: runs(line) })),
      ];
  }
}

/** Figures are plain runs, as the printed text reads; a marker is highlighted so the office cannot miss it. */
function runs(inlines: readonly Inline[], bold = false): TextRun[] {
  return inlines
    .filter((inline) => inline.text !== '')
    .map((inline) => {
      const options = { text: xmlText(inline.text), ...(bold ? { bold: true } : {}) };
      return new TextRun(inline.kind === 'marker' ? { ...options, highlight: 'yellow' } : options);
    });
}

/** §7.5: 4号 half-width Arabic digits between one-character dashes, "— 1 —"; odd pages right, even left, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/**
 * The same font for East Asian text and for ASCII, so digits and Latin letters in the text
 * are set in it too; the eastAsia hint makes Word treat ambiguous characters (—, “”, ·) as
 * Chinese and set them full width.
 */
function fontOf(name: string) {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: 'eastAsia' };
}

const NO_INDENT = { firstLine: 0, firstLineChars: 0 };

/** One line on the grid: exact spacing at the line pitch, nothing before or after. */
const ON_GRID = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const heading = (level: 1 | 2 | 3 | 4, name: string, font?: string): IParagraphStyleOptions => ({
  id: STYLE.heading[level],
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  // Headings are indented like body text (§7.3.3) and are not bold: the font marks the level.
  run: font === undefined ? {} : { font: fontOf(font) },
  paragraph: { outlineLevel: level - 1, keepNext: true },
});

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    // Body text (§7.3.3): 3号 仿宋, justified, the first line indented two characters.
    id: 'Normal',
    name: 'Normal',
    quickFormat: true,
    run: { font: fontOf(FONTS.body.name), size: BODY_HALF_POINTS, characterSpacing: CHARACTER_SPACING },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      spacing: ON_GRID,
      indent: { firstLine: TWO_CHARS, firstLineChars: 200 },
    },
  },
  {
    // §7.2: the title in 2号 小标宋, centred, on one or more lines.
    id: STYLE.title,
    name: '公文标题',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: fontOf(FONTS.title.name), size: TITLE_HALF_POINTS, characterSpacing: 0 },
    paragraph: { alignment: AlignmentType.CENTER, indent: NO_INDENT, keepNext: true },
  },
  heading(1, '一级标题', FONTS.heading1.name),
  heading(2, '二级标题', FONTS.heading2.name),
  heading(3, '三级标题'),
  heading(4, '四级标题'),
  {
    // §7.3.5.2 (不加盖印章的公文): the signature and date right-aligned, two characters from the right edge.
    id: STYLE.closing,
    name: '落款',
    basedOn: 'Normal',
    quickFormat: true,
    paragraph: { alignment: AlignmentType.RIGHT, indent: { ...NO_INDENT, right: TWO_CHARS } },
  },
  {
    id: STYLE.pageNumber,
    name: '公文页码',
    basedOn: 'Normal',
    run: { font: fontOf(FONTS.pageNumber.name), size: PAGE_NUMBER_HALF_POINTS, characterSpacing: 0 },
    paragraph: {
      indent: NO_INDENT,
      spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  },
];
