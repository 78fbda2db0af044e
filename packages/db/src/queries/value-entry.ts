import type { Queryable } from '../database.js';
import { type WriteOutcome, writeOutcome } from './edit-outcome.js';
import { type SelectedValue, type StoredValue, storedValue, VALUE_SELECT } from './values.js';

/**
 * One indicator value entered by hand (填报), with optimistic concurrency: a value is
 * created at no version and changed only at the version it was read at.
 */

/** One indicator's values of the given years, by year and period. */
export async function listIndicatorValues(
  q: Queryable,
  orgId: string,
  indicator: string,
  years: readonly number[],
): Promise<StoredValue[]> {
  const rows = await q.query<SelectedValue>(
    `${VALUE_SELECT} where v.org_id = $1 and i.code = $2 and v.year = any($3::int[]) order by v.year, v.period`,
    [orgId, indicator, years],
  );
  return rows.map(storedValue);
}

export async function findIndicatorValue(
  q: Queryable,
  orgId: string,
  indicator: string,
  year: number,
  period: number,
): Promise<StoredValue | undefined> {
  const rows = await q.query<SelectedValue>(
    `${VALUE_SELECT} where v.org_id = $1 and i.code = $2 and v.year = $3 and v.period = $4`,
    [orgId, indicator, year, period],
  );
  return rows[0] && storedValue(rows[0]);
}

export interface ValueEntry {
  indicator: string;
  year: number;
  period: number;
  value: string;
  comparableBase: string | null;
  note: string | null;
  source: string | null;
  enteredBy: string;
}

/**
 * Enters one value: a new one when `expectedVersion` is undefined, else a change of the stored
 * one at that version. Who entered it and when are the entry's; a change that leaves the
 * value as stored writes nothing.
 */
export async function enterIndicatorValue(
  q: Queryable,
  orgId: string,
  entry: ValueEntry,
  expectedVersion: number | undefined,
): Promise<WriteOutcome<StoredValue>> {
  const params = [
    orgId,
    entry.indicator,
    entry.year,
    entry.period,
    entry.value,
    entry.comparableBase,
    entry.note,
    entry.source,
    entry.enteredBy,
  ];
  const written =
    expectedVersion === undefined
      ? await q.query(
          `insert into indicator_values (org_id, indicator_id, year, period, value, comparable_base, note, source,
             entered_by, entered_at)
           select $1, i.id, $3, $4, $5::numeric, $6::numeric, $7, $8, $9, now()
           from indicators i where i.org_id = $1 and i.code = $2
           on conflict (org_id, indicator_id, year, period) do nothing
           returning 1`,
          params,
        )
      : await q.query(
          `update indicator_values v set value = $5::numeric, comparable_base = $6::numeric, note = $7, source = $8,
             entered_by = $9, entered_at = now(), version = v.version + 1, updated_at = now()
           from indicators i
           where i.org_id = $1 and i.code = $2 and v.org_id = $1 and v.indicator_id = i.id
             and v.year = $3 and v.period = $4 and v.version = $10
             and (v.value, v.comparable_base, v.note, v.source)
               is distinct from ($5::numeric, $6::numeric, $7::text, $8::text)
           returning 1`,
          [...params, expectedVersion],
        );
  const current = await findIndicatorValue(q, orgId, entry.indicator, entry.year, entry.period);
  return writeOutcome(written.length > 0, current, expectedVersion);
}
