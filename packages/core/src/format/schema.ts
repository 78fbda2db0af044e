import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { LedgerTypeDefinition } from '../ledgers/definition.js';
import { SEED_PRESET } from '../ledgers/preset.js';
import { rowListSchema, rowSchema, rowSchemaName } from '../ledgers/row-schema.js';
import publishedSchema from './dataset.schema.json' with { type: 'json' };

/** A JSON Schema object, read loosely: the messages need only a few keywords of it. */
export type SchemaNode = Readonly<Record<string, unknown>>;

/**
 * The published JSON Schema with the rows of each ledger type laid in: `$defs/ledger_<code>`
 * and `ledgers.<code>`, generated from the types' definitions, so that a row is checked, and
 * its fields named in messages, as every other part of a dataset is.
 */
function withLedgerTypes(base: typeof publishedSchema, types: readonly LedgerTypeDefinition[]): typeof publishedSchema {
  const schema = structuredClone(base);
  const defs = schema.$defs as unknown as Record<string, unknown>;
  const lists = schema.properties.ledgers.properties as Record<string, unknown>;
  for (const type of types) {
    defs[rowSchemaName(type.code)] = rowSchema(type);
    lists[type.code] = rowListSchema(type);
  }
  return schema;
}

/** What the schema says about one place of a dataset. */
export interface Site {
  /** the schema written at this place, with its own title and description */
  site: SchemaNode;
  /** the same with `$ref` followed */
  resolved: SchemaNode;
  /** the `$defs` entry it refers to, if any ("decimal", "code", …) */
  ref?: string | undefined;
  /** true for an item of an array, whose label is its parent's plus its position */
  item: boolean;
}

/**
 * The formats the schema names. `date` and `date-time` say what a field holds (and decide a
 * ledger column's SQL type); the field's `pattern` is what checks the text, since a
 * date-time without an offset is accepted here as Beijing time, which RFC 3339 would refuse.
 */
export const SCHEMA_FORMATS = { date: true, 'date-time': true } as const;

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function lastSegment(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');
}

function titleOf(site: Site | undefined): string | undefined {
  const title = site?.site.title ?? site?.resolved.title;
  return typeof title === 'string' ? title : undefined;
}

/**
 * The dataset schema for one set of ledger types (the preset's, or the preset's and those an
 * organisation or a file defines). It drives both validation and the words of every shape
 * message: the Chinese `title` of each field is how messages name it, so schema and messages
 * cannot drift. Validators are compiled once, on first use.
 */
export class DatasetSchema {
  /** the JSON Schema itself */
  readonly json: typeof publishedSchema;
  private readonly definitions: Readonly<Record<string, SchemaNode>>;
  private readonly rootSite: Site;
  private ajv: Ajv2020 | undefined;
  private validator: ValidateFunction | undefined;
  private readonly definitionValidators = new Map<string, ValidateFunction>();

  constructor(types: readonly LedgerTypeDefinition[]) {
    this.json = withLedgerTypes(publishedSchema, types);
    this.definitions = (this.json.$defs ?? {}) as unknown as Readonly<Record<string, SchemaNode>>;
    this.rootSite = this.resolve(this.json, false);
  }

  private resolve(site: SchemaNode, item: boolean): Site {
    const ref = typeof site.$ref === 'string' ? site.$ref.replace(/^#\/\$defs\//, '') : undefined;
    return { site, resolved: (ref === undefined ? undefined : this.definitions[ref]) ?? site, ref, item };
  }

  /** The schema at a JSON Pointer of the data, or undefined where the schema says nothing. */
  siteAt(pointer: string): Site | undefined {
    let current: Site = this.rootSite;
    if (pointer === '') return current;
    for (const raw of pointer.slice(1).split('/')) {
      const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      const { properties, items } = current.resolved as { properties?: Record<string, SchemaNode>; items?: SchemaNode };
      if (properties !== undefined && Object.hasOwn(properties, segment)) {
        current = this.resolve(properties[segment] as SchemaNode, false);
      } else if (items !== undefined && /^(0|[1-9][0-9]*)$/.test(segment)) {
        current = this.resolve(items, true);
      } else return undefined;
    }
    return current;
  }

  /** How messages name the node at a pointer: 月份, 计划进度第 3 项, or the key itself. */
  labelAt(pointer: string): string {
    const site = this.siteAt(pointer);
    if (site?.item) return `${this.labelAt(parentPointer(pointer))}第 ${Number(lastSegment(pointer)) + 1} 项`;
    return titleOf(site) ?? lastSegment(pointer);
  }

  /** How messages name an object that lacks or has extra fields: 台账数据集, 指标（fai）, 数值记录. */
  ownerAt(pointer: string, value: unknown): string {
    const site = this.siteAt(pointer);
    const title = (typeof site?.resolved.title === 'string' ? site.resolved.title : undefined) ?? this.labelAt(pointer);
    // A record is named by its code, a ledger row (台账) by its ref.
    const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const name = fields?.code ?? fields?.ref;
    return typeof name === 'string' ? `${title}（${name}）` : title;
  }

  /** A field of an object as messages name it: `unit（计量单位）`. */
  fieldTitle(objectPointer: string, field: string): string | undefined {
    return titleOf(this.siteAt(`${objectPointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  }

  /** The fields an object at a pointer may have, in the schema's order. */
  allowedFields(pointer: string): string[] {
    const properties = this.siteAt(pointer)?.resolved.properties;
    return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  }

  /** The `$defs` entry of that name, read loosely. */
  definition(name: string): SchemaNode | undefined {
    return this.definitions[name];
  }

  private compiler(): Ajv2020 {
    // strictRequired is off because `anyOf: [{required: [amount]}, {required: [growth]}]` is
    // how the schema says "at least one of"; every other strict check stays on.
    this.ajv ??= new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      formats: SCHEMA_FORMATS,
    }).addSchema(this.json);
    return this.ajv;
  }

  /** Every way the value departs from the schema. */
  shapeErrors(value: unknown): ErrorObject[] {
    this.validator ??= this.compiler().getSchema(this.json.$id) as ValidateFunction;
    return this.validator(value) ? [] : [...(this.validator.errors ?? [])];
  }

  /**
   * Every way one record departs from a `$defs` entry (a ledger row added on its own), with
   * instance paths placed under `base`, the pointer such a record has in a whole dataset, so
   * that messages name its fields as they do in a file.
   */
  definitionShapeErrors(definition: string, value: unknown, base: string): ErrorObject[] {
    let validate = this.definitionValidators.get(definition);
    if (validate === undefined) {
      validate = this.compiler().getSchema(`${this.json.$id}#/$defs/${definition}`);
      if (validate === undefined) throw new Error(`the schema has no definition ${definition}`);
      this.definitionValidators.set(definition, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ ...error, instancePath: `${base}${error.instancePath}` }));
  }
}

/** The schema of the preset's ledgers: what a dataset that defines no ledger type of its own is checked against. */
export const PRESET_SCHEMA = new DatasetSchema(SEED_PRESET.ledgerTypes);

/** The published schema with the preset's ledgers laid in (`taizhang schema` prints it). */
export const datasetSchema = PRESET_SCHEMA.json;

/** Schemas of other sets of ledger types, by their definitions' JSON; few sets recur, so few are kept. */
const schemas = new Map<string, DatasetSchema>();
const SCHEMAS_KEPT = 32;

/**
 * The schema for a set of ledger types (the preset's first, then those defined by an
 * organisation or a file, which may replace none of them): the same set gives the same,
 * already compiled schema.
 */
export function schemaFor(types: readonly LedgerTypeDefinition[]): DatasetSchema {
  if (types === SEED_PRESET.ledgerTypes) return PRESET_SCHEMA;
  const key = JSON.stringify(types);
  let schema = schemas.get(key);
  if (schema === undefined) {
    if (schemas.size >= SCHEMAS_KEPT) schemas.delete(schemas.keys().next().value as string);
    schema = new DatasetSchema(types);
    schemas.set(key, schema);
  }
  return schema;
}

const definitions = (datasetSchema.$defs ?? {}) as unknown as Readonly<Record<string, SchemaNode>>;

/** The `$defs` entries that hold an exact decimal, so its literal text must be plain. */
export const DECIMAL_DEFINITIONS: ReadonlySet<string> = new Set(['decimal', 'nonNegativeDecimal']);

/**
 * A plain decimal (12.30, -3), as the schema's string form of `decimal` states it: a number's
 * literal text must match it too, so both ways of writing a decimal obey one rule.
 */
export const PLAIN_DECIMAL = new RegExp(
  ((definitions.decimal?.anyOf ?? []) as SchemaNode[])
    .map((branch) => branch.pattern)
    .find((p) => typeof p === 'string') as string,
);

/** A `default` the schema declares for a field of a `$defs` entry; the loader applies it. */
export function schemaDefault(definition: string, field: string): unknown {
  const properties = definitions[definition]?.properties as Record<string, SchemaNode> | undefined;
  return properties?.[field]?.default;
}

// The parts of a dataset outside its ledgers read the same in every schema: the preset's names them.

/** How messages name the node at a pointer (outside the ledgers). */
export function labelAt(pointer: string): string {
  return PRESET_SCHEMA.labelAt(pointer);
}

/** How messages name an object (outside the ledgers). */
export function ownerAt(pointer: string, value: unknown): string {
  return PRESET_SCHEMA.ownerAt(pointer, value);
}

/** Every way one record departs from a `$defs` entry of the published schema (a target set on its own). */
export function definitionShapeErrors(definition: string, value: unknown, base: string): ErrorObject[] {
  return PRESET_SCHEMA.definitionShapeErrors(definition, value, base);
}

/** The `$defs` entry of that name in the published schema, read loosely. */
export function schemaDefinition(definition: string): SchemaNode | undefined {
  return PRESET_SCHEMA.definition(definition);
}
