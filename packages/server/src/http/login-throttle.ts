/**
 * Failed sign-ins per client address (429 TOO_MANY_ATTEMPTS), beside the per-account lock
 * of the sign-in service: the lock stops guessing one account's password, this stops one
 * address trying many accounts. Kept in memory: it only has to slow a guesser down, and a
 * restart forgets it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Whether `address` has failed `limit` times within the window ending `now`. */
  blocked(address: string, now: number): boolean {
    const entry = this.failures.get(address);
    if (entry === undefined) return false;
    if (now - entry.since >= this.windowMs) {
      this.failures.delete(address);
      return false;
    }
    return entry.count >= this.limit;
  }

  /** When the block on `address` lifts, for the message. */
  until(address: string): number {
    return (this.failures.get(address)?.since ?? 0) + this.windowMs;
  }

  fail(address: string, now: number): void {
    const entry = this.failures.get(address);
    if (entry === undefined || now - entry.since >= this.windowMs) this.failures.set(address, { count: 1, since: now });
    else entry.count++;
    // Bound the memory a flood of addresses can take: forget the oldest.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }
}
