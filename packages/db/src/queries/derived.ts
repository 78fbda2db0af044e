import type { Queryable } from '../database.js';

/**
 * A derived indicator's aggregate in SQL terms. Table and column names come from the
 * ledger catalogue, never from users; they are checked against a strict identifier
 * pattern and quoted all the same. Every value is a parameter.
 */
export interface DerivedQuery {
  table: string;
  dateColumn: string;
  /** date columns are calendar days; date-times are instants, placed by Beijing time */
  dateType: 'date' | 'timestamptz';
  aggregate: 'count' | 'sum';
  sumColumn?: string | undefined;
  /** equality filters: a value, any of several, or null for "not set" */
  filters: { column: string; value: string | number | boolean | null | (string | number | boolean)[] }[];
}

/** One aggregated value of a period (month 1–12, or quarter 1–4). */
export interface DerivedValue {
  year: number;
  period: number;
  value: string;
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a catalogue identifier: ${name}`);
  return `"${name}"`;
}

/** The row's date as a Beijing wall-clock timestamp, so months and years split where the bureau's do. */
function localDate(query: DerivedQuery): string {
  const column = ident(query.dateColumn);
  return query.dateType === 'date' ? `${column}::timestamp` : `(${column} at time zone 'UTC') + interval '8 hours'`;
}

/** The filtered rows with their local date `d` and summed value `f`, as a subquery; params start at $2. */
function rowsSql(query: DerivedQuery, params: unknown[]): string {
  const conditions = ['org_id = $1', `${ident(query.dateColumn)} is not null`];
  for (const { column, value } of query.filters) {
    if (value === null) {
      conditions.push(`${ident(column)} is null`);
    } else if (Array.isArray(value)) {
      params.push(value.map(String));
      conditions.push(`${ident(column)}::text = any($${params.length + 1}::text[])`);
    } else {
      params.push(String(value));
      conditions.push(`${ident(column)}::text = $${params.length + 1}`);
    }
  }
  const summed = query.aggregate === 'sum' ? ident(query.sumColumn ?? '') : '1';
  return `select ref, ${localDate(query)} as d, ${summed} as f from ${ident(query.table)} where ${conditions.join(' and ')}`;
}

/** The aggregate over the rows meeting `condition`. */
function aggregateSql(query: DerivedQuery, condition = 'true'): string {
  return query.aggregate === 'count'
    ? `count(*) filter (where ${condition})`
    : `coalesce(sum(f) filter (where ${condition}), 0)`;
}

/** The first day after month `month` of `year` (Beijing wall clock): the exclusive end of the period. */
export function firstDayAfter(year: number, month: number): string {
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * 累计型 derived values: one value per month (or quarter) of `years`, counting the rows
 * whose date falls in it, in one grouped query. Periods without rows are absent (zero).
 */
export async function derivedFlow(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  years: readonly number[],
  quarterly: boolean,
): Promise<DerivedValue[]> {
  const params: unknown[] = [];
  const rows = rowsSql(query, params);
  const from = `${Math.min(...years)}-01-01`;
  const to = `${Math.max(...years) + 1}-01-01`;
  params.push(from, to);
  const period = quarterly ? '(extract(month from d)::int + 2) / 3' : 'extract(month from d)::int';
  return q.query<{ year: number; period: number; value: string } & Record<string, unknown>>(
    `select extract(year from d)::int as year, ${period} as period, ${aggregateSql(query)}::text as value
     from (${rows}) r
     where d >= $${params.length}::timestamp and d < $${params.length + 1}::timestamp
     group by 1, 2 order by 1, 2`,
    [orgId, ...params],
  );
}

/**
 * 时点型 derived values: for each (year, month) asked, the rows whose date is on or before
 * the month's last day — all in one query.
 */
export async function derivedLevel(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  asOf: readonly { year: number; month: number }[],
): Promise<string[]> {
  const params: unknown[] = [];
  const rows = rowsSql(query, params);
  const columns = asOf.map(({ year, month }, i) => {
    params.push(firstDayAfter(year, month));
    return `(${aggregateSql(query, `d < $${params.length + 1}::timestamp`)})::text as v${i}`;
  });
  const [result] = await q.query<Record<string, string>>(`select ${columns.join(', ')} from (${rows}) r`, [
    orgId,
    ...params,
  ]);
  return asOf.map((_, i) => result?.[`v${i}`] ?? '0');
}

/** The rows behind a derived figure: their refs (at most `limit`, in order) and how many there are. */
export async function derivedRows(
  q: Queryable,
  orgId: string,
  query: DerivedQuery,
  range: { from?: string | undefined; before: string },
  limit = 200,
): Promise<{ refs: string[]; total: number }> {
  const params: unknown[] = [];
  const rows = rowsSql(query, params);
  params.push(range.before);
  const conditions = [`d < $${params.length + 1}::timestamp`];
  if (range.from !== undefined) {
    params.push(range.from);
    conditions.push(`d >= $${params.length + 1}::timestamp`);
  }
  const found = await q.query<{ ref: string; total: number }>(
    `select ref, (count(*) over ())::int as total from (${rows}) r where ${conditions.join(' and ')}
     order by ref limit ${Math.max(1, Math.floor(limit))}`,
    [orgId, ...params],
  );
  return { refs: found.map((r) => r.ref), total: found[0]?.total ?? 0 };
}
