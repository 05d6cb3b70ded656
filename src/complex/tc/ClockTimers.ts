// Timers on the complex's clock: "call this at 12:00:00.000 simulated time" whatever the speed.
// The real delay is asked of the clock again when a timer fires early (a long wait is cut into
// pieces Node can hold, and the clock may be re-based), so a timer never fires before its time.
import type { Clock } from '../runtime/index.ts';

/** Node keeps a delay in a signed 32-bit integer; longer waits are cut into pieces. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface TimerHandle {
  cancel(): void;
}

export class ClockTimers {
  private readonly live = new Set<NodeJS.Timeout>();

  constructor(private readonly clock: Clock) {}

  /** Calls `fn` once the clock reads `atMs` or later (at once, asynchronously, when it already does). */
  at(atMs: number, fn: () => void): TimerHandle {
    let current: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      const waitMs = Math.min(MAX_DELAY_MS, Math.ceil(this.clock.realDelayMs(atMs - this.clock.nowMs())));
      current = setTimeout(() => {
        if (current !== undefined) this.live.delete(current);
        if (cancelled) return;
        if (this.clock.nowMs() < atMs) arm();
        else fn();
      }, waitMs);
      this.live.add(current);
    };
    arm();
    return {
      cancel: () => {
        cancelled = true;
        if (current !== undefined) {
          clearTimeout(current);
          this.live.delete(current);
        }
      },
    };
  }

  /** Cancels every timer (service stop). */
  clear(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}
