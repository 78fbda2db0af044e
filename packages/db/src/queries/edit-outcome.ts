/**
 * What became of a single-row edit made at the version it was read at: written, nothing to
 * change, refused as stale (with the row as it now is, for the 409's `current`), or no such row.
 */
export type EditOutcome<T> = { outcome: 'written' | 'unchanged' | 'stale'; row: T } | { outcome: 'missing' };

/**
 * What became of a row written at the version read, or created when none was read: written,
 * already so, or refused as stale — with the row as it now is, or none when it does not exist.
 */
export type WriteOutcome<T> =
  | { outcome: 'written' | 'unchanged'; row: T }
  | { outcome: 'stale'; current: T | undefined };

/**
 * The outcome of such a write from what it did and what is there after it: a change that left
 * the row as stored at the version read is `unchanged`, any other row not written is stale.
 */
export function writeOutcome<T extends { version: number }>(
  wrote: boolean,
  current: T | undefined,
  expectedVersion: number | undefined,
): WriteOutcome<T> {
  if (wrote && current) return { outcome: 'written', row: current };
  if (current && expectedVersion !== undefined && current.version === expectedVersion) {
    return { outcome: 'unchanged', row: current };
  }
  return { outcome: 'stale', current };
}
