// The `positions` live topic: where each spacecraft of the fleet is (sub-satellite point and
// height) about every simulated second, propagated with src/core from the element sets in force.
import { itrfToGeodetic, temeToItrf } from '../../core/frames/index.ts';
import { Propagator } from '../../core/orbit/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { Clock } from '../runtime/index.ts';
import type { LiveItem, LiveSource } from './LiveTopic.ts';

const RAD_TO_DEG = 180 / Math.PI;

export interface Position {
  readonly spacecraft: string;
  readonly time: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeKm: number;
}

export interface PositionItem extends LiveItem {
  readonly view: Position;
}

/** The geodetic point under the spacecraft at `utcMs` (WGS-84, no EOP), or undefined when SGP4 cannot reach it. */
export function subSatellitePoint(propagator: Propagator, utcMs: number): { latitudeDeg: number; longitudeDeg: number; altitudeKm: number } | undefined {
  const state = propagator.propagateAt(utcMs);
  if (!state.ok) return undefined;
  const g = itrfToGeodetic(temeToItrf(state.position, state.velocity, utcMs).position);
  return { latitudeDeg: g.latitudeRad * RAD_TO_DEG, longitudeDeg: g.longitudeRad * RAD_TO_DEG, altitudeKm: g.altitudeKm };
}

export interface PositionFeedOptions {
  readonly clock: Clock;
  /** Spacecraft name and catalog id of the fleet. */
  readonly fleet: readonly { readonly name: string; readonly catalogId: number }[];
  /** The element sets in force (asked again after `refresh`). */
  readonly elements: () => Promise<readonly ElementSet[]>;
  /** Simulated time between positions (default 1000 ms). */
  readonly stepSimMs?: number;
  /** Real time between positions at least (default 250 ms): at high speed, fewer positions, not more messages. */
  readonly minPeriodMs?: number;
  readonly onError: (error: unknown) => void;
}

export class PositionFeed {
  private propagators: { name: string; propagator: Propagator }[] = [];
  private stale = true;

  constructor(private readonly options: PositionFeedOptions) {}

  /** Element sets changed: propagate from the new ones from the next tick. */
  refresh(): void {
    this.stale = true;
  }

  private async load(): Promise<void> {
    const sets = new Map((await this.options.elements()).map((e) => [e.catalogId, e]));
    const next: { name: string; propagator: Propagator }[] = [];
    for (const sc of this.options.fleet) {
      const es = sets.get(sc.catalogId);
      if (es !== undefined) next.push({ name: sc.name, propagator: Propagator.fromElements(es) });
    }
    this.propagators = next;
  }

  /** The positions at `utcMs` of the spacecraft that can be propagated there. */
  positionsAt(utcMs: number): PositionItem[] {
    const time = formatIsoUtc(utcMs);
    const out: PositionItem[] = [];
    for (const { name, propagator } of this.propagators) {
      const p = subSatellitePoint(propagator, utcMs);
      if (p !== undefined) out.push({ view: { spacecraft: name, time, ...p } });
    }
    return out;
  }

  private isRunning(state: { readonly running: boolean }): boolean {
    return state.running;
  }

  readonly source: LiveSource<PositionItem> = (emit) => {
    const { clock } = this.options;
    const periodMs = Math.max(this.options.minPeriodMs ?? 250, clock.realDelayMs(this.options.stepSimMs ?? 1000));
    const state = { running: true, busy: false };
    const tick = async (): Promise<void> => {
      if (state.busy || !state.running) return;
      state.busy = true;
      try {
        if (this.stale) {
          this.stale = false;
          await this.load().catch((error: unknown) => {
            this.stale = true;
            throw error;
          });
        }
        // Stopped while the element sets were loading: emit nothing more.
        if (this.isRunning(state)) emit(this.positionsAt(clock.nowMs()));
      } catch (error) {
        this.options.onError(error);
      } finally {
        state.busy = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), periodMs);
    return () => {
      state.running = false;
      clearInterval(timer);
      return Promise.resolve();
    };
  };
}
