// Where the pass search gets positions from: any object that can give an Earth-fixed state at a time.
// SGP4 element sets are one kind (ephemerisFromElements); a batch propagator or an OEM can be another.

import type { ZenithError } from '../errors/index.ts';

/** Number of slots one state takes in a buffer: ITRF x, y, z (km) then vx, vy, vz (km/s, Earth-fixed). */
export const STATE_SIZE = 6;

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
}
