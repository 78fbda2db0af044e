import { JSON_SYNTAX_REASONS as REASONS, SYNTAX_HINTS } from '../errors.js';
import { type LineIndex, MAX_DEPTH, type SourceEntry, type SourceNode } from './source.js';

/**
 * A strict JSON reader (RFC 8259) of our own rather than JSON.parse: it keeps every node's
 * offset and every number's literal text (12.30 must stay "12.30"), sees duplicate keys, and
 * explains the first syntax error in words a bureau clerk can act on.
 */
export type JsonRead = { ok: true; root: SourceNode } | { ok: false; offset: number; reason: string };

export function readJson(text: string, lines: LineIndex): JsonRead {
  try {
    return { ok: true, root: new JsonReader(text, lines).document() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, offset: error.offset, reason: error.reason };
    throw error;
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Chinese punctuation typed where JSON needs its ASCII twin (an IME left in Chinese mode). */
const FULL_WIDTH_PUNCTUATION = new Set(['：', '，', '“', '”', '‘', '’', '｛', '｝', '［', '］', '【', '】']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NUMBER_LIKE = /[-+0-9.eE]+/y;
const WORD = /[^\s,:[\]{}"]+/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonReader {
  private pos = 0;
  /** containers not yet closed, so that an early end can say which one lacks its bracket */
  private readonly open: { closing: string; offset: number }[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  document(): SourceNode {
    this.skipSpace();
    const root = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(this.pos, REASONS.trailingContent);
    return root;
  }

  private value(): SourceNode {
    const offset = this.pos;
    const c = this.text[offset];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'scalar', offset, value: this.string() };
    // "+1" and ".5" are not JSON numbers, but they are meant as numbers: say so.
    if (c === '-' || c === '+' || c === '.' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === "'") this.fail(offset, REASONS.singleQuote);
    if (c === undefined) this.failAtEnd(REASONS.expectedValue);
    const word = this.word();
    if (word === 'true' || word === 'false') return { kind: 'scalar', offset, value: word === 'true' };
    if (word === 'null') return { kind: 'scalar', offset, value: null };
    this.fail(offset, word === undefined ? REASONS.expectedValue : REASONS.unquotedWord({ word }));
  }

  private object(): SourceNode {
    const offset = this.enter('}');
    const entries: SourceEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') return this.leave({ kind: 'map', offset, entries });
    for (;;) {
      this.skipSpace();
      const keyOffset = this.pos;
      const c = this.text[keyOffset];
      if (c !== '"') {
        if (c === '}') this.fail(keyOffset, REASONS.trailingComma({ closing: '}' }));
        if (c === "'") this.fail(keyOffset, REASONS.singleQuote);
        if (c === undefined) this.failAtEnd(REASONS.expectedKey);
        const word = this.word();
        this.fail(keyOffset, word === undefined ? REASONS.expectedKey : REASONS.unquotedKey({ word }));
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.failHere(REASONS.expectedColon({ key }));
      this.pos++;
      this.skipSpace();
      entries.push({ key, keyOffset, value: this.value() });
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === '}') return this.leave({ kind: 'map', offset, entries });
      this.failHere(REASONS.expectedCommaOrEnd({ closing: '}' }));
    }
  }

  private array(): SourceNode {
    const offset = this.enter(']');
    const items: SourceNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') return this.leave({ kind: 'seq', offset, items });
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail(this.pos, REASONS.trailingComma({ closing: ']' }));
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === ']') return this.leave({ kind: 'seq', offset, items });
      this.failHere(REASONS.expectedCommaOrEnd({ closing: ']' }));
    }
  }

  private enter(closing: string): number {
    if (this.open.length >= MAX_DEPTH) this.fail(this.pos, REASONS.tooDeep);
    this.open.push({ closing, offset: this.pos });
    return this.pos++;
  }

  private leave(node: SourceNode): SourceNode {
    this.open.pop();
    this.pos++;
    return node;
  }

  private string(): string {
    const start = this.pos++;
    let result = '';
    let chunkStart = this.pos;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail(start, REASONS.unterminatedString);
      if (code === 0x22) break;
      if (code < 0x20) this.fail(this.pos, REASONS.controlInString);
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      result += this.text.slice(chunkStart, this.pos);
      const escaped = this.text[this.pos + 1] ?? '';
      const simple = ESCAPES[escaped];
      if (simple !== undefined) {
        result += simple;
        this.pos += 2;
      } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        result += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        this.fail(
          this.pos,
          REASONS.badEscape({ escape: `\\${escaped === 'u' ? this.text.slice(this.pos + 1, this.pos + 6) : escaped}` }),
        );
      }
      chunkStart = this.pos;
    }
    result += this.text.slice(chunkStart, this.pos);
    this.pos++;
    return result;
  }

  private number(): SourceNode {
    const offset = this.pos;
    NUMBER.lastIndex = offset;
    const match = NUMBER.exec(this.text);
    const end = match === null ? offset : offset + match[0].length;
    // "07", "1.", "1.5.2" and "-.5" stop the grammar early; report the whole token the user wrote.
    if (match === null || /[0-9A-Za-z.+-]/.test(this.text[end] ?? '')) {
      NUMBER_LIKE.lastIndex = offset;
      const token = NUMBER_LIKE.exec(this.text)?.[0] ?? this.text[offset] ?? '';
      this.fail(offset, REASONS.badNumber({ text: token }));
    }
    this.pos = end;
    const literal = match[0];
    return { kind: 'scalar', offset, value: Number(literal), literal };
  }

  private word(): string | undefined {
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)?.[0];
    if (word !== undefined) this.pos += word.length;
    return word;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
        this.fail(this.pos, REASONS.comment);
      } else return;
    }
  }

  /** Fails at the current position, naming Chinese punctuation or an early end when that is the cause. */
  private failHere(reason: string): never {
    if (this.pos >= this.text.length) this.failAtEnd(reason);
    this.fail(this.pos, reason);
  }

  private failAtEnd(fallback: string): never {
    const innermost = this.open[this.open.length - 1];
    if (innermost === undefined) this.fail(this.text.length, fallback);
    const openLine = this.lines.position(innermost.offset).line;
    this.fail(this.text.length, REASONS.unexpectedEnd({ closing: innermost.closing, openLine }));
  }

  private fail(offset: number, reason: string): never {
    const c = this.text[offset] ?? '';
    throw new JsonSyntaxError(offset, FULL_WIDTH_PUNCTUATION.has(c) ? SYNTAX_HINTS.fullWidthPunctuation(c) : reason);
  }
}
