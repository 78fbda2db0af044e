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
  'targets',
]);

/** Operations that never change audited data, so never move a data version (a session's last-seen time is not audited). */
export const VERSION_NEUTRAL_OPERATIONS: ReadonlySet<string> = new Set(['findSession', 'ledgers']);

/** Entries kept at most; the least recently used goes first. */
const CAPACITY = 256;

interface Entry {
  version: string;
  value: unknown;
  /** the value's JSON text, made once when first asked for */
  json?: string;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** each organisation's data version as last read, while nothing says it may have moved */
  private readonly known = new Map<string, string>();
  /** whether a version known may be used without reading it again */
  private trusted: boolean;
  /**
   * Raised by everything that makes a version known doubtful (a notice, a write, trust given
   * or withdrawn): a version read while it moved is used for that read but not kept, since
   * the read may have been answered just before the change its notice announced.
   */
  private generation = 0;

  /**
   * `ownsDatabase`: nothing but this process writes to the database (embedded PGlite, whose
   * directory one process opens), so the version need not be read again until an operation
   * that may write has run. On a PostgreSQL server other processes write too (the command
   * line, other instances): the version is read for every cached read, unless the server
   * listens for the database's notice of each change (`trustNotifications`).
   */
  constructor(options: { ownsDatabase: boolean } = { ownsDatabase: false }) {
    this.trusted = options.ownsDatabase;
  }

  /**
   * Listening to the database's change notices (migration 0011) has begun: a version known
   * holds until a notice for its organisation arrives. A change by another process is then
   * seen once its notice arrives, a few milliseconds after it commits.
   */
  trustNotifications(): void {
    this.generation++;
    this.known.clear();
    this.trusted = true;
  }

  /** A change notice for an organisation. */
  orgChanged(orgId: string): void {
    this.generation++;
    this.known.delete(orgId);
  }

  /** The notices can no longer be relied on (the listening connection ended): read the version every time. */
  distrust(): void {
    this.generation++;
    this.trusted = false;
    this.known.clear();
  }

  /**
   * Told of every operation this process runs that is not a cached read, as it starts and as
   * it ends: it may have written, so the versions known are read again. (At the start too: a
   * read that takes the version while the write is under way must not keep it.)
   */
  mayHaveWritten(): void {
    this.generation++;
    this.known.clear();
  }

  /**
   * The result of `compute` for an operation and its arguments: the stored one while the
   * organisation's data version is the one it was computed at, else computed and stored.
   * Arguments name the organisation as `caller.orgId`; the caller's other details (name,
   * address) do not change what these operations read, so they are left out of the key.
   */
  async get(db: Database, name: string, args: unknown, compute: () => Promise<unknown>): Promise<unknown> {
    return (await this.entry(db, name, args, compute)).value;
  }

  /** `get`, as JSON text: what the server sends for a hot read without cloning or serialising it again. */
  async getJson(db: Database, name: string, args: unknown, compute: () => Promise<unknown>): Promise<string> {
    const entry = await this.entry(db, name, args, compute);
    entry.json ??= JSON.stringify(entry.value);
    return entry.json;
  }

  private async entry(db: Database, name: string, args: unknown, compute: () => Promise<unknown>): Promise<Entry> {
    const orgId = orgOf(args);
    if (!CACHED_OPERATIONS.has(name) || orgId === undefined) return { version: '', value: await compute() };
    const version = await this.versionOf(db, orgId);
    const key = `${name}\u0000${orgId}\u0000${JSON.stringify(args, withoutCaller)}`;
    const found = this.entries.get(key);
    if (found !== undefined && found.version === version) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const entry: Entry = { version, value: await compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  private async versionOf(db: Database, orgId: string): Promise<string> {
    const known = this.trusted ? this.known.get(orgId) : undefined;
    if (known !== undefined) return known;
    const generation = this.generation;
    const version = await dataVersion(db, orgId);
    // Not kept if anything happened while it was being read (trust withdrawn, a notice, a write).
    if (this.trusted && generation === this.generation) this.known.set(orgId, version);
    return version;
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
