// Where the pass search gets positions from: any object that can give an Earth-fixed state at a time.
// SGP4 element sets are one kind (ephemerisFromElements); a batch propagator or an OEM can be another.

import type { ZenithError } from '../errors/index.ts';

/** Number of slots one state takes in a buffer: ITRF x, y, z (km) then vx, vy, vz (km/s, Earth-fixed). */
export const STATE_SIZE = 6;

/**
 * How far and how fast an object can move during a search: its distance from the Earth's centre
 * never exceeds `maxRadiusKm`, and its direction from the Earth's centre turns, in ITRF, at most
 * `maxAngularRateRadPerS`. The pass search uses it to skip ahead while the object is far below a
 * station's horizon, and checks it at every coarse sample.
 */
export interface MotionBound {
  readonly maxRadiusKm: number;
  readonly maxAngularRateRadPerS: number;
}

export interface EphemerisSource {
  /** Catalog id of the object. */
  readonly id: number;
  readonly name: string | undefined;
  /**
   * The longest step (ms) at which the coarse scan may sample this object: between two samples the
   * elevation seen from any station must have at most one extremum (about 1/20 of the fastest
   * revolution is safe).
   */
  readonly scanStepMs: number;
  /**
   * Writes the ITRF position (km) and Earth-fixed velocity (km/s) at `utcMs` into
   * out[offset .. offset+5] and returns undefined; or returns why the object cannot be reached at
   * that time (decay, ...), leaving `out` untouched. Hot path: no exception, no allocation needed.
   */
  stateItrfAt(utcMs: number, out: Float64Array, offset: number): ZenithError | undefined;
  /** When given, the search skips ahead while the object is far below every station's horizon. */
  readonly motionBound?: MotionBound;
  /**
   * When given, the states at startMs + k·stepMs for k = 0 .. count−1, as stateItrfAt would give
   * them, into out[6k .. 6k+5], all in one call (a batch propagator does this far faster than one
   * time after another). Returns the first k that cannot be reached, or count; states from that k on
   * are not written.
   */
  statesItrfOnGrid?(startMs: number, stepMs: number, count: number, out: Float64Array): number;
}
