import { describe, expect, it } from 'vitest';
import type { Clock } from '../runtime/index.ts';
import { ClockTimers } from './ClockTimers.ts';

/** A clock whose time the test sets; a timer asks it how long to wait. */
class ManualClock implements Clock {
  readonly speed = 1;
  now = 1_000_000;
  nowMs(): number {
    return this.now;
  }
  realDelayMs(simulatedMs: number): number {
    return Math.max(0, simulatedMs);
  }
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('timers on the complex clock', () => {
  it('never fire before the clock reads their time, even when woken early', async () => {
    const clock = new ManualClock();
    // A clock that says "wait 0 ms" while its time has not come: the timer must look again.
    clock.realDelayMs = () => 0;
    const timers = new ClockTimers(clock);
    const fired: number[] = [];
    timers.at(clock.now + 50, () => fired.push(clock.now));
    await tick(5);
    expect(fired).toEqual([]);
    clock.now += 50;
    await tick(5);
    expect(fired).toEqual([1_000_050]);
  });

  it('fire at once for a time past, and not at all once cancelled or cleared', async () => {
    const clock = new ManualClock();
    const timers = new ClockTimers(clock);
    const fired: string[] = [];
    timers.at(clock.now - 10, () => fired.push('past'));
    const h = timers.at(clock.now + 1, () => fired.push('cancelled'));
    h.cancel();
    timers.at(clock.now + 2, () => fired.push('cleared'));
    await tick(0);
    expect(fired).toEqual(['past']);
    timers.clear();
    await tick(20);
    clock.now += 100;
    await tick(5);
    expect(fired).toEqual(['past']);
  });
});
