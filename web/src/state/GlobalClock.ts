// The one clock every view follows (docs/ui.md): `live` is the complex's clock (real time at
// --speed 1, fast-forward at --speed N), read from /api/clock and the `clock` topic and run forward
// between readings; `fixed` is a chosen instant; `forward` runs from a chosen instant at a chosen rate.

export type ClockMode = 'live' | 'fixed' | 'forward';

export interface ClockState {
  readonly mode: ClockMode;
  /** Simulated seconds per real second of the current mode (0 when fixed). */
  readonly rate: number;
  /** The complex's own speed (--speed). */
  readonly serverSpeed: number;
}

export class GlobalClock {
  private serverSimMs = Date.now();
  private serverPerfMs = performance.now();
  private serverSpeed = 1;
  private anchorSimMs = 0;
  private anchorPerfMs = 0;
  private mode: ClockMode = 'live';
  private rate = 1;
  private readonly listeners = new Set<() => void>();
  private snapshot: ClockState = { mode: 'live', rate: 1, serverSpeed: 1 };

  /** A reading of the complex's clock ({time, speed}). */
  onServerReading(timeIso: string, speed: number): void {
    const ms = Date.parse(timeIso);
    if (!Number.isFinite(ms)) return;
    this.serverSimMs = ms;
    this.serverPerfMs = performance.now();
    const speedChanged = speed !== this.serverSpeed;
    this.serverSpeed = speed;
    if (speedChanged) this.changed();
  }

  /** The complex's now (whatever the mode). */
  serverNowMs(): number {
    return this.serverSimMs + (performance.now() - this.serverPerfMs) * this.serverSpeed;
  }

  /** The instant every view shows. */
  nowMs(): number {
    if (this.mode === 'live') return this.serverNowMs();
    if (this.mode === 'fixed') return this.anchorSimMs;
    return this.anchorSimMs + (performance.now() - this.anchorPerfMs) * this.rate;
  }

  live(): void {
    this.mode = 'live';
    this.changed();
  }

  fixed(atMs: number): void {
    this.anchorSimMs = atMs;
    this.mode = 'fixed';
    this.changed();
  }

  forward(fromMs: number, rate: number): void {
    this.anchorSimMs = fromMs;
    this.anchorPerfMs = performance.now();
    this.rate = rate;
    this.mode = 'forward';
    this.changed();
  }

  /** Moves the shown instant by `deltaMs` (fixed or forward; leaves live mode for fixed). */
  step(deltaMs: number): void {
    const now = this.nowMs();
    if (this.mode === 'forward') this.forward(now + deltaMs, this.rate);
    else this.fixed(now + deltaMs);
  }

  state(): ClockState {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private changed(): void {
    this.snapshot = { mode: this.mode, rate: this.mode === 'live' ? this.serverSpeed : this.mode === 'fixed' ? 0 : this.rate, serverSpeed: this.serverSpeed };
    for (const l of this.listeners) l();
  }
}

export const clock = new GlobalClock();
