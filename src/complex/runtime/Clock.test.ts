import { describe, expect, it } from 'vitest';
import { ScaledClock } from './index.ts';

describe('ScaledClock', () => {
  it('runs simulated time speed times faster than the wall clock', () => {
    let real = 1_000_000;
    const clock = new ScaledClock({ speed: 60, startMs: Date.UTC(2026, 10, 25), realNow: () => real });
    expect(clock.nowMs()).toBe(Date.UTC(2026, 10, 25));
    real += 1000;
    expect(clock.nowMs()).toBe(Date.UTC(2026, 10, 25) + 60_000);
    expect(clock.realDelayMs(120_000)).toBe(2000);
  });
  it('follows the wall clock at speed 1', () => {
    let real = 5000;
    const clock = new ScaledClock({ realNow: () => real });
    real += 250;
    expect(clock.nowMs()).toBe(5250);
  });
  it('refuses a speed that is not positive', () => {
    expect(() => new ScaledClock({ speed: 0 })).toThrow(RangeError);
    expect(() => new ScaledClock({ speed: Number.NaN })).toThrow(RangeError);
  });
});
