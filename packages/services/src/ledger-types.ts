import type * as Api from '@taizhang/contract';
import {
  checkLedgerRow,
  checkLedgerTypeInput,
  compileLedgerType,
  type DeriveSpec,
  type FieldDefinition,
  type LedgerDef,
  type LedgerTypeDefinition,
  ledgerRowInput,
  makeProblem,
  type Problem,
  sameLedgerType,
} from '@taizhang/core';
import {
  actingAs,
  countLedgerRows,
  type Database,
  findLedgerType,
  insertLedgerType,
  listIndicators,
  listLedgerRows,
  listLedgerTypes,
  listTemplates,
  type Queryable,
  StaleLedgerTypeError,
  type StoredLedgerType,
  storedLedgerDef,
  type UpsertCount,
  updateLedgerType,
} from '@taizhang/db';
import { actorOf, type Caller } from './accounts/caller.js';
import { orgLedgers } from './ledger-catalogue.js';
import { beijingTime } from './ledgers.js';
import { refuse, refuseForm, refuseStale } from './refusals.js';
import { UserError } from './user-error.js';

/**
 * 台账设置: the ledger types an organisation defines, created and changed by the office and the
 * administrator or by a dataset's ledgerTypes. A change is refused when it would lose data
 * (a field dropped or retyped) or when the rows already kept, a derived indicator or a report
 * template would no longer hold under it, each named. The catalogue row and its table's DDL
 * are written in one audited transaction (migration 0014).
 */

/** At most this many rows are named when a change would make rows invalid. */
const ROWS_NAMED = 20;
/** Rows are re-checked in pages of this many. */
const ROW_PAGE = 1_000;

function typeView(
  def: LedgerDef,
  rows: number,
  stored: Pick<StoredLedgerType, 'version' | 'updatedBy' | 'updatedAt'>,
): Api.LedgerType {
  return {
    code: def.code,
    name: def.label,
    builtIn: def.builtIn,
    version: stored.version,
    definition: def.definition as unknown as Record<string, unknown>,
    rows,
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt,
  };
}

async function storedView(q: Queryable, orgId: string, stored: StoredLedgerType): Promise<Api.LedgerType> {
  const def = storedLedgerDef(stored);
  return typeView(def, await countLedgerRows(q, orgId, def, {}), stored);
}

/** Every ledger type of the organisation: the preset's (read-only), then its own. */
export async function ledgerTypeList(db: Database, orgId: string): Promise<Api.LedgerType[]> {
  const types = await listLedgerTypes(db, orgId);
  return Promise.all(types.map((stored) => storedView(db, orgId, stored)));
}

/** Problems of a definition as a form names them: the field at the top of its path. */
function invalid(problems: readonly Problem[]) {
  return refuseForm(
    'LEDGER_TYPE_INVALID',
    problems.map((p) => ({ field: p.path.split('/')[1] ?? '', path: p.path, message: p.message })),
    {},
  );
}

/**
 * The definition checked on its own and against the organisation's ledgers; for a change,
 * also against the rows, derived indicators and templates that depend on the type.
 */
async function examined(
  q: Queryable,
  orgId: string,
  given: unknown,
  before?: StoredLedgerType,
): Promise<{ ok: true; definition: LedgerTypeDefinition } | { ok: false; problems: Problem[] }> {
  const ledgers = (await orgLedgers(q, orgId)).map((l) => ({ code: l.code, label: l.label, builtIn: l.builtIn }));
  const result = checkLedgerTypeInput(given, ledgers, before?.definition);
  if (!result.ok || before === undefined) return result;
  const problems = [
    ...(await rowProblems(q, orgId, storedLedgerDef(before), compileLedgerType(result.definition))),
    ...(await dependentProblems(q, orgId, before.definition, result.definition)),
  ];
  return problems.length > 0 ? { ok: false, problems } : result;
}

/** `examined`, refused as a form (台账设置) naming every problem. */
async function checked(
  q: Queryable,
  orgId: string,
  given: unknown,
  before?: StoredLedgerType,
): Promise<LedgerTypeDefinition> {
  const result = await examined(q, orgId, given, before);
  if (!result.ok) throw invalid(result.problems);
  return result.definition;
}

/** A dataset's ledger types that cannot be stored: the problems, placed under `/ledgerTypes/<index>`. */
export class LedgerTypesRejected extends UserError {
  constructor(readonly problems: readonly Problem[]) {
    super(
      'LEDGER_TYPE_INVALID',
      `台账类型未保存：发现 ${problems.length} 处问题`,
      problems.map((p) => p.message),
    );
  }
}

/**
 * The rows kept under `stored` that the changed type `after` would refuse, each named by its
 * ref with its first reason. They are read by the stored type: a new field has no column yet.
 */
async function rowProblems(q: Queryable, orgId: string, stored: LedgerDef, after: LedgerDef): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (let offset = 0; problems.length < ROWS_NAMED; offset += ROW_PAGE) {
    const rows = await listLedgerRows(q, orgId, stored, { limit: ROW_PAGE, offset });
    for (const row of rows) {
      const result = checkLedgerRow(after, ledgerRowInput(row));
      if (result.ok || problems.length >= ROWS_NAMED) continue;
      const reason = result.problems[0]?.message ?? '';
      problems.push(
        makeProblem({ file: '', path: '' }, 'ledgerTypeRowsViolate', { type: after.label, ref: row.ref, reason }),
      );
    }
    if (rows.length < ROW_PAGE) break;
  }
  return problems;
}

/** The fields a derived figure reads, with the values it filters each by. */
function derivedFields(derive: DeriveSpec): Map<string, unknown> {
  const used = new Map<string, unknown>(Object.entries(derive.where ?? {}));
  for (const field of [derive.field, derive.date, derive.year]) if (field !== undefined) used.set(field, undefined);
  return used;
}

/** Why a field used elsewhere would no longer serve, or undefined. */
function lostUse(field: FieldDefinition | undefined, filter: unknown): string | undefined {
  if (field === undefined) return undefined;
  if (field.retired === true) return '将被停用';
  const wanted = typeof filter === 'string' ? [filter] : Array.isArray(filter) ? filter.map(String) : [];
  const gone = field.type === 'choice' ? wanted.find((value) => !(field.values ?? []).includes(value)) : undefined;
  return gone === undefined ? undefined : `的可选值将不再有“${gone}”`;
}

/**
 * Derived indicators and report templates that read a field the change retires, or filter on
 * a choice value it drops. A template is taken to read a field when it names the ledger and
 * the field in quotes, as its filters do (`{{ 'parking' | top: 'status' }}`).
 */
async function dependentProblems(
  q: Queryable,
  orgId: string,
  before: LedgerTypeDefinition,
  after: LedgerTypeDefinition,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const place = { file: '', path: '' };
  const fieldOf = (code: string) => {
    const old = before.fields.find((f) => f.code === code);
    const now = after.fields.find((f) => f.code === code);
    // Only what the change itself does counts: a field retired before stays as it was.
    return old?.retired === true ? undefined : now;
  };
  const titleOf = (code: string) => after.fields.find((f) => f.code === code)?.title ?? code;
  for (const indicator of await listIndicators(q, orgId)) {
    if (indicator.derive?.ledger !== after.code) continue;
    for (const [code, filter] of derivedFields(indicator.derive)) {
      const reason = lostUse(fieldOf(code), filter);
      if (reason === undefined) continue;
      problems.push(
        makeProblem(place, 'ledgerTypeUsedByIndicator', {
          type: after.name,
          field: titleOf(code),
          indicator: indicator.code,
          name: indicator.name,
          reason,
        }),
      );
    }
  }
  for (const template of await listTemplates(q, orgId)) {
    if (!template.text.includes(`'${after.code}'`)) continue;
    for (const field of after.fields) {
      const reason = lostUse(fieldOf(field.code), undefined);
      if (reason === undefined || !template.text.includes(`'${field.code}'`)) continue;
      problems.push(
        makeProblem(place, 'ledgerTypeUsedByTemplate', {
          type: after.name,
          field: field.title,
          template: template.name,
          reason,
        }),
      );
    }
  }
  return problems;
}

/** A new ledger type and its table, in one audited transaction (201). */
export async function createLedgerType(db: Database, caller: Caller, given: unknown): Promise<Api.LedgerType> {
  const { orgId } = caller;
  return actingAs(db, actorOf(caller)).transaction(caller.user.username, async (tx) => {
    const definition = await checked(tx, orgId, given);
    return storedView(tx, orgId, await insertLedgerType(tx, orgId, definition));
  });
}

/**
 * Replaces a type's definition at the version it was read at (409 with the type as it now is,
 * otherwise), after every check of `checked`; a definition equal to the stored one writes nothing.
 */
export async function changeLedgerType(
  db: Database,
  caller: Caller,
  code: string,
  request: { version: number; definition: unknown },
): Promise<Api.LedgerType> {
  const { orgId } = caller;
  return actingAs(db, actorOf(caller)).transaction(caller.user.username, async (tx) => {
    const stored = await findLedgerType(tx, orgId, code);
    if (stored === undefined) throw refuse('LEDGER_TYPE_MISSING', { type: code });
    if (stored.preset) throw refuse('LEDGER_TYPE_BUILT_IN', { type: code, name: stored.definition.name });
    const stale = async (current: StoredLedgerType) =>
      refuseStale(
        'LEDGER_TYPE_STALE_VERSION',
        `台账类型“${current.definition.name}”`,
        request.version,
        {
          version: current.version,
          by: `${current.updatedBy}（${beijingTime(current.updatedAt)}）`,
        },
        await storedView(tx, orgId, current),
      );
    if (stored.version !== request.version) throw await stale(stored);
    const definition = await checked(tx, orgId, request.definition, stored);
    try {
      return storedView(tx, orgId, await updateLedgerType(tx, orgId, request.version, definition));
    } catch (error) {
      if (error instanceof StaleLedgerTypeError) throw await stale(error.current);
      throw error;
    }
  });
}

/**
 * A dataset's ledgerTypes stored before its rows, in the load's transaction: a new type is
 * created, a changed one replaced at its stored version after the checks of a change, one as
 * stored left alone.
 */
export async function storeLedgerTypes(
  tx: Queryable,
  orgId: string,
  types: readonly LedgerTypeDefinition[],
  count: UpsertCount,
): Promise<void> {
  for (const [index, type] of types.entries()) {
    const stored = await findLedgerType(tx, orgId, type.code);
    if (stored !== undefined && sameLedgerType(stored.definition, type)) {
      count.record('unchanged');
      continue;
    }
    const result = await examined(tx, orgId, type, stored);
    if (!result.ok) {
      throw new LedgerTypesRejected(result.problems.map((p) => ({ ...p, path: `/ledgerTypes/${index}${p.path}` })));
    }
    if (stored === undefined) await insertLedgerType(tx, orgId, result.definition);
    else await updateLedgerType(tx, orgId, stored.version, result.definition);
    count.record(stored === undefined ? 'inserted' : 'updated');
  }
}
