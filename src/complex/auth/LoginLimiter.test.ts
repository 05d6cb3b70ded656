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
});
