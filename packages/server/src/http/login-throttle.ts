/**
 * Progressive delay of sign-ins (docs/api.md, "Session"): it slows guessing, it never refuses.
 *
 * Two counters of failures, each forgotten 15 minutes after its last failure:
 *   - per (name as typed, address): after 3 failures each further attempt of that name from
 *     that address waits 1 s, then 2 s, 4 s, … at most 30 s;
 *   - per address: after 10 failures, whatever the names, each further attempt waits the same
 *     way — except for a name that has signed in successfully from that address before, so
 *     a colleague's (or a guesser's) failures behind the office's one NAT address do not
 *     slow the people who work there.
 * The counters are keyed by the name as typed, never by whether an account holds it, so an
 * unknown name is delayed exactly as a known one is. The account lock (after 5 failures from
 * addresses the account never signed in from) is the sign-in service's, in the database.
 *
 * A wait is a place in a queue: each attempt reserves its turn and counts as a failure until
 * it succeeds, so a burst of simultaneous guesses is spread out as a sequence would be. An
 * attempt whose turn would come more than two minutes away is not checked at all: it is
 * answered, after the longest delay, as a failure (and recorded as one, `throttled`).
 *
 * In memory, per server process: a restart forgets it, as it forgets nothing that matters
 * (the lock is in the database).
 */

export interface ThrottleOptions {
  /** the time counters and turns are measured by (the server's clock) */
  clock?: () => number;
  /** waits; tests pass one that only records, and moves their clock */
  sleep?: (ms: number) => Promise<void>;
  /** the least time a refusal takes, in real time (THROTTLE_POLICY.refusalFloorMs by default) */
  refusalFloorMs?: number;
}

export const THROTTLE_POLICY = {
  /** failures of one name from one address before delays begin */
  pairFree: 3,
  /** failures from one address (names it has not signed in from) before delays begin */
  addressFree: 10,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  /** a counter is forgotten this long after its last failure */
  forgetMs: 15 * 60_000,
  /** an attempt whose turn is further away than this is answered unchecked */
  maxQueueMs: 2 * 60_000,
  /** counters kept at most, per kind, the oldest forgotten first */
  maxEntries: 50_000,
  /**
   * A refusal is answered no sooner than this after its check began: the check costs the
   * same for every kind of refusal (one scrypt, one query, one insert), and the floor hides
   * what jitter a busy machine adds to it, so that its timing tells nothing either.
   */
  refusalFloorMs: 750,
} as const;

interface Counter {
  failures: number;
  /** the earliest instant (ms) the next attempt may be checked */
  next: number;
  /** the instant of the last failure (or reserved attempt) */
  last: number;
}

/** An admitted attempt: how long it waits, whether it is checked at all, and how it ends. */
export interface Turn {
  waitMs: number;
  /** false: answer it as a failure without checking the password (the queue is too long) */
  check: boolean;
  /** the attempt succeeded: the name's failures from the address are forgotten, the pair becomes familiar */
  succeeded(): void;
  /** the attempt failed; `familiar` when the account has signed in from the address before */
  failed(familiar: boolean): void;
}

/** After `free` failures, 1 s, 2 s, 4 s, … capped. */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free - 1) return 0;
  const doublings = failures - free;
  return Math.min(THROTTLE_POLICY.maxDelayMs, THROTTLE_POLICY.firstDelayMs * 2 ** Math.min(doublings, 30));
}

export class LoginThrottle {
  private readonly pairs = new Map<string, Counter>();
  private readonly addresses = new Map<string, Counter>();
  /** pairs (name, address) that have signed in successfully, and when last */
  private readonly familiar = new Map<string, number>();
  private readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  private readonly refusalFloorMs: number;

  constructor(options: ThrottleOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? wait;
    this.refusalFloorMs = options.refusalFloorMs ?? THROTTLE_POLICY.refusalFloorMs;
  }

  /** Waits until the refusal of a check begun at `startedAt` (performance.now()) may be answered. */
  async padRefusal(startedAt: number): Promise<void> {
    const left = startedAt + this.refusalFloorMs - performance.now();
    if (left > 0) await wait(left);
  }

  private counter(map: Map<string, Counter>, key: string, now: number): Counter {
    let entry = map.get(key);
    if (entry !== undefined && now - entry.last >= THROTTLE_POLICY.forgetMs) {
      map.delete(key);
      entry = undefined;
    }
    if (entry === undefined) {
      entry = { failures: 0, next: now, last: now };
      map.set(key, entry);
      bound(map);
    }
    return entry;
  }

  /** Reserves the turn of an attempt to sign in as `username` from `address`. */
  admit(username: string, address: string): Turn {
    const now = this.clock();
    const pairKey = `${username.toLowerCase()}\n${address}`;
    const pair = this.counter(this.pairs, pairKey, now);
    const addr = this.counter(this.addresses, address, now);
    const known = this.familiar.has(pairKey);
    const start = Math.max(now, pair.next, known ? now : addr.next);
    if (start - now > THROTTLE_POLICY.maxQueueMs) {
      return { waitMs: THROTTLE_POLICY.maxDelayMs, check: false, succeeded: () => undefined, failed: () => undefined };
    }
    // Counted as a failure until it succeeds, so the attempts behind it wait as if it had failed.
    pair.failures++;
    addr.failures++;
    pair.last = now;
    addr.last = now;
    pair.next = start + delayAfter(pair.failures, THROTTLE_POLICY.pairFree);
    addr.next = Math.max(addr.next, start + delayAfter(addr.failures, THROTTLE_POLICY.addressFree));
    return {
      waitMs: start - now,
      check: true,
      succeeded: () => {
        this.pairs.delete(pairKey);
        addr.failures = Math.max(0, addr.failures - 1);
        this.remember(pairKey);
      },
      failed: (familiar) => {
        if (familiar) this.remember(pairKey);
      },
    };
  }

  private remember(pairKey: string): void {
    this.familiar.delete(pairKey);
    this.familiar.set(pairKey, this.clock());
    bound(this.familiar);
  }

  /** Forgets every delay of a name (its lock was lifted by the security officer). */
  forgetName(username: string): void {
    const prefix = `${username.toLowerCase()}\n`;
    for (const key of this.pairs.keys()) if (key.startsWith(prefix)) this.pairs.delete(key);
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Bounds the memory a flood of names or addresses can take: the oldest entries go first. */
function bound(map: Map<string, unknown>): void {
  while (map.size > THROTTLE_POLICY.maxEntries) map.delete(map.keys().next().value as string);
}
