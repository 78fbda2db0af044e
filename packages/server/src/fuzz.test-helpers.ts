import fc from 'fast-check';
import type { ApiRoute } from './server.js';

/**
 * Requests derived from a route's JSON schemas (its params, query and body), most of them
 * wrong in one place: a field of the wrong type, a number JavaScript cannot hold, a NUL, an
 * impossible date, text past its length, nesting, unknown and missing fields, bodies that are
 * not JSON at all. The rest are valid, with values taken from the data where a field names
 * something (a ledger, an indicator, a row), so that the service behind the route runs too.
 * fuzz.test.ts sends them to every route; `npm run fuzz` sends 10,000 per route.
 */

/** JSON text spliced into a body as it is: what JSON.stringify cannot write (1e309, -0, 9007199254740993). */
export class RawJson {
  constructor(readonly text: string) {}
}

interface JsonSchema {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
}

/** What the demo data holds, for fields that name something: asked by route and field name. */
export interface Hints {
  /** the values a field may take, given the request's path params so far (a row's ref depends on its ledger) */
  values(route: ApiRoute, field: string, params: Readonly<Record<string, string>>): readonly unknown[] | undefined;
  /** a free-form object (a ledger row's fields), given the path params */
  freeForm(route: ApiRoute, field: string, params: Readonly<Record<string, string>>): fc.Arbitrary<unknown> | undefined;
}

export interface FuzzRequest {
  method: string;
  url: string;
  /** the body as sent, when one is */
  payload?: string | undefined;
  contentType?: string | undefined;
  /** what was done wrong, for the report of a failure */
  mutation: string;
}

/** The body written as JSON text, with RawJson spliced in. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A value as the text of a query parameter or path segment. */
function wireText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof RawJson) return value.text;
  return jsonText(value);
}

const nested = (depth: number, open = '[', close = ']') => new RawJson(`${open.repeat(depth)}${close.repeat(depth)}`);

/** Number literals JSON allows and JavaScript cannot keep as written, and edges of every range. */
const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '1E400',
  '9007199254740993',
  '-9007199254740993',
  '9007199254740992',
  '12345678901234567890123',
  '1.00000000000000001',
  '0.1e-400',
  '1e21',
  '-0',
  '-0.0',
  '2147483648',
  '-2147483649',
  '4294967296',
  '1.5',
  '0',
  '-1',
].map((text) => new RawJson(text));

const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\ufeff',
  '\u202e反向',
  '😀',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '-0',
  '9007199254740993',
  '12.345678901234567890123456789',
  '0x10',
  '2021-02-30',
  '2021-13-01',
  '2021-00-10',
  '2021-02-29',
  '2020-02-29',
  '0000-00-00',
  '9999-12-31',
  '2021-1-1',
  '2021-03-04T25:00',
  '2021-03-04T10:00:00+99:00',
  '__proto__',
  'constructor',
  'prototype',
  "' or 1=1 --",
  '"; drop table users; --',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{ 1 | divided_by: 0 }}',
  '{% for i in (1..10) %}{{ i }}{% endfor %}',
  'null',
  'true',
  '[]',
  '{}',
];

/** The JSON values of the wrong type for almost any field. */
const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1, 'a'], { a: 1 }, [[[]]], [null]];

/** Values that are wrong for a field of `schema`, or on its edge: mostly schema-specific, some generic. */
function badValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const specific: fc.Arbitrary<unknown>[] = [];
  const types = [schema.type ?? []].flat();
  if (schema.maxLength !== undefined) {
    specific.push(fc.constantFrom('x'.repeat(schema.maxLength + 1), '中'.repeat(schema.maxLength + 1)));
  }
  if (schema.minLength !== undefined && schema.minLength > 0)
    specific.push(fc.constant('x'.repeat(schema.minLength - 1)));
  if (types.includes('integer') || types.includes('number')) {
    const edges = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined);
    specific.push(
      fc.constantFrom(
        ...edges.flatMap((n) => [n - 1, n + 1, n + 0.5, String(n + 1)]),
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53,
        -(2 ** 53),
        Number.MAX_VALUE,
        'Infinity',
        '1e309',
        '12',
        ' 12 ',
      ),
    );
  }
  if (schema.format === 'date' || schema.pattern?.includes('\\d{4}')) {
    specific.push(
      fc.constantFrom('2021-02-30', '2021-13-01', '2021-04-31', '2019-02-29', '2021-02-28T00:00', '20210228'),
    );
  }
  if (schema.enum !== undefined) specific.push(fc.constantFrom(...schema.enum.map((v) => `${String(v)}x`), 'ÄÖÜ'));
  return fc.oneof(
    { weight: specific.length > 0 ? 4 : 0, arbitrary: specific.length > 0 ? fc.oneof(...specific) : fc.constant(null) },
    { weight: 3, arbitrary: fc.constantFrom(...RAW_NUMBERS) },
    { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), nested(33), nested(5_000), nested(40, '{"a":', '}')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new RawJson('{"__proto__":{"polluted":true}}'),
        new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
        Array.from({ length: 2_000 }, (_, i) => i),
        Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
      ),
    },
  );
}

const DATE = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Where a value goes: its field of a route, the hints of the data, and the path parameters chosen. */
interface Place {
  field: string;
  route: ApiRoute;
  hints: Hints;
  params: Readonly<Record<string, string>>;
}

/** A value that fits `schema` (a hint's value where the data has one for this field). */
function validValue(schema: JsonSchema, place: Place): fc.Arbitrary<unknown> {
  const { field, route, hints, params } = place;
  const known = hints.values(route, field, params);
  const own = schemaValue(schema, place);
  if (known !== undefined && known.length > 0) {
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: own });
  }
  return own;
}

function schemaValue(schema: JsonSchema, place: Place): fc.Arbitrary<unknown> {
  const { field, route, hints, params } = place;
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? 'string'].flat();
  const options = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const min = schema.minimum ?? -1_000;
        return fc.integer({ min, max: Math.min(schema.maximum ?? min + 10_000, min + 10_000) });
      }
      case 'number':
        return fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e6,
        });
      case 'array':
        return fc.array(validValue(schema.items ?? {}, place), {
          maxLength: Math.min(schema.maxItems ?? 12, 12),
        });
      case 'object':
        return objectValue(schema, field, route, hints, params);
      default: {
        if (schema.format === 'date') return DATE;
        const maxLength = Math.min(schema.maxLength ?? 40, 40);
        if (schema.pattern !== undefined) {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1e9));
        }
        return fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength, unit: 'grapheme' });
      }
    }
  });
  return options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
}

function objectValue(
  schema: JsonSchema,
  field: string,
  route: ApiRoute,
  hints: Hints,
  params: Readonly<Record<string, string>>,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    const free = hints.freeForm(route, field, params);
    if (free !== undefined) return free as fc.Arbitrary<Record<string, unknown>>;
    return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  }
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(properties).map(([name, property]) => {
    const value = validValue(property, { field: name, route, hints, params });
    return [name, required.has(name) ? value.map((v) => ({ v })) : fc.option(value.map((v) => ({ v })))] as const;
  });
  return fc.tuple(...entries.map(([, arbitrary]) => arbitrary)).map((values) => {
    const result: Record<string, unknown> = {};
    values.forEach((value, i) => {
      if (value !== null) result[(entries[i] as readonly [string, unknown])[0]] = value.v;
    });
    return result;
  });
}

/** Sets an own property, `__proto__` included, as JSON.parse would read it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every place in a valid body where a wrong value may go: each with the schema the value had to fit. */
function placesIn(
  value: unknown,
  schema: JsonSchema,
  path: readonly string[] = [],
): { path: string[]; schema: JsonSchema }[] {
  const places: { path: string[]; schema: JsonSchema }[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      places.push(
        { path: [...path, String(i)], schema: schema.items ?? {} },
        ...placesIn(item, schema.items ?? {}, [...path, String(i)]),
      );
    });
  } else if (typeof value === 'object' && value !== null) {
    const names = new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(value)]);
    for (const name of names) {
      const property = schema.properties?.[name] ?? {};
      places.push({ path: [...path, name], schema: property });
      places.push(...placesIn((value as Record<string, unknown>)[name], property, [...path, name]));
    }
  }
  return places;
}

/** `value` with what is at `path` replaced (a copy). */
function replaced(value: unknown, path: readonly string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head = '', ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = replaced(copy[Number(head)], rest, next);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(typeof value === 'object' && value !== null ? value : {}) };
  setOwn(copy, head, replaced(copy[head], rest, next));
  return copy;
}

type Part = 'params' | 'querystring' | 'body';

/** A valid object for a part of the request, and the same object wrong in one way, with what was done. */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  schema: JsonSchema,
): fc.Arbitrary<{ value: unknown; mutation: string }> {
  return valid.chain((value) => {
    const places = placesIn(value, schema);
    const required = schema.required ?? [];
    const kinds: fc.Arbitrary<{ value: unknown; mutation: string }>[] = [
      fc
        .record({ key: fc.constantFrom('unknownField', '__proto__', 'constructor', '字段'), extra: badValue({}) })
        .map(({ key, extra }) => {
          const copy = { ...value };
          setOwn(copy, key, extra);
          return { value: copy, mutation: `unknown field ${key}` };
        }),
      badValue(schema).map((bad) => ({ value: bad, mutation: 'whole value replaced' })),
    ];
    if (places.length > 0) {
      kinds.push(
        fc.constantFrom(...places).chain((place) =>
          badValue(place.schema).map((bad) => ({
            value: replaced(value, place.path, bad),
            mutation: `bad ${place.path.join('.')}`,
          })),
        ),
      );
    }
    if (required.length > 0) {
      kinds.push(
        fc.constantFrom(...required).map((name) => {
          const { [name]: _gone, ...rest } = value;
          return { value: rest, mutation: `missing ${name}` };
        }),
      );
    }
    return fc.oneof(
      { weight: 1, arbitrary: kinds[0] as fc.Arbitrary<{ value: unknown; mutation: string }> },
      ...kinds.slice(1).map((k) => ({ weight: 3, arbitrary: k })),
    );
  });
}

/** Bodies that are not what any route reads, each with the content type it is sent as. */
const RAW_BODIES: { payload: string; contentType?: string; mutation: string }[] = [
  { payload: '', contentType: 'application/json', mutation: 'empty JSON body' },
  { payload: ' ', contentType: 'application/json', mutation: 'blank JSON body' },
  { payload: '{', contentType: 'application/json', mutation: 'truncated JSON' },
  { payload: '{"a":}', contentType: 'application/json', mutation: 'invalid JSON' },
  { payload: 'not json', contentType: 'application/json', mutation: 'text as JSON' },
  { payload: 'null', contentType: 'application/json', mutation: 'null body' },
  { payload: '[]', contentType: 'application/json', mutation: 'array body' },
  { payload: '"text"', contentType: 'application/json', mutation: 'string body' },
  { payload: '1e309', contentType: 'application/json', mutation: '1e309 body' },
  { payload: 'NaN', contentType: 'application/json', mutation: 'NaN body' },
  { payload: '\ufeff{}', contentType: 'application/json', mutation: 'BOM before JSON' },
  { payload: '{"a":1,"a":"x"}', contentType: 'application/json', mutation: 'duplicate keys' },
  { payload: '{"__proto__":{"polluted":true}}', contentType: 'application/json', mutation: '__proto__ body' },
  {
    payload: '{"constructor":{"prototype":{"polluted":true}}}',
    contentType: 'application/json',
    mutation: 'constructor.prototype body',
  },
  {
    payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    contentType: 'application/json',
    mutation: 'nested 100,000 deep',
  },
  {
    payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    contentType: 'application/json',
    mutation: 'objects nested 10,000 deep',
  },
  { payload: `"${'x'.repeat(1_100_000)}"`, contentType: 'application/json', mutation: 'body over 1 MiB' },
  { payload: '{}', contentType: 'text/plain', mutation: 'text/plain' },
  { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', mutation: 'form body' },
  { payload: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x', mutation: 'multipart body' },
  { payload: '{}', contentType: 'application/json; charset=latin1', mutation: 'latin1 JSON' },
  { payload: '{}', contentType: 'application/vnd.api+json', mutation: 'vendor JSON type' },
  { payload: '{}', contentType: 'APPLICATION/JSON', mutation: 'upper-case JSON type' },
  { payload: '\u0000', contentType: 'application/json', mutation: 'NUL body' },
];

/** Query-string tails that no schema writes: repeated, empty and broken parameters. */
const RAW_QUERIES = [
  '&',
  '&&=',
  '&=x',
  '&%',
  '&%E0%A4%A',
  '&a%00=1',
  '&__proto__=1',
  '&constructor[prototype]=1',
  '&x[]=1',
  '&x[a]=1',
];

/** Path segments that are wrong for any parameter, as sent (already escaped, or deliberately not). */
const RAW_SEGMENTS = [
  '%00',
  '%',
  '%E0%A4%A',
  '%C3%28',
  '..',
  '%2E%2E',
  '%2F',
  'a%2Fb',
  '%20',
  '%F0%9F%98%80',
  'x'.repeat(5_000),
];

/**
 * Percent-encodes as a client would, but also half of a surrogate pair (which
 * encodeURIComponent refuses): as the three bytes it would take, invalid UTF-8 on arrival.
 */
function encode(value: unknown): string {
  const text = wireText(value);
  try {
    return encodeURIComponent(text);
  } catch {
    // a lone surrogate: encoded below
  }
  let out = '';
  for (const unit of text) {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(unit);
  }
  return out;
}

/** The path params a route's URL names, in order. */
function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
}

/** The requests for one route: a third valid, the rest wrong in their params, query or body. */
export function requestsFor(route: ApiRoute, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const paramsSchema = (route.input.params ?? {}) as JsonSchema;
  const querySchema = (route.input.querystring ?? { type: 'object', properties: {} }) as JsonSchema;
  const bodySchema = route.input.body as JsonSchema | undefined;
  const names = pathParams(route.url);
  const takesBody = !['GET', 'HEAD'].includes(route.method);

  // Path params one by one, so that a later one (a row's ref) may depend on an earlier one (its ledger).
  let params: fc.Arbitrary<Record<string, string>> = fc.constant({});
  for (const name of names) {
    const schema = paramsSchema.properties?.[name] ?? { type: 'string' };
    params = params.chain((so) =>
      validValue(schema, { field: name, route, hints, params: so }).map((v) => ({ ...so, [name]: wireText(v) })),
    );
  }

  return params.chain((validParams) => {
    const query = objectValue(querySchema, 'querystring', route, hints, validParams);
    const body =
      bodySchema === undefined ? fc.constant(undefined) : objectValue(bodySchema, 'body', route, hints, validParams);
    const part: Part[] = [
      'querystring',
      ...(names.length > 0 ? (['params'] as const) : []),
      ...(takesBody ? (['body'] as const) : []),
    ];
    const build = (
      segments: Readonly<Record<string, string>>,
      queryValue: unknown,
      queryTail: string,
      payload: { payload?: string; contentType?: string } | undefined,
      mutation: string,
    ): FuzzRequest => {
      const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => segments[name] ?? '');
      const pairs =
        typeof queryValue === 'object' && queryValue !== null && !Array.isArray(queryValue)
          ? Object.entries(queryValue).flatMap(([k, v]) =>
              Array.isArray(v)
                ? v.map((item) => `${encodeURIComponent(k)}=${encode(item)}`)
                : [`${encodeURIComponent(k)}=${encode(v)}`],
            )
          : [`q=${encode(queryValue)}`];
      const search = `${pairs.join('&')}${queryTail}`;
      return { method: route.method, url: search === '' ? path : `${path}?${search}`, ...payload, mutation };
    };
    const encodedParams = Object.fromEntries(Object.entries(validParams).map(([k, v]) => [k, encode(v)]));
    const asJson = (value: unknown) =>
      value === undefined ? undefined : { payload: jsonText(value), contentType: 'application/json' };

    const valid = fc
      .tuple(query, body)
      .map(([q, b]) => build(encodedParams, q, '', takesBody ? asJson(b) : undefined, 'valid'));
    const wrong = fc.constantFrom(...part).chain((where): fc.Arbitrary<FuzzRequest> => {
      if (where === 'params') {
        return fc
          .tuple(
            fc.constantFrom(...names),
            fc.oneof(badValue({ type: 'string' }).map(encode), fc.constantFrom(...RAW_SEGMENTS)),
            body,
          )
          .map(([name, segment, b]) =>
            build(
              { ...encodedParams, [name]: segment },
              {},
              '',
              takesBody ? asJson(b) : undefined,
              `bad path param ${name}: ${segment.slice(0, 80)}`,
            ),
          );
      }
      if (where === 'querystring') {
        return fc.oneof(
          fc
            .tuple(mutated(query, querySchema), body)
            .map(([m, b]) =>
              build(encodedParams, m.value, '', takesBody ? asJson(b) : undefined, `query: ${m.mutation}`),
            ),
          fc
            .tuple(query, fc.constantFrom(...RAW_QUERIES), body)
            .map(([q, tail, b]) =>
              build(encodedParams, q, tail, takesBody ? asJson(b) : undefined, `query tail ${tail}`),
            ),
        );
      }
      const schema = bodySchema ?? {};
      return fc.oneof(
        {
          weight: 3,
          arbitrary: mutated(
            body.map((b) => b ?? {}),
            schema,
          ).map((m) => build(encodedParams, {}, '', asJson(m.value), `body: ${m.mutation}`)),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...RAW_BODIES)
            .map((raw) => build(encodedParams, {}, '', raw, `body: ${raw.mutation}`)),
        },
      );
    });
    return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: wrong });
  });
}
