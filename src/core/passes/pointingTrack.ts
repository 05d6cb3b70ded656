// The pointing track of an antenna following one object: azimuth, elevation, range and range rate
// at a fixed step (the table a rotator and a radio are driven from during a pass).

import type { ZenithError } from '../errors/index.ts';
import type { EphemerisSource } from './EphemerisSource.ts';
import { STATE_SIZE } from './EphemerisSource.ts';
import type { PassStation } from './PassStation.ts';
import { stationFrameOf } from './PassStation.ts';
import { LOOK_AZIMUTH, LOOK_ELEVATION, LOOK_RANGE, LOOK_RANGE_RATE, LOOK_SIZE } from './StationFrame.ts';

export interface PointingSample {
  readonly utcMs: number;
  /** [0, 2π) from north through east. */
  readonly azimuthRad: number;
  readonly elevationRad: number;
  readonly rangeKm: number;
  /** Positive when the object moves away from the station. */
  readonly rangeRateKmPerS: number;
}

export interface PointingTrack {
  readonly samples: PointingSample[];
  /** Set when propagation failed at `utcMs`: the samples stop before it. */
  readonly failure?: { readonly utcMs: number; readonly error: ZenithError };
}

/** Upper bound on the samples of one track, so a wrong unit cannot exhaust memory. */
export const MAX_TRACK_SAMPLES = 10_000_000;

/**
 * Look angles from fromMs to toMs every stepMs, plus toMs itself when the step does not land on
 * it. The track stops at the first time the object cannot be propagated to.
 */
export function pointingTrack(
  source: EphemerisSource,
  station: PassStation,
  fromMs: number,
  toMs: number,
  stepMs: number,
): PointingTrack {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs >= fromMs)) {
    throw new RangeError(`pointingTrack: need finite fromMs <= toMs, found ${fromMs} .. ${toMs}`);
  }
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) throw new RangeError(`pointingTrack: stepMs must be positive, found ${stepMs}`);
  const steps = Math.floor((toMs - fromMs) / stepMs);
  if (steps + 2 > MAX_TRACK_SAMPLES) {
    throw new RangeError(`pointingTrack: ${steps + 1} samples exceed the limit of ${MAX_TRACK_SAMPLES}`);
  }
  const frame = stationFrameOf(station);
  const state = new Float64Array(STATE_SIZE);
  const look = new Float64Array(LOOK_SIZE);
  const samples: PointingSample[] = [];
  const times: number[] = [];
  for (let k = 0; k <= steps; k++) times.push(fromMs + k * stepMs);
  if ((times[times.length - 1] ?? toMs) < toMs) times.push(toMs);
  for (const utcMs of times) {
    const error = source.stateItrfAt(utcMs, state, 0);
    if (error !== undefined) return { samples, failure: { utcMs, error } };
    frame.look(state, 0, look);
    samples.push({
      utcMs,
      azimuthRad: look[LOOK_AZIMUTH] ?? 0,
      elevationRad: look[LOOK_ELEVATION] ?? 0,
      rangeKm: look[LOOK_RANGE] ?? 0,
      rangeRateKmPerS: look[LOOK_RANGE_RATE] ?? 0,
    });
  }
  return { samples };
}
