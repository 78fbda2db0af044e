import type { LiveSession } from '@taizhang/services';

/**
 * Sessions the HTTP thread has just looked up, for reads only. Looking a session up costs
 * a join in the database worker on every request — more than a cached read itself — so a
 * read within SESSION_CACHE_SECONDS of a lookup reuses it. A write always looks its session
 * up afresh, and signing out, changing a password and changing an account forget every
 * cached session at once, so a session ended through this server never serves another
 * request; one ended through another server process (a second instance on the same
 * PostgreSQL) may serve reads for at most SESSION_CACHE_SECONDS more.
 */
export const SESSION_CACHE_SECONDS = 10;

/** Sessions kept at most: far more than a bureau's concurrent users; the oldest go first. */
const CAPACITY = 2_000;

export class SessionCache {
  private readonly entries = new Map<string, { session: LiveSession; until: number }>();

  get(sessionKey: string, now: Date): LiveSession | undefined {
    const entry = this.entries.get(sessionKey);
    if (entry === undefined) return undefined;
    if (entry.until > now.getTime()) return entry.session;
    this.entries.delete(sessionKey);
    return undefined;
  }

  set(sessionKey: string, session: LiveSession, now: Date): void {
    this.entries.delete(sessionKey);
    this.entries.set(sessionKey, { session, until: now.getTime() + SESSION_CACHE_SECONDS * 1000 });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Forgets every session: after anything that may end one or change what its user may do. */
  clear(): void {
    this.entries.clear();
  }
}
