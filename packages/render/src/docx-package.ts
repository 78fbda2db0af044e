/**
 * The parts of the DOCX package that docx writes in a way GB/T 9704 output cannot use, or
 * cannot write at all: the document properties, the font table, two paragraph properties,
 * and the zip entries' times.
 */
import type { CalendarDate } from '@taizhang/core';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { FONTS } from './layout.js';

/**
 * The fonts the document names, each with the name Word tries when a machine lacks it
 * (w:altName) and the GB2312 character set (86), so Word picks a Chinese substitute.
 */
export const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${Object.values(FONTS)
  .map(
    ({ name, altName }) =>
      `<w:font w:name="${name}"><w:altName w:val="${altName}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  )
  .join('')}</w:fonts>`;

/**
 * docProps/core.xml in place of the one docx writes, which stamps the current time: created
 * and modified are the 成文日期 at midnight Beijing time, or absent when there is none.
 */
export function coreProperties(title: string, organisation: string, date: CalendarDate | undefined): string {
  const stamp =
    date === undefined
      ? ''
      : (() => {
          const utc = new Date(Date.UTC(date.year, date.month - 1, date.day) - 8 * 3600_000).toISOString();
          const w3c = utc.replace('.000Z', 'Z');
          return `<dcterms:created xsi:type="dcterms:W3CDTF">${w3c}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3c}</dcterms:modified>`;
        })();
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(title)}</dc:title><dc:creator>${escapeXml(organisation)}</dc:creator><cp:lastModifiedBy>${escapeXml(organisation)}</cp:lastModifiedBy><dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>${stamp}</cp:coreProperties>`;
}

/**
 * Text as XML 1.0 can hold it: control characters (which users paste from other programs)
 * would make Word refuse the whole file, and a line break inside a paragraph is a space.
 */
export function xmlText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

function escapeXml(text: string): string {
  return xmlText(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * What docx cannot write, written into its package:
 * - widow control off in Normal: every page has its 22 lines (§5.2.4), none carried over to
 *   keep two together — LibreOffice does that unless told not to, Word does not;
 * - the title's w:snapToGrid off: LibreOffice puts a 22 pt line on two lines of the grid
 *   even at exact spacing, so the title would stand two lines above the body, not one;
 * - every zip entry stamped with the 成文日期 (midnight; the DOS epoch without one): docx
 *   stamps the current time, which would make two renders of one report differ. A zip's DOS
 *   date holds only 1980–2099, so a 成文日期 outside it (a report for 2100 is dated 2101) is
 *   stamped at the nearest end; the document properties still carry the date itself.
 */
export function finish(
  docx: Uint8Array,
  date: CalendarDate | undefined,
  styleIds: { body: string; title: string },
): Uint8Array {
  const files = unzipSync(docx);
  const styles = files['word/styles.xml'];
  if (styles === undefined) throw new Error('docx wrote no word/styles.xml');
  let xml = strFromU8(styles);
  xml = withParagraphProperty(xml, styleIds.body, 'widowControl', '<w:widowControl w:val="0"/>');
  xml = withParagraphProperty(xml, styleIds.title, 'snapToGrid', '<w:snapToGrid w:val="0"/>');
  files['word/styles.xml'] = strToU8(xml);
  // A local date: fflate writes the DOS time from the local fields, so this is the same in every time zone.
  return zipSync(files, { mtime: zipStamp(date) });
}

const DOS_FIRST = new Date(1980, 0, 1);
const DOS_LAST = new Date(2099, 11, 31);

function zipStamp(date: CalendarDate | undefined): Date {
  if (date === undefined || date.year < 1980) return DOS_FIRST;
  if (date.year > 2099) return DOS_LAST;
  return new Date(date.year, date.month - 1, date.day);
}

/** The children of w:pPr in the order the schema requires (ECMA-376 CT_PPrBase); Word rejects another order. */
const PPR_ORDER = (
  'pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs ' +
  'suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd ' +
  'snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment ' +
  'textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange'
).split(' ');

/** Adds one element to a style's paragraph properties, in its place among them. */
export function withParagraphProperty(stylesXml: string, styleId: string, name: string, element: string): string {
  const style = new RegExp(`<w:style [^>]*w:styleId="${styleId}"[^>]*>.*?</w:style>`, 's').exec(stylesXml);
  const pPr = style && /<w:pPr>(.*?)<\/w:pPr>/s.exec(style[0]);
  if (!style || !pPr || pPr[1] === undefined)
    throw new Error(`styles.xml: style ${styleId} has no paragraph properties`);
  const rank = PPR_ORDER.indexOf(name);
  const children = [...pPr[1].matchAll(/<w:(\w+)\b[^>]*?(?:\/>|>.*?<\/w:\1>)/gs)];
  const after = children.find((child) => PPR_ORDER.indexOf(child[1] ?? '') > rank);
  const at = after?.index ?? pPr[1].length;
  const pPrStart = style.index + pPr.index + '<w:pPr>'.length;
  return stylesXml.slice(0, pPrStart + at) + element + stylesXml.slice(pPrStart + at);
}
