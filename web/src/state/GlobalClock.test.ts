import { describe, expect, it } from 'vitest';
import { GlobalClock } from './GlobalClock.ts';

const T = Date.parse('2026-11-25T21:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GlobalClock', () => {
  it('follows the complex in live mode, running at its speed between readings', async () => {
    const clock = new GlobalClock();
    clock.onServerReading(new Date(T).toISOString(), 600);
    expect(clock.state()).toEqual({ mode: 'live', rate: 600, serverSpeed: 600 });
    await sleep(100);
    const ahead = clock.nowMs() - T;
    // 100 ms of real time at x600 is a minute of simulated time (timers are not exact).
    expect(ahead).toBeGreaterThan(50_000);
    expect(ahead).toBeLessThan(200_000);
  });

  it('holds a fixed instant, steps it, and runs forward from a chosen instant at a chosen rate', async () => {
    const clock = new GlobalClock();
    clock.onServerReading(new Date(T).toISOString(), 1);
    const seen: string[] = [];
    clock.subscribe(() => seen.push(clock.state().mode));
    clock.fixed(T + 3_600_000);
    await sleep(30);
    expect(clock.nowMs()).toBe(T + 3_600_000);
    clock.step(-600_000);
    expect(clock.nowMs()).toBe(T + 3_000_000);
    clock.forward(T, 1000);
    await sleep(60);
    expect(clock.nowMs() - T).toBeGreaterThan(40_000);
    expect(clock.state()).toMatchObject({ mode: 'forward', rate: 1000 });
    clock.live();
    expect(Math.abs(clock.nowMs() - clock.serverNowMs())).toBeLessThan(1);
    expect(seen).toEqual(['fixed', 'fixed', 'forward', 'live']);
  });

  it('ignores a reading that is not a time', () => {
    const clock = new GlobalClock();
    clock.onServerReading(new Date(T).toISOString(), 1);
    clock.onServerReading('not a time', 5);
    expect(Math.abs(clock.serverNowMs() - T)).toBeLessThan(1000);
    expect(clock.state().serverSpeed).toBe(1);
  });
});
