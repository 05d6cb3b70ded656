// The one clock of the complex. Every service asks it for "now" so that `zenith up --speed X`
// runs simulated time faster for demos, and tests can run a day of passes in seconds.

export interface Clock {
  /** Milliseconds of UTC since 1970, in simulated time. */
  nowMs(): number;
  /** Simulated seconds per real second (1 = real time). */
  readonly speed: number;
  /** Real milliseconds to wait for `simulatedMs` of simulated time to pass. */
  realDelayMs(simulatedMs: number): number;
}

/** Simulated time runs `speed` times faster than the wall clock, starting at `startMs`. */
export class ScaledClock implements Clock {
  readonly speed: number;
  private readonly startSimMs: number;
  private readonly startRealMs: number;
  private readonly realNow: () => number;

  constructor(options: { speed?: number; startMs?: number; realNow?: () => number } = {}) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.realNow = options.realNow ?? Date.now;
    this.startRealMs = this.realNow();
    this.startSimMs = options.startMs ?? this.startRealMs;
  }

  nowMs(): number {
    return this.startSimMs + (this.realNow() - this.startRealMs) * this.speed;
  }

  realDelayMs(simulatedMs: number): number {
    return Math.max(0, simulatedMs / this.speed);
  }
}
