/**
 * Terminal width of a string: CJK ideographs, full-width forms (％, －, ／) and the like
 * take two columns, so that Chinese columns line up in a monospace terminal.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

export type Align = 'left' | 'right';

/** A plain-text table; numbers are right-aligned by the caller's choice of `align`. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = headers.map((header, col) =>
    Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[col] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) => {
        const pad = ' '.repeat((widths[col] ?? 0) - displayWidth(cell));
        return align[col] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
