import type { Database, Queryable, WriteOutcome } from '@taizhang/db';
import { actorOf, type Caller } from './accounts/caller.js';
import { type CurrentVersion, refuseStale, type StaleCode } from './refusals.js';

/** How a thing saved at a version is named and shown when the save is refused as stale. */
export interface StaleWording<T> {
  code: StaleCode;
  /** 固定资产投资该期数值, 固定资产投资2021年的目标 */
  subject: string;
  /** who wrote the row as it now is, when the thing records that */
  by?: (row: T) => string | null;
  /** the row as the answer carries it */
  view: (row: T) => unknown;
}

/**
 * Saves one thing of a form at the version it was read at (0 or none: a new one), in one
 * audited transaction, and returns it as it now is; a version that no longer holds is refused
 * (409) with the thing as it now is, for the writer to start again from.
 */
export async function saveAtVersion<T extends { version: number }>(
  db: Database,
  caller: Caller,
  asked: number | undefined,
  write: (tx: Queryable, version: number | undefined) => Promise<WriteOutcome<T>>,
  stale: StaleWording<T>,
): Promise<T> {
  const version = asked === 0 ? undefined : asked;
  const result = await db.transaction(actorOf(caller), (tx) => write(tx, version));
  if (result.outcome !== 'stale') return result.row;
  const { current } = result;
  const now: CurrentVersion | undefined = current && { version: current.version, by: stale.by?.(current) ?? null };
  throw refuseStale(stale.code, stale.subject, version, now, current === undefined ? null : stale.view(current));
}
