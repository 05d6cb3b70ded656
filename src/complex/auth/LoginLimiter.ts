// Rate limit and lockout of logins, per user name and per client address: after too many failures
// in a window, further attempts are refused for a while without even checking the password. Kept
// in memory; every attempt is in the audit log, from which a restart replays the recent ones.

export interface LoginLimits {
  /** Failures of one user name within `windowMs` that lock it. */
  readonly maxUserFailures: number;
  /** Failures from one address within `windowMs` that lock it out. */
  readonly maxAddressFailures: number;
  readonly windowMs: number;
  /** How long a lockout lasts. */
  readonly lockMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxUserFailures: 5, maxAddressFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

interface Counter {
  failures: number[];
  lockedUntilMs: number;
}

/** Keys kept at most, so that a flood of made-up user names cannot fill memory. */
const MAX_KEYS = 100_000;

export class LoginLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** When the user or the address is locked, the ms until the lock ends and which one it is. */
  locked(user: string, address: string): { readonly retryAfterMs: number; readonly which: 'user' | 'address' } | undefined {
    const now = this.nowMs();
    const byAddress = this.counters.get(`a:${address}`);
    if (byAddress !== undefined && byAddress.lockedUntilMs > now) return { retryAfterMs: byAddress.lockedUntilMs - now, which: 'address' };
    const byUser = this.counters.get(`u:${user}`);
    if (byUser !== undefined && byUser.lockedUntilMs > now) return { retryAfterMs: byUser.lockedUntilMs - now, which: 'user' };
    return undefined;
  }

  /** Counts a failure (now, or at `atMs` when replayed); returns what became locked by it. */
  fail(user: string, address: string, atMs: number = this.nowMs()): ('user' | 'address')[] {
    const locked: ('user' | 'address')[] = [];
    if (this.count(`u:${user}`, this.limits.maxUserFailures, atMs)) locked.push('user');
    if (this.count(`a:${address}`, this.limits.maxAddressFailures, atMs)) locked.push('address');
    return locked;
  }

  /**
   * Replays past login attempts, oldest first, as they happened: a failure counts at its time, a
   * success clears the user's failures, a refusal (the name or address was locked) changes nothing.
   * Locks they lead to last from their time, so one that has ended stays ended.
   */
  replay(attempts: Iterable<{ readonly timeMs: number; readonly user: string; readonly address: string; readonly outcome: 'failed' | 'ok' | 'refused' }>): void {
    for (const a of attempts) {
      if (a.outcome === 'failed') this.fail(a.user, a.address, a.timeMs);
      else if (a.outcome === 'ok') this.succeed(a.user);
    }
  }

  /** A good login clears the user's failures (not the address's: one good account does not unlock guessing others). */
  succeed(user: string): void {
    this.counters.delete(`u:${user}`);
  }

  private count(key: string, max: number, now: number): boolean {
    if (!this.counters.has(key) && this.counters.size >= MAX_KEYS) this.prune(now);
    const counter = this.counters.get(key) ?? { failures: [], lockedUntilMs: 0 };
    counter.failures = counter.failures.filter((t) => t > now - this.limits.windowMs);
    counter.failures.push(now);
    this.counters.set(key, counter);
    if (counter.failures.length >= max) {
      counter.lockedUntilMs = now + this.limits.lockMs;
      counter.failures = [];
      return true;
    }
    return false;
  }

  private prune(now: number): void {
    for (const [key, c] of this.counters) {
      if (c.lockedUntilMs <= now && c.failures.every((t) => t <= now - this.limits.windowMs)) this.counters.delete(key);
    }
    // Still full: forget the oldest entries (Map keeps insertion order).
    for (const key of this.counters.keys()) {
      if (this.counters.size < MAX_KEYS) break;
      this.counters.delete(key);
    }
  }
}
