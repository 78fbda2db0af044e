import {
  type Static,
  type TArray,
  type TInteger,
  type TObject,
  type TSchema,
  type TString,
  type TUnsafe,
  Type,
} from '@sinclair/typebox';
import { YEAR_MAX, YEAR_MIN } from '@taizhang/core/browser';

/**
 * The building blocks of every route's schema. Each is plain JSON Schema (what Fastify
 * validates with and the OpenAPI document shows) carrying its TypeScript type, so a route's
 * request and answer types are read off the schema rather than written beside it.
 */

/**
 * A text, number or list, or null — as one `type` list rather than `anyOf` with a null branch:
 * the server coerces request types, and ajv would turn null into "" to fit a string branch
 * tried first.
 */
export function nullable<T extends TString | TInteger | TArray>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

/** One of a list of texts (`{ type: 'string', enum }`), typed as their union. */
export function oneOf<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** An object, or null (an `anyOf`: objects are never coerced). */
export function orNull<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/**
 * `{ $ref: 'Name#' }`: a shared shape by its $id (registered once by the server and listed as an
 * OpenAPI component), typed as the shape itself.
 */
export function ref<T extends TSchema>(shape: T): TUnsafe<Static<T>> {
  if (shape.$id === undefined) throw new Error('a shared shape needs an $id');
  return Type.Unsafe<Static<T>>({ $ref: `${shape.$id}#` });
}

/** A schema with a description of its own use (the OpenAPI page shows it). */
export function described<T extends TSchema>(schema: T, description: string): T {
  return { ...schema, description };
}

/** A JSON object whose keys are the data's own (a ledger row's fields, an audited row). */
export const AnyObject = Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true });

/** A JSON object of texts by key (the reasons a figure is missing, by figure). */
export const TextsByKey = Type.Unsafe<Record<string, string>>({
  type: 'object',
  additionalProperties: { type: 'string' },
});

/** A year Taizhang keeps figures for (core's YEAR_MIN–YEAR_MAX). */
export const Year = Type.Integer({ minimum: YEAR_MIN, maximum: YEAR_MAX, description: '年份' });

/** `?year`, left to the data when omitted. */
export const LatestYear = Type.Optional(described(Year, '省略时取最新数据的年份'));

/** The last month a period covers. */
export const Through = Type.Integer({ minimum: 1, maximum: 12, description: '截至月份 1－12' });

/** ?year&through: the period; each left to the data when omitted (docs/api.md, "Conventions"). */
export const periodQuery = { year: Type.Optional(Year), through: Type.Optional(Through) };

/** A query that refuses parameters it does not list (400). */
export function query<P extends Parameters<typeof Type.Object>[0]>(properties: P) {
  return Type.Object(properties, { additionalProperties: false });
}

/** A request body that refuses fields it does not list (400). */
export const body = query;

/** A decimal as text, 12.35 or -3, so nothing is rounded on the way; checked (with a Chinese reason) by the service. */
export const Decimal = Type.String({ maxLength: 40, description: '十进制数字的文本，如 "12.35"' });

/** A decimal as text, or null for none. */
export const NullableDecimal = nullable(Decimal);

/**
 * The largest integer a request may give where the database keeps a 32-bit one (a version);
 * beyond it PostgreSQL would refuse the query rather than the request.
 */
const INT32_MAX = 2_147_483_647;

/** A row's version as read, to change it at (optimistic locking). */
export const version = (minimum: 0 | 1) => Type.Integer({ minimum, maximum: INT32_MAX });

/**
 * A query parameter with a default: left out of `required` (the caller may omit it), yet typed
 * as present, because the server fills the default in before a handler sees the request.
 */
export function defaulted<T extends TSchema>(schema: T): T {
  return Type.Optional(schema) as unknown as T;
}

/** The paging of a list query: rows from `offset`, at most `limit` (default 50). */
export const pagingQuery = {
  offset: defaulted(Type.Integer({ minimum: 0, maximum: INT32_MAX, default: 0 })),
  limit: defaulted(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

/** One page of a list: the rows of a shared shape, and how many there are in all. */
export function pageOf<T extends TSchema>(item: T) {
  return Type.Object({ total: Type.Integer(), rows: Type.Array(ref(item)) });
}

/** A list of a shared shape. */
export function listOf<T extends TSchema>(item: T) {
  return Type.Array(ref(item));
}

/** An answer with no body (204). */
export const NoContent = Type.Unsafe<void>({ type: 'null' });

/** A file as the answer's body (a report, an export). */
export const FileBody = (description: string) =>
  Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description });

/** What a route declares: its method, path and schemas (tags and summary for the OpenAPI page). */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: `/api/${string}`;
  schema: {
    tags: string[];
    summary: string;
    params?: TObject;
    querystring?: TObject;
    body?: TObject;
    response: Record<number, TSchema>;
  };
}

/** A route as declared, its literal types kept (so the server and the web read types off it). */
export function route<const R extends RouteContract>(declared: R): R {
  return declared;
}

/** The type of what a route answers with a status. */
export type Answer<
  R extends RouteContract,
  S extends keyof R['schema']['response'] = 200,
> = R['schema']['response'][S] extends TSchema ? Static<R['schema']['response'][S]> : never;

/** The type of a route's request body. */
export type BodyOf<R extends RouteContract> = R['schema']['body'] extends TSchema ? Static<R['schema']['body']> : never;

/** The type of a route's query, as the caller writes it (defaults may be left out). */
export type QueryOf<R extends RouteContract> = R['schema']['querystring'] extends TObject
  ? Partial<Static<R['schema']['querystring']>>
  : never;
