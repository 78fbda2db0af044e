/**
 * What became of a single-row edit made at the version it was read at: written, nothing to
 * change, refused as stale (with the row as it now is, for the 409's `current`), or no such row.
 */
export type EditOutcome<T> = { outcome: 'written' | 'unchanged' | 'stale'; row: T } | { outcome: 'missing' };
