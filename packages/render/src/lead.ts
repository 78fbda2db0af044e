import type { Inline } from '@taizhang/core';

/**
 * A "──" lead paragraph of the seed opens with its own heading: the first sentence, up to
 * and including the first "。", which the renderers set in bold. Splits the inlines there;
 * a figure or marker is never cut, and a paragraph without "。" is all heading.
 */
export function splitLead(inlines: readonly Inline[]): { head: Inline[]; rest: Inline[] } {
  const head: Inline[] = [];
  const rest: Inline[] = [];
  let inHead = true;
  for (const inline of inlines) {
    if (!inHead) {
      rest.push(inline);
      continue;
    }
    const end = inline.kind === 'text' ? inline.text.indexOf('。') : -1;
    if (end < 0) {
      head.push(inline);
      continue;
    }
    inHead = false;
    const before = inline.text.slice(0, end + 1);
    const after = inline.text.slice(end + 1);
    head.push({ kind: 'text', text: before });
    if (after !== '') rest.push({ kind: 'text', text: after });
  }
  return { head, rest };
}
