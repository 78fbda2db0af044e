import type { Block, HeadingLevel, Inline, MissingFigure, Provenance } from './document.js';
import { TOKEN_PATTERN } from './registry.js';

/** Splits rendered text into runs, turning tokens back into figures and markers. */
export function parseInlines(
  text: string,
  provenance: readonly Provenance[],
  missing: readonly MissingFigure[],
): Inline[] {
  const inlines: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (match.index > last) inlines.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) {
      const ref = Number(match[1]);
      inlines.push({ kind: 'figure', ref, text: provenance[ref]?.text ?? '' });
    } else {
      const ref = Number(match[2]);
      inlines.push({ kind: 'marker', ref, text: missing[ref]?.text ?? '' });
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) inlines.push({ kind: 'text', text: text.slice(last) });
  return inlines;
}

const HEADING = /^(#{1,5}) +(.*)$/;

/**
 * Reads the rendered template line by line (docs/report-template.md): `#` title,
 * `##`…`#####` headings 一、（一）1.（1）, `──` lead paragraphs, `> ` closing lines,
 * anything else a paragraph. Blank lines are dropped.
 */
export function parseBlocks(
  rendered: string,
  provenance: readonly Provenance[],
  missing: readonly MissingFigure[],
): { title: Inline[]; blocks: Block[] } {
  let title: Inline[] = [];
  const blocks: Block[] = [];
  const closing: Inline[][] = [];
  for (const raw of rendered.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const inlines = (text: string) => parseInlines(text, provenance, missing);
    const heading = HEADING.exec(line);
    if (heading) {
      const depth = (heading[1] as string).length;
      const text = (heading[2] as string).trim();
      if (depth === 1) title = inlines(text);
      else blocks.push({ kind: 'heading', level: (depth - 1) as HeadingLevel, inlines: inlines(text) });
    } else if (line.startsWith('>')) {
      closing.push(inlines(line.slice(1).trim()));
    } else {
      blocks.push({ kind: 'paragraph', inlines: inlines(line), lead: line.startsWith('──') });
    }
  }
  if (closing.length > 0) blocks.push({ kind: 'closing', lines: closing });
  return { title, blocks };
}
