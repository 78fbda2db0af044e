/**
 * 编号规则: how a ledger type numbers a new row given no ref, e.g. TCC-{year}-{seq:3} →
 * TCC-2022-001, TCC-2022-002, … The sequence counts within the year (Beijing time) of the
 * row's entry and continues after the highest number already used, so a number is never
 * given twice, even after a row was removed or numbered by hand.
 */

type Part = { text: string } | { year: true } | { seq: number };

const PLACEHOLDER = /\{(year|seq(?::([1-9]))?)\}/g;

function parts(pattern: string): Part[] {
  const result: Part[] = [];
  let last = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    if (match.index > last) result.push({ text: pattern.slice(last, match.index) });
    result.push(match[1] === 'year' ? { year: true } : { seq: Number(match[2] ?? 1) });
    last = match.index + match[0].length;
  }
  if (last < pattern.length) result.push({ text: pattern.slice(last) });
  return result;
}

/** Whether a pattern numbers rows: one {seq}, without which every number of a year is the same. */
export function hasSequence(pattern: string): boolean {
  return parts(pattern).filter((part) => 'seq' in part).length === 1;
}

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The ref a pattern gives for a year and a sequence number. */
export function formatRef(pattern: string, year: number, seq: number): string {
  return parts(pattern)
    .map((part) => {
      if ('text' in part) return part.text;
      if ('year' in part) return String(year);
      return String(seq).padStart(part.seq, '0');
    })
    .join('');
}

/**
 * The sequence number of a ref the pattern gave in that year, or undefined for a ref it did
 * not give (numbered by hand, another year).
 */
export function sequenceOf(pattern: string, year: number, ref: string): number | undefined {
  const source = parts(pattern)
    .map((part) => {
      if ('text' in part) return literally(part.text);
      if ('year' in part) return String(year);
      return `(?<seq>[0-9]{${part.seq},})`;
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(ref);
  const seq = match?.groups?.seq;
  return seq === undefined ? undefined : Number(seq);
}

/** The next ref the pattern gives in a year, after every ref already used. */
export function nextRef(pattern: string, year: number, used: Iterable<string>): string {
  let highest = 0;
  for (const ref of used) highest = Math.max(highest, sequenceOf(pattern, year, ref) ?? 0);
  return formatRef(pattern, year, highest + 1);
}

/** A LIKE pattern matching every ref the pattern gives in a year: what to look among for the next. */
export function refLikePattern(pattern: string, year: number): string {
  return parts(pattern)
    .map((part) => {
      if ('text' in part) return part.text.replace(/[\\%_]/g, (c) => `\\${c}`);
      if ('year' in part) return String(year);
      return '%';
    })
    .join('');
}
