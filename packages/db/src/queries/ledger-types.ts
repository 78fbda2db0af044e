import {
  compileLedgerType,
  type FieldKind,
  type LedgerDef,
  type LedgerStorage,
  type LedgerTypeDefinition,
  ledgerColumns,
} from '@taizhang/core';
import type { Queryable } from '../database.js';

/**
 * An organisation's 台账类型 (migrations 0014, 0015): the preset's, installed with the
 * organisation, and those it defines itself; each a catalogue row and the generated table
 * behind it. Every column is named here, once, when its field is first stored (c1, c2, …);
 * the table is made and altered by `ledger_table_sync`, which builds its DDL from the
 * catalogue row alone.
 */

/** Where one field is kept, as the catalogue's `columns` holds it. */
interface StoredColumn {
  column: string;
  /** the SQL type, one of core's SQL_TYPES */
  type: string;
  /** an index on (org_id, column): the fields a derived figure filters, places or groups by */
  indexed: boolean;
}

/** A ledger type as stored: its definition, where it is kept and its bookkeeping. */
export interface StoredLedgerType {
  code: string;
  definition: LedgerTypeDefinition;
  /** ledger_t<id> */
  table: string;
  /** field code → column */
  columns: Record<string, string>;
  /** installed from the preset (ledger_presets), not defined by the organisation */
  preset: boolean;
  /** the hand-written table its rows were kept in before 0015, as older audit records name it */
  legacyTable: string | null;
  version: number;
  updatedBy: string;
  /** UTC, 2021-03-02T01:12:00Z */
  updatedAt: string;
}

/** A change carrying another version than the stored one: someone changed the type meanwhile. */
export class StaleLedgerTypeError extends Error {
  constructor(
    readonly code: string,
    readonly current: StoredLedgerType,
  ) {
    super(`ledger type ${code}: the stored version is ${current.version}`);
    this.name = 'StaleLedgerTypeError';
  }
}

/** A ledger type created with a code the organisation already uses. */
export class LedgerTypeExistsError extends Error {
  constructor(readonly code: string) {
    super(`ledger type ${code} exists`);
    this.name = 'LedgerTypeExistsError';
  }
}

/** Kinds of field a derived figure filters, places or groups by: their columns are indexed. */
const INDEXED: ReadonlySet<FieldKind> = new Set(['date', 'dateTime', 'integer', 'choice', 'section', 'reference']);

const UTC_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

// A type alias, not an interface: query rows need an implicit index signature.
type CatalogueRow = {
  id: string;
  code: string;
  definition: LedgerTypeDefinition;
  columns: Record<string, StoredColumn>;
  preset: boolean;
  legacyTable: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
};

function stored(row: CatalogueRow): StoredLedgerType {
  return {
    code: row.code,
    definition: row.definition,
    table: `ledger_t${row.id}`,
    columns: Object.fromEntries(Object.entries(row.columns).map(([field, kept]) => [field, kept.column])),
    preset: row.preset,
    legacyTable: row.legacyTable,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

const SELECT = `select id::text as id, code, definition, columns, preset, legacy_table as "legacyTable", version, updated_by as "updatedBy",
    to_char(updated_at at time zone 'UTC', ${UTC_INSTANT}) as "updatedAt"
  from ledger_types`;

/**
 * The organisation's ledger types: the preset's in the preset's order, then its own in the
 * order they were created (by the column id: the output's `id` is text, and would sort 10 before 2).
 */
export async function listLedgerTypes(q: Queryable, orgId: string): Promise<StoredLedgerType[]> {
  const rows = await q.query<CatalogueRow>(`${SELECT} where org_id = $1 order by preset desc, ledger_types.id`, [
    orgId,
  ]);
  return rows.map(stored);
}

/** One of the organisation's ledger types, or undefined. */
export async function findLedgerType(q: Queryable, orgId: string, code: string): Promise<StoredLedgerType | undefined> {
  const rows = await q.query<CatalogueRow>(`${SELECT} where org_id = $1 and code = $2`, [orgId, code]);
  const [row] = rows;
  return row === undefined ? undefined : stored(row);
}

/** A stored type made ready for use: its rows are read from and written to its generated table. */
export function storedLedgerDef(type: StoredLedgerType): LedgerDef {
  const storage: LedgerStorage = {
    table: type.table,
    columns: type.columns,
    preset: type.preset,
    legacyTable: type.legacyTable,
  };
  return compileLedgerType(type.definition, storage);
}

/**
 * Where each field of `definition` is kept: the columns already named keep their names, and
 * each new field gets the next c<n>. Its SQL type is core's for the field's kind.
 */
export function placeColumns(
  definition: LedgerTypeDefinition,
  existing: Readonly<Record<string, StoredColumn>>,
): Record<string, StoredColumn> {
  const used = Object.values(existing).map((kept) => Number(kept.column.slice(1)));
  let next = Math.max(0, ...used) + 1;
  const placed: Record<string, StoredColumn> = { ...existing };
  const names = Object.fromEntries(
    definition.fields.map((field) => {
      const kept = existing[field.code];
      if (kept !== undefined) return [field.code, kept.column];
      const column = `c${next}`;
      next += 1;
      return [field.code, column];
    }),
  );
  for (const column of ledgerColumns(definition, names)) {
    const kept = existing[column.field];
    if (kept !== undefined && kept.type !== column.sqlType) {
      throw new Error(
        `ledger field ${definition.code}.${column.field} cannot change from ${kept.type} to ${column.sqlType}`,
      );
    }
    placed[column.field] = { column: column.column, type: column.sqlType, indexed: INDEXED.has(column.kind) };
  }
  return placed;
}

/**
 * Stores a new ledger type and creates its table, in the caller's transaction: both are
 * there, or neither. LedgerTypeExistsError when the organisation already has the code.
 */
export async function insertLedgerType(
  q: Queryable,
  orgId: string,
  definition: LedgerTypeDefinition,
): Promise<StoredLedgerType> {
  const inserted = await q.query<{ id: string }>(
    `insert into ledger_types (org_id, code, definition, columns) values ($1, $2, $3, $4)
     on conflict (org_id, code) do nothing returning id::text as id`,
    [orgId, definition.code, JSON.stringify(definition), JSON.stringify(placeColumns(definition, {}))],
  );
  if (inserted.length === 0) throw new LedgerTypeExistsError(definition.code);
  await q.query('select ledger_table_sync($1, $2)', [orgId, definition.code]);
  return (await findLedgerType(q, orgId, definition.code)) as StoredLedgerType;
}

/**
 * Replaces a type's definition, only if its stored version is `expectedVersion` (otherwise
 * StaleLedgerTypeError with the type as it now is), and adds the columns of new fields to its
 * table in the same transaction. A field keeps its column for good: retiring or reordering
 * fields changes only the definition. A definition equal to the stored one writes nothing.
 */
export async function updateLedgerType(
  q: Queryable,
  orgId: string,
  expectedVersion: number,
  definition: LedgerTypeDefinition,
): Promise<StoredLedgerType> {
  const [current] = await q.query<CatalogueRow>(`${SELECT} where org_id = $1 and code = $2 for update`, [
    orgId,
    definition.code,
  ]);
  if (current === undefined) throw new Error(`no ledger type ${definition.code}`);
  if (current.version !== expectedVersion) throw new StaleLedgerTypeError(definition.code, stored(current));
  const columns = placeColumns(definition, current.columns);
  await q.query(
    `update ledger_types set definition = $3, columns = $4, version = version + 1,
       updated_by = audit_actor(), updated_at = now()
     where org_id = $1 and code = $2 and (definition, columns) is distinct from ($3::jsonb, $4::jsonb)`,
    [orgId, definition.code, JSON.stringify(definition), JSON.stringify(columns)],
  );
  await q.query('select ledger_table_sync($1, $2)', [orgId, definition.code]);
  return (await findLedgerType(q, orgId, definition.code)) as StoredLedgerType;
}

/**
 * Puts the preset's ledger types the organisation does not hold yet in its catalogue, with
 * their tables (migration 0015); the number installed, 0 when it holds them all already.
 */
export async function installLedgerPreset(q: Queryable, orgId: string): Promise<number> {
  const [row] = await q.query<{ installed: number }>('select install_ledger_preset($1) as installed', [orgId]);
  return row?.installed ?? 0;
}
