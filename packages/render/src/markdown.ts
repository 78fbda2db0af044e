import type { Block, Inline, ReportDocument } from '@taizhang/core';

/**
 * The report as Markdown: `# title`, the four heading levels as `##` to `#####`, one line per
 * paragraph, the closing lines last. Figures and markers are their printed text. Text is
 * written as it is, except the ASCII characters Markdown would read as markup, which are
 * backslash-escaped (CommonMark §2.4) — Chinese text rarely has any, so it reads unchanged.
 */
export function renderMarkdown(doc: ReportDocument): string {
  // A template without a `#` line has no title, and gets no empty heading.
  const lines: string[] = doc.title.length > 0 ? [`# ${inlineMarkdown(doc.title)}`] : [];
  for (const block of doc.blocks) lines.push(...blockLines(block));
  return `${lines.join('\n\n')}\n`;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level + 1)} ${inlineMarkdown(block.inlines)}`];
    case 'paragraph':
      return [paragraphMarkdown(block.inlines)];
    case 'closing':
      return block.lines.map(paragraphMarkdown);
  }
}

/** ASCII punctuation that is inline markup (emphasis, code, links, HTML, entities, GFM tables and strikethrough). */
const INLINE_MARKUP = /[\\`*_[\]<>&|~]/g;

/** One line of text, safe as the content of a Markdown heading or paragraph. */
function inlineMarkdown(inlines: readonly Inline[]): string {
  return (
    inlines
      .map((inline) => inline.text)
      .join('')
      // One paragraph is one line: a line break inside it would start another block.
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim()
      .replace(INLINE_MARKUP, '\\$&')
  );
}

/** A paragraph line: as a heading's text, and not starting like a heading, list item or thematic break. */
function paragraphMarkdown(inlines: readonly Inline[]): string {
  return inlineMarkdown(inlines)
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
