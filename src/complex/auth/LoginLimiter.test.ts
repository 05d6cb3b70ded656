import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './LoginLimiter.ts';

describe('LoginLimiter', () => {
  it('locks a user after too many failures in the window, for the lock time, and forgets old failures', () => {
    let now = 0;
    const limiter = new LoginLimiter({ maxUserFailures: 3, maxAddressFailures: 100, windowMs: 1000, lockMs: 5000 }, () => now);
    limiter.fail('ada', 'a1');
    limiter.fail('ada', 'a1');
    now = 1500; // the first two fell out of the window
    expect(limiter.fail('ada', 'a2')).toEqual([]);
    expect(limiter.locked('ada', 'a3')).toBeUndefined();
    limiter.fail('ada', 'a2');
    expect(limiter.fail('ada', 'a2')).toEqual(['user']);
    expect(limiter.locked('ada', 'elsewhere')).toEqual({ retryAfterMs: 5000, which: 'user' });
    expect(limiter.locked('bob', 'a2')).toBeUndefined();
    now += 5000;
    expect(limiter.locked('ada', 'a2')).toBeUndefined();
  });

  it('locks an address guessing many user names, and a good login does not unlock it', () => {
    const now = 0;
    const limiter = new LoginLimiter({ maxUserFailures: 100, maxAddressFailures: 3, windowMs: 1000, lockMs: 5000 }, () => now);
    limiter.fail('u1', 'evil');
    limiter.fail('u2', 'evil');
    expect(limiter.fail('u3', 'evil')).toEqual(['address']);
    limiter.succeed('u4');
    expect(limiter.locked('u4', 'evil')).toMatchObject({ which: 'address' });
    expect(limiter.locked('u4', 'good')).toBeUndefined();
  });

  it('replays past attempts at their own times: locks still running hold, ended ones stay ended', () => {
    const now = 100_000;
    const limits = { maxUserFailures: 3, maxAddressFailures: 4, windowMs: 20_000, lockMs: 30_000 };
    const limiter = new LoginLimiter(limits, () => now);
    limiter.replay([
      // ada: three failures, the third at 82 s: locked until 112 s.
      { timeMs: 80_000, user: 'ada', address: 'a1', outcome: 'failed' },
      { timeMs: 81_000, user: 'ada', address: 'a1', outcome: 'failed' },
      { timeMs: 82_000, user: 'ada', address: 'a2', outcome: 'failed' },
      { timeMs: 83_000, user: 'ada', address: 'a2', outcome: 'refused' },
      // bob: two failures, then a good login that clears them, then two more: not locked.
      { timeMs: 84_000, user: 'bob', address: 'b', outcome: 'failed' },
      { timeMs: 85_000, user: 'bob', address: 'b', outcome: 'failed' },
      { timeMs: 86_000, user: 'bob', address: 'b', outcome: 'ok' },
      { timeMs: 87_000, user: 'bob', address: 'b', outcome: 'failed' },
      { timeMs: 88_000, user: 'bob', address: 'b', outcome: 'failed' },
      // cy: locked at 60 s, until 90 s: over by now.
      { timeMs: 58_000, user: 'cy', address: 'c', outcome: 'failed' },
      { timeMs: 59_000, user: 'cy', address: 'c', outcome: 'failed' },
      { timeMs: 60_000, user: 'cy', address: 'c', outcome: 'failed' },
    ]);
    expect(limiter.locked('ada', 'x')).toEqual({ retryAfterMs: 12_000, which: 'user' });
    expect(limiter.locked('bob', 'x')).toBeUndefined();
    expect(limiter.locked('cy', 'x')).toBeUndefined();
    // Address b failed four times, but the good login in between does not clear an address: locked.
    expect(limiter.locked('dan', 'b')).toMatchObject({ which: 'address' });
    // One more failure locks bob, counted at the current time.
    expect(limiter.fail('bob', 'elsewhere')).toEqual(['user']);
  });
});
