import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

/**
 * What a JSON schema cannot see in a request, refused with 400 before any handler runs:
 * - a number JavaScript cannot hold as written: `1e309` (JSON.parse makes it Infinity) or
 *   `9007199254740993` (read as …992, so a ref or a figure would be stored changed);
 * - nesting deeper than any of our shapes, which would only exhaust the stack further on;
 * - a NUL character (PostgreSQL text cannot hold one) or half of a surrogate pair (neither
 *   can jsonb) in any text of the body, the query or the path;
 * - a number the schema coerced to Infinity from text (`?year=1e309`, `"version": "1e309"`).
 * Each refusal names the field, in Chinese, as a schema refusal does (errors.ts).
 */

/** The deepest nesting a request body may have: our deepest shape is a few levels. */
const MAX_JSON_DEPTH = 32;

/** 2^53 − 1: the largest integer a JSON number keeps exactly. */
const SAFE = Number.MAX_SAFE_INTEGER;

type Frame = { kind: 'object'; key: string | undefined } | { kind: 'array'; index: number };

/** A field's name as errors.ts writes it: fields.ref, planCurve.3; the body itself at the top. */
function fieldName(frames: readonly Frame[]): string {
  const parts = frames.map((frame) => (frame.kind === 'array' ? String(frame.index) : (frame.key ?? '')));
  return parts.length === 0 ? '请求体' : parts.join('.');
}

/**
 * A number as sign, significant digits and the power of ten of its last digit, so that two
 * spellings of one value compare equal: 1.50, 15e-1 and 1.5 are all (+, "15", -1).
 */
function canonical(literal: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (match === null) return literal;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = `${whole}${fraction}`;
  let power = Number(exponent) - fraction.length;
  digits = digits.replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  power += digits.length - trimmed.length;
  return `${sign}${trimmed}e${power}`;
}

/** Why a JSON number literal cannot be taken as written, or undefined when it can. */
function numberProblem(literal: string): string | undefined {
  const value = Number(literal);
  if (!Number.isFinite(value)) return `数字 ${literal} 超出范围`;
  // An integer past 2^53 is refused even when its shortest spelling matches (10^23 reads as 1e+23):
  // written as digits it is a count or a number, and it would come back in another spelling.
  const integerPastSafe = !/[.eE]/.test(literal) && Math.abs(value) > SAFE;
  if (!integerPastSafe && canonical(literal) === canonical(String(value))) return undefined;
  let reason = '有效数字过多，无法精确表示';
  if (value === 0) reason = '太接近 0，无法表示';
  else if (integerPastSafe) reason = `超出整数的精确范围（绝对值不能超过 ${SAFE}）`;
  return `数字 ${literal} ${reason}，会被读成 ${String(value)}；需要原样保存的编号或数字请写成文字（加引号）`;
}

/**
 * The first thing wrong with the numbers or the nesting of a JSON text, with the field it is
 * in; undefined when nothing is. Strings are skipped over (a number inside one is text).
 * The text need not be valid JSON: the parser decides that, after this.
 */
export function jsonTextProblem(text: string): string | undefined {
  const frames: Frame[] = [];
  let expectingKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      i++;
      const top = frames.at(-1);
      if (top?.kind === 'object' && expectingKey) {
        try {
          top.key = JSON.parse(text.slice(start, i)) as string;
        } catch {
          top.key = text.slice(start + 1, i - 1);
        }
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      frames.push(c === 0x7b ? { kind: 'object', key: undefined } : { kind: 'array', index: 0 });
      expectingKey = c === 0x7b;
      if (frames.length > MAX_JSON_DEPTH) return `请求体嵌套过深（超过 ${MAX_JSON_DEPTH} 层）`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectingKey = false;
    } else if (c === 0x2c /* , */) {
      const top = frames.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') expectingKey = true;
    } else if (c === 0x3a /* : */) {
      expectingKey = false;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const match = /-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
      match.lastIndex = i;
      const literal = match.exec(text)?.[0] ?? text[i];
      const problem = literal === undefined ? undefined : numberProblem(literal);
      if (problem !== undefined) return `${fieldName(frames)} 的${problem}`;
      i += Math.max(1, literal?.length ?? 1);
      continue;
    }
    i++;
  }
  return undefined;
}

/** Half of a surrogate pair, alone: no character at all (jsonb refuses it). Matched by code unit, hence no `u` flag. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first key or text within `value` holding a NUL or a lone surrogate, and where; walked without recursion. */
export function textProblem(value: unknown, top: string): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  const at = (path: string) => path || top;
  const bad = (text: string, path: string): string | undefined => {
    if (text.includes('\u0000')) return `${at(path)} 中含有空字符（\\u0000），文字中不能有这个字符`;
    if (LONE_SURROGATE.test(text)) return `${at(path)} 中含有不成对的 UTF-16 代理字符，不是有效的文字`;
    return undefined;
  };
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const problem = bad(item, path);
      if (problem !== undefined) return problem;
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => {
        pending.push({ value: element, path: path === '' ? String(index) : `${path}.${index}` });
      });
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, element] of Object.entries(item)) {
        const keyPath = path === '' ? key : `${path}.${key}`;
        const problem = bad(key, path === '' ? top : path);
        if (problem !== undefined) return problem;
        pending.push({ value: element, path: keyPath });
      }
    }
  }
  return undefined;
}

/**
 * The first number within `value` that is not finite: the schemas' coercion turns the text
 * `1e309` or `Infinity` (in a query, or quoted in a body) into Infinity, and ajv then lets it
 * past `maximum`.
 */
function numberValueProblem(value: unknown, top: string): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'number' && !Number.isFinite(item)) return `${path || top} 的数字超出范围`;
    if (typeof item === 'object' && item !== null) {
      for (const [key, element] of Object.entries(item)) {
        pending.push({ value: element, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

const PLACES = { body: '请求体', querystring: '查询参数', params: '路径参数' } as const;

function refuse(place: keyof typeof PLACES, problem: string): ApiError {
  return ApiError.of('BAD_REQUEST', { where: PLACES[place], problem }, { details: [problem] });
}

/** Replaces the JSON body parser with one that also refuses what `jsonTextProblem` finds, and checks every text. */
export function guardInputs(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const problem = jsonTextProblem(text);
    if (problem === undefined) return parse(request, text, done);
    // Malformed JSON is answered as such; only a well-formed body is refused for its numbers.
    parse(request, text, (error) => done(error ?? refuse('body', problem), undefined));
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const [place, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      // an uploaded file (a workbook) is bytes, not text: its own reader checks it
      if (value instanceof Uint8Array) continue;
      const problem = textProblem(value, PLACES[place]);
      if (problem !== undefined) throw refuse(place, problem);
    }
  });
  // After the schemas have coerced the text they were given (`"version": "1e309"` too): what they made of it.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    for (const [place, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      if (value instanceof Uint8Array) continue;
      const problem = numberValueProblem(value, PLACES[place]);
      if (problem !== undefined) throw refuse(place, problem);
    }
  });
}
