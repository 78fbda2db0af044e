/**
 * Turns a sentence of the blanked seed into a pattern its filled version must match:
 * XX/X become a number, xx a name, and a unit with nothing before it ("目标任务亿元")
 * requires the number the seed left out.
 */
const NUMBER = '[0-9]+(?:\\.[0-9]+)?';
const NAME = '[\\u4e00-\\u9fa5A-Za-z0-9·]{1,20}?';

/** Units a number stands before; where the seed shows none, one must be filled in. */
const UNITS = ['万平方米', '平方米', '立方米', '个百分点', '亿元', '万元', '亩', '米', '棵', '％'];

/** Words that end in a unit's character without being a quantity. */
const NOT_QUANTITIES = ['玉米'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function seedPattern(sentence: string): RegExp {
  let pattern = '';
  let i = 0;
  while (i < sentence.length) {
    const rest = sentence.slice(i);
    const blank = /^X+/.exec(rest);
    if (blank) {
      pattern += NUMBER;
      i += blank[0].length;
      continue;
    }
    if (rest.startsWith('xx')) {
      pattern += NAME;
      i += 2;
      continue;
    }
    const unit = UNITS.find((u) => rest.startsWith(u));
    if (unit) {
      // "XX余平方米": an approximate number keeps its 余 before the unit.
      const before = sentence.slice(Math.max(0, i - 2), i).replace(/^(.)余$/, '$1');
      const word = NOT_QUANTITIES.find((w) => sentence.slice(i - w.length + unit.length, i + unit.length) === w);
      if (!/[0-9X]$/.test(before) && !word) pattern += NUMBER;
      pattern += escapeRegExp(unit);
      i += unit.length;
      continue;
    }
    pattern += escapeRegExp(sentence[i] as string);
    i += 1;
  }
  return new RegExp(pattern);
}

/** The seed's two obvious typos, which the report may correct. */
const TYPOS: [string, string][] = [
  ['全市全三', '全市前三'],
  ['亩亩', '亩'],
];

/** The seed's sentences, typos corrected: each line cut after every 。, trimmed, empty ones dropped. */
export function seedSentences(text: string): string[] {
  return TYPOS.reduce((t, [typo, fixed]) => t.replaceAll(typo, fixed), text)
    .split(/\r?\n/)
    .flatMap((line) => line.split(/(?<=。)/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
