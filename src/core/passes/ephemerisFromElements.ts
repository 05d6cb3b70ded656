// The pass search's position source for an SGP4 element set: the Propagator's TEME state turned
// into ITRF (GMST82 of UT1, polar motion when an EOP table is given).

import { temeToItrf } from '../frames/index.ts';
import type { EopTable } from '../frames/index.ts';
import { Propagator } from '../orbit/index.ts';
import type { ElementSet } from '../orbit/index.ts';
import type { EphemerisSource } from './EphemerisSource.ts';

const MS_PER_DAY = 86_400_000;

/**
 * The coarse-scan step for an orbit: 1/16 of the time it takes to sweep a revolution at its
 * fastest (perigee) angular rate, and no longer than 1/16 day, since the Earth's turn alone moves
 * a slow object across the sky. Elevation extrema are about half a revolution apart, so one step
 * holds at most one.
 */
export function scanStepMsFor(meanMotionRevPerDay: number, eccentricity: number): number {
  if (!(meanMotionRevPerDay > 0) || !(eccentricity >= 0 && eccentricity < 1)) {
    throw new RangeError(`scanStepMsFor: need n > 0 and 0 <= e < 1, found n=${meanMotionRevPerDay} e=${eccentricity}`);
  }
  const periodMs = Math.min(MS_PER_DAY / meanMotionRevPerDay, MS_PER_DAY);
  // Angular rate at perigee relative to the mean motion: sqrt((1+e)/(1-e)^3).
  const perigeeRateFactor = Math.sqrt((1 + eccentricity) / (1 - eccentricity) ** 3);
  return periodMs / 16 / perigeeRateFactor;
}

export interface ElementsEphemerisOptions {
  /** UT1−UTC and polar motion; without it UT1 = UTC and the pole is fixed. */
  readonly eop?: EopTable;
}

export function ephemerisFromElements(es: ElementSet, options: ElementsEphemerisOptions = {}): EphemerisSource {
  const propagator = Propagator.fromElements(es);
  const eop = options.eop;
  return {
    id: es.catalogId,
    name: es.name,
    scanStepMs: scanStepMsFor(es.meanMotionRevPerDay, es.eccentricity),
    stateItrfAt(utcMs, out, offset) {
      const teme = propagator.propagateAt(utcMs);
      if (!teme.ok) return teme.error;
      const { position: r, velocity: v } = temeToItrf(teme.position, teme.velocity, utcMs, eop);
      out[offset] = r.x;
      out[offset + 1] = r.y;
      out[offset + 2] = r.z;
      out[offset + 3] = v.x;
      out[offset + 4] = v.y;
      out[offset + 5] = v.z;
      return undefined;
    },
  };
}
