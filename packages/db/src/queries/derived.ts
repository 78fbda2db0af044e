import { firstDayAfter } from '@taizhang/core';
import type { Queryable } from '../database.js';
import { ident } from './sql-names.js';

/**
 * Derived indicators' aggregates in SQL terms. Table and column names come from the
 * ledger catalogue, never from users; they are checked against a strict identifier
 * pattern and quoted all the same. Every value is a parameter. Indicators over the same
 * ledger and date field are evaluated together, one aggregate column each, so a report
 * costs a few queries per ledger however many figures it derives from it.
 */

/**
 * Where rows are and how they are placed in time: by a date or date-time column, by an
 * integer column holding their year, or (neither given) not at all: the rows as they stand.
 */
export interface DerivedSource {
  table: string;
  dateColumn?: string | undefined;
  /** date columns are calendar days; date-times are instants, placed by Beijing time */
  dateType?: 'date' | 'timestamptz' | undefined;
  yearColumn?: string | undefined;
}

/** One indicator's aggregate over a source. */
export interface DerivedAggregate {
  aggregate: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'month';
  /** for sum, avg, min, max: the numeric column; for month: the date column whose latest month is taken */
  sumColumn?: string | undefined;
  /**
   * equality filters: a value, any of several, null for "not set", or { not: null } for "set".
   * On a date or date-time column (`dateType` given) "set" means set by the end of the period
   * the figure is for, so a past period's figure does not change when a row is completed later.
   */
  filters: {
    column: string;
    value: string | number | boolean | null | (string | number | boolean)[] | { not: null };
    dateType?: DerivedSource['dateType'] | undefined;
    /**
     * A choice whose values are stages of work, in order, some with the date column from which
     * a row holds them: the filter compares the value the row held at the end of the period.
     */
    states?: readonly DatedState[] | undefined;
  }[];
}

/** One value of a staged choice, and the date column from which a row holds it, if any. */
export interface DatedState {
  value: string;
  column?: string | undefined;
  dateType?: DerivedSource['dateType'] | undefined;
}

export type DerivedQuery = DerivedSource & DerivedAggregate;

/** One aggregated value of a period (month 1–12, or quarter 1–4). */
export interface DerivedValue {
  year: number;
  period: number;
  value: string;
}

/** A date or date-time column as Beijing wall-clock time, comparable with a boundary like '2021-11-01'. */
function wallClock(column: string, dateType: DerivedSource['dateType']): string {
  return dateType === 'date' ? `${column}::timestamp` : `(${column} at time zone 'UTC') + interval '8 hours'`;
}

/**
 * The source's rows with their Beijing wall-clock date `d`, as a subquery: the dated rows of
 * a source placed by date, every row (`d` null) of one placed otherwise.
 */
function rowsSql(source: DerivedSource): string {
  const table = ident(source.table);
  if (source.dateColumn === undefined) return `select t.*, null::timestamp as d from ${table} t where org_id = $1`;
  const column = ident(source.dateColumn);
  return `select t.*, ${wallClock(column, source.dateType ?? 'timestamptz')} as d from ${table} t where org_id = $1 and ${column} is not null`;
}

/**
 * The rows of a period as a source places them: dated before `before` (and from `from`), of
 * the period's `year`, or every row as it stands.
 */
function placedSql(source: DerivedSource, params: Params, before: () => string, year: number, from?: string): string {
  if (source.dateColumn !== undefined) {
    const range = [`d < ${before()}::timestamp`];
    if (from !== undefined) range.push(`d >= ${params.add(from)}::timestamp`);
    return range.join(' and ');
  }
  if (source.yearColumn !== undefined) return `${ident(source.yearColumn)} = ${params.add(year)}::int`;
  return 'true';
}

/** Aggregates that give no value over no rows, instead of 0. */
const NO_ROWS_NO_VALUE: readonly DerivedAggregate['aggregate'][] = ['avg', 'min', 'max', 'month'];

/** Collects parameters; $1 is always the organisation. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length + 1}`;
  }

  /**
   * A parameter added when first used: an unused one has no type PostgreSQL can infer, and
   * a boundary is unused where no filter or placement judges a date.
   */
  lazy(value: unknown): () => string {
    let placeholder: string | undefined;
    return () => {
      placeholder ??= this.add(value);
      return placeholder;
    };
  }
}

/**
 * The value a row whose current value is `states[i]` held before `boundary`: that value if it
 * has no date or its date is before the boundary, else the one before it, judged the same way
 * (null before the first).
 */
function heldBefore(states: readonly DatedState[], i: number, params: Params, boundary: () => string): string {
  const state = states[i];
  if (state === undefined) return 'null::text';
  const value = `${params.add(state.value)}::text`;
  if (state.column === undefined) return value;
  const reached = `${wallClock(ident(state.column), state.dateType ?? 'date')} < ${boundary()}::timestamp`;
  return `case when ${reached} then ${value} else ${heldBefore(states, i - 1, params, boundary)} end`;
}

/** A staged choice column as the value each row held before `boundary`. */
function heldSql(column: string, states: readonly DatedState[], params: Params, boundary: () => string): string {
  const cases = states.map(
    (state, i) => `when ${params.add(state.value)}::text then ${heldBefore(states, i, params, boundary)}`,
  );
  return `(case ${ident(column)}::text ${cases.join(' ')} end)`;
}

/**
 * An item's filters as one SQL condition. `boundary` (a parameter placeholder: the first
 * day after the period) is where "set" and "not set" of a date, and the value a staged
 * choice held, are judged.
 */
function filterSql(item: DerivedAggregate, params: Params, boundary: () => string): string {
  const conditions = item.filters.map(({ column, value, dateType, states }) => {
    const setBy =
      dateType === undefined ? undefined : `${wallClock(ident(column), dateType)} < ${boundary()}::timestamp`;
    const held = states === undefined ? `${ident(column)}::text` : heldSql(column, states, params, boundary);
    if (value === null) return setBy ? `not coalesce(${setBy}, false)` : `${held} is null`;
    if (typeof value === 'object' && !Array.isArray(value)) return setBy ?? `${held} is not null`;
    if (Array.isArray(value)) return `${held} = any(${params.add(value.map(String))}::text[])`;
    return `${held} = ${params.add(String(value))}`;
  });
  return conditions.length === 0 ? 'true' : conditions.join(' and ');
}

/** The item's aggregate over the rows meeting its filters (dates judged at `boundary`) and `extra`. */
function aggregateSql(item: DerivedAggregate, params: Params, boundary: () => string, extra = 'true'): string {
  const condition = `${filterSql(item, params, boundary)} and ${extra}`;
  switch (item.aggregate) {
    case 'count':
      return `count(*) filter (where ${condition})`;
    case 'sum':
      return `coalesce(sum(${ident(item.sumColumn ?? '')}) filter (where ${condition}), 0)`;
    case 'avg':
    case 'min':
    case 'max':
      // No row gives no value (null), never 0: the average of nothing is not nought.
      return `${item.aggregate}(${ident(item.sumColumn ?? '')}) filter (where ${condition})`;
    case 'month':
      // No row with the date gives no month (null), never 0.
      return `extract(month from max(${ident(item.sumColumn ?? '')}) filter (where ${condition}))::int`;
  }
}

/**
 * 累计型 derived values of several indicators over one source: per item, one value per
 * month (or quarter) of `years` counting the rows whose date falls in it — one grouped
 * query. Periods without rows are absent (zero). Filters on dates are judged as of `asOf`
 * (the first day after the report's period; by default after the last year): a complaint
 * received in October and replied to in November is not replied to in a 1－10月 report.
 */
export async function derivedFlows(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  items: readonly DerivedAggregate[],
  years: readonly number[],
  quarterly: boolean,
  asOf?: string,
): Promise<DerivedValue[][]> {
  return (await derivedFlowsAndRows(q, orgId, source, items, years, quarterly, asOf, [])).values;
}

/**
 * `derivedFlows`, and in the same scan the rows behind each item within `ranges[i]` (inside
 * the years asked), as `derivedRowRefs` gives them: the provenance of a report costs no
 * second pass over the ledger.
 */
export async function derivedFlowsAndRows(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  items: readonly DerivedAggregate[],
  years: readonly number[],
  quarterly: boolean,
  asOf: string | undefined,
  ranges: readonly DerivedRange[],
  limit = 200,
): Promise<{ values: DerivedValue[][]; rows: DerivedRows[] }> {
  if (source.dateColumn === undefined) throw new Error(`a flow over ${source.table} needs a date column`);
  const params = new Params();
  const boundary = params.lazy(asOf ?? `${Math.max(...years) + 1}-01-01`);
  const columns = [
    ...items.map((item, i) => `(${aggregateSql(item, params, boundary)})::text as v${i}`),
    ...rowColumns(source, items, ranges, params, limit),
  ];
  const from = params.add(`${Math.min(...years)}-01-01`);
  const to = params.add(`${Math.max(...years) + 1}-01-01`);
  const period = quarterly ? '(extract(month from d)::int + 2) / 3' : 'extract(month from d)::int';
  const found = await q.query<Record<string, string | number | string[]>>(
    `select extract(year from d)::int as year, ${period} as period, ${columns.join(', ')}
     from (${rowsSql(source)}) r
     where d >= ${from}::timestamp and d < ${to}::timestamp
     group by 1, 2 order by 1, 2`,
    [orgId, ...params.values],
  );
  return {
    values: items.map((_, i) =>
      found
        .map((row) => ({ year: Number(row.year), period: Number(row.period), value: String(row[`v${i}`]) }))
        .filter((v) => !(v.value === '0' && items[i]?.aggregate === 'count')),
    ),
    rows: ranges.map((_, i) => rowsOf(found, i, limit)),
  };
}

/**
 * 时点型 derived values of several indicators over one source: per item and per (year,
 * month) asked, the rows whose date is on or before the month's last day — one query.
 * A count or sum is 0 without rows; a month is null (there is no planned month to give).
 */
export async function derivedLevels(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  items: readonly DerivedAggregate[],
  asOf: readonly { year: number; month: number }[],
): Promise<(string | null)[][]> {
  return (await derivedLevelsAndRows(q, orgId, source, items, asOf, [])).values;
}

/** `derivedLevels`, and in the same scan the rows behind each item within `ranges[i]` (see derivedFlowsAndRows). */
export async function derivedLevelsAndRows(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  items: readonly DerivedAggregate[],
  asOf: readonly { year: number; month: number }[],
  ranges: readonly DerivedRange[],
  limit = 200,
): Promise<{ values: (string | null)[][]; rows: DerivedRows[] }> {
  const params = new Params();
  const columns = [
    ...items.flatMap((item, i) =>
      asOf.map(({ year, month }, j) => {
        const end = params.lazy(firstDayAfter(year, month));
        return `(${aggregateSql(item, params, end, placedSql(source, params, end, year))})::text as v${i}_${j}`;
      }),
    ),
    ...rowColumns(source, items, ranges, params, limit),
  ];
  const [result] = await q.query<Record<string, string | string[] | number>>(
    `select ${columns.join(', ')} from (${rowsSql(source)}) r`,
    [orgId, ...params.values],
  );
  return {
    values: items.map((item, i) =>
      asOf.map(
        (__, j) =>
          (result?.[`v${i}_${j}`] as string | null | undefined) ??
          (NO_ROWS_NO_VALUE.includes(item.aggregate) ? null : '0'),
      ),
    ),
    rows: ranges.map((_, i) => rowsOf([result], i, limit)),
  };
}

/**
 * A span of Beijing wall-clock time: from (inclusive, optional) to before (exclusive), and the
 * year it belongs to (what a source placed by a year column selects).
 */
export interface DerivedRange {
  from?: string | undefined;
  before: string;
  year: number;
}

/**
 * The rows behind several derived figures over one source: per item, the refs of the rows
 * it counts within its range (at most `limit`, in order) and how many there are — one query.
 */
export async function derivedRowRefs(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  items: readonly (DerivedAggregate & { range: DerivedRange })[],
  limit = 200,
): Promise<DerivedRows[]> {
  const params = new Params();
  const columns = rowColumns(
    source,
    items,
    items.map((item) => item.range),
    params,
    limit,
  );
  const [result] = await q.query<Record<string, string[] | number | null>>(
    `select ${columns.join(', ')} from (${rowsSql(source)}) r`,
    [orgId, ...params.values],
  );
  return items.map((_, i) => rowsOf([result], i, limit));
}

/** The rows behind a figure: the first refs (in byte order) and how many there are. */
export interface DerivedRows {
  refs: string[];
  total: number;
}

/** Per item, the columns `refs<i>` (the first `limit`, byte order) and `total<i>` of the rows it counts within its range. */
function rowColumns(
  source: DerivedSource,
  items: readonly DerivedAggregate[],
  ranges: readonly DerivedRange[],
  params: Params,
  limit: number,
): string[] {
  const size = params.lazy(Math.max(1, Math.floor(limit)));
  return items.flatMap((item, i) => {
    const range = ranges[i];
    if (range === undefined) return [];
    const end = params.lazy(range.before);
    const placed = placedSql(source, params, end, range.year, range.from);
    const condition = `${filterSql(item, params, end)} and ${placed}`;
    return [
      // Refs in byte order: the same on every engine and locale, and cheaper to sort.
      `(array_agg(ref order by ref collate "C") filter (where ${condition}))[1:${size()}::int] as refs${i}`,
      `(count(*) filter (where ${condition}))::int as total${i}`,
    ];
  });
}

/** Byte order of UTF-8, as `collate "C"` sorts: JavaScript's own comparison goes by UTF-16 units. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Item `i`'s rows from the result rows of a query with `rowColumns`: from one row as they are,
 * from a grouped query merged — the first `limit` of all are among the first `limit` of each group.
 */
function rowsOf(result: readonly (Record<string, unknown> | undefined)[], i: number, limit: number): DerivedRows {
  const refs = result.flatMap((row) => (row?.[`refs${i}`] as string[] | null | undefined) ?? []);
  const total = result.reduce((sum, row) => sum + Number(row?.[`total${i}`] ?? 0), 0);
  return { refs: result.length > 1 ? refs.sort(byteOrder).slice(0, limit) : refs, total };
}

/** One indicator's flow values (see derivedFlows). */
export async function derivedFlow(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  years: readonly number[],
  quarterly: boolean,
  asOf?: string,
): Promise<DerivedValue[]> {
  return (await derivedFlows(q, orgId, query, [query], years, quarterly, asOf))[0] ?? [];
}

/** One indicator's level values (see derivedLevels). */
export async function derivedLevel(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  asOf: readonly { year: number; month: number }[],
): Promise<(string | null)[]> {
  return (await derivedLevels(q, orgId, query, [query], asOf))[0] ?? [];
}

/** The rows behind one derived figure (see derivedRowRefs). */
export async function derivedRows(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  range: DerivedRange,
  limit = 200,
): Promise<{ refs: string[]; total: number }> {
  return (await derivedRowRefs(q, orgId, query, [{ ...query, range }], limit))[0] ?? { refs: [], total: 0 };
}

/**
 * The values of a ledger field ranked by how many rows within `range` carry them (物业管理
 * 121, 供水保障 72, …), most first, ties by value: what "主要涉及…等问题" is written from.
 */
export async function ledgerRanking(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  column: string,
  range: Omit<DerivedRange, 'year'>,
  limit = 20,
): Promise<{ value: string; count: number }[]> {
  const params = new Params();
  const conditions = [`d < ${params.add(range.before)}::timestamp`, `${ident(column)} is not null`];
  if (range.from !== undefined) conditions.push(`d >= ${params.add(range.from)}::timestamp`);
  return q.query<{ value: string; count: number }>(
    `select ${ident(column)}::text as value, count(*)::int as count from (${rowsSql(source)}) r
     where ${conditions.join(' and ')}
     group by 1 order by 2 desc, 1 limit ${params.add(Math.max(1, Math.floor(limit)))}::bigint`,
    [orgId, ...params.values],
  );
}

/**
 * Among the rows placed before `before` (by the source's date) and still open then — no
 * `openColumn`, or one on or after `before` — the latest `valueColumn` date, with the
 * refs of those rows: "另外2件预计12月20日前办结" is written from it.
 */
export async function latestOpen(
  q: Queryable,
  orgId: string,
  source: DerivedSource,
  valueColumn: string,
  openColumn: string,
  before: string,
): Promise<{ value: string | null; refs: string[] }> {
  const params = new Params();
  const end = params.add(before);
  const open = `(${ident(openColumn)} is null or ${ident(openColumn)}::timestamp >= ${end}::timestamp)`;
  const [row] = await q.query<{ value: string | null; refs: string[] | null }>(
    `select to_char(max(${ident(valueColumn)}), 'YYYY-MM-DD') as value, array_agg(ref order by ref) as refs
     from (${rowsSql(source)}) r where d < ${end}::timestamp and ${open}`,
    [orgId, ...params.values],
  );
  return { value: row?.value ?? null, refs: row?.refs ?? [] };
}
