import { type Database, dataVersion } from '@taizhang/db';

/**
 * Results of read operations kept in the backend worker while the organisation's data
 * version (migration 0010) stands still. A hit costs one primary-key lookup instead of the
 * few dozen queries and the exact arithmetic of evaluating indicators or writing a report,
 * and the answer is the same: a change to any audited row of the organisation moves the
 * version in the transaction that makes it, and with it every entry of that organisation.
 */

/** The operations whose result is a function of the organisation's data and their arguments alone. */
export const CACHED_OPERATIONS: ReadonlySet<string> = new Set([
  'context',
  'indicators',
  'indicatorValues',
  'dashboard',
  'todo',
  'reportPreview',
  'ledgerRows',
]);

/** Entries kept at most; the least recently used goes first. */
const CAPACITY = 256;

interface Entry {
  version: string;
  value: unknown;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The result of `compute` for an operation and its arguments: the stored one while the
   * organisation's data version is the one it was computed at, else computed and stored.
   * Arguments name the organisation as `caller.orgId`; the caller's other details (name,
   * address) do not change what these operations read, so they are left out of the key.
   */
  async get(db: Database, name: string, args: unknown, compute: () => Promise<unknown>): Promise<unknown> {
    const orgId = orgOf(args);
    if (!CACHED_OPERATIONS.has(name) || orgId === undefined) return compute();
    const version = await dataVersion(db, orgId);
    const key = `${name}\u0000${orgId}\u0000${JSON.stringify(args, withoutCaller)}`;
    const found = this.entries.get(key);
    if (found !== undefined && found.version === version) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

function orgOf(args: unknown): string | undefined {
  const caller = (args as { caller?: { orgId?: unknown } } | null)?.caller;
  return typeof caller?.orgId === 'string' ? caller.orgId : undefined;
}

function withoutCaller(key: string, value: unknown): unknown {
  return key === 'caller' ? undefined : value;
}
