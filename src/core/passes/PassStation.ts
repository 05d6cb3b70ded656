// A ground station as the pass search sees it: where it stands, the lowest elevation it works at
// and, optionally, the horizon mask of its surroundings.

import { geodeticToItrf } from '../frames/index.ts';
import type { Geodetic } from '../frames/index.ts';
import type { HorizonMask } from './HorizonMask.ts';
import { StationFrame } from './StationFrame.ts';

/** A frames `Station` (from makeStation) is a PassStation too. */
export interface PassStation {
  readonly name: string;
  readonly geodetic: Geodetic;
  /** Lowest elevation of a pass at this station; the search option is used when absent. */
  readonly minElevationRad?: number;
  /** Terrain and obstructions: a pass needs elevation above both the mask and the minimum. */
  readonly horizonMask?: HorizonMask;
}

/** The hot-loop frame of a station. */
export function stationFrameOf(station: PassStation): StationFrame {
  const g = station.geodetic;
  if (!Number.isFinite(g.latitudeRad) || !Number.isFinite(g.longitudeRad) || !Number.isFinite(g.altitudeKm)) {
    throw new RangeError(`station ${station.name}: geodetic coordinates must be finite`);
  }
  if (Math.abs(g.latitudeRad) > Math.PI / 2) {
    throw new RangeError(`station ${station.name}: latitude ${g.latitudeRad} rad is outside [-π/2, π/2]`);
  }
  return new StationFrame(g.latitudeRad, g.longitudeRad, geodeticToItrf(g));
}
