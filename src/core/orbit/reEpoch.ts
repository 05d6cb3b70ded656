// Brings an element set to a new epoch, for a simulation run long after the set was published:
// SGP4's own mean elements at the new epoch become the new set (shape and plane kept, drag terms
// kept), and a geosynchronous satellite keeps its longitude slot, as its station-keeping would.

import { SatRecError, constants, sgp4 } from 'satellite.js';
import { gmstRad } from '../time/index.ts';
import type { ElementSet } from './ElementSet.ts';
import { elementSetToSatrec } from './elementSetToSatrec.ts';
import { PropagationError, SGP4_NOT_FINITE_NUMBER } from './PropagationError.ts';

const TWO_PI = 2 * Math.PI;
const DEG = Math.PI / 180;
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
/** A TLE keeps the revolution number in five digits. */
const REV_MODULUS = 100_000;

/**
 * 'mean-elements': the SGP4/SDP4 mean elements at the new epoch (secular J2 and drag terms, and for
 * deep space the lunar-solar secular and resonance terms), as sgp4 computes them before its periodics.
 * 'longitude-slot': a geosynchronous satellite: the elements are kept and only the mean anomaly
 * moves, so that the mean Earth-fixed longitude at the new epoch is the one at the old.
 */
export type ReEpochMethod = 'mean-elements' | 'longitude-slot';

export type ReEpochResult =
  | { readonly ok: true; readonly elements: ElementSet; readonly method: ReEpochMethod }
  | { readonly ok: false; readonly error: PropagationError };

/**
 * A geosynchronous orbit: about one revolution per sidereal day (0.95 .. 1.05 rev/day) and nearly
 * circular (e < 0.05). Such a satellite is held in a longitude slot by station-keeping.
 */
export function isGeosynchronous(es: ElementSet): boolean {
  return es.meanMotionRevPerDay >= 0.9 && es.meanMotionRevPerDay <= 1.1;
}

/**
 * The element set `es` moved to `newEpochMs` (ms of UTC). Near-earth and non-geosynchronous deep-space
 * orbits: SGP4 is run to the new epoch and its mean elements there (mean motion, eccentricity,
 * inclination, node, perigee, mean anomaly; un-Kozai'd mean motion converted back to the TLE's Kozai
 * mean motion) make the new set; BSTAR and the mean-motion derivatives are kept. The new set
 * reproduces SGP4 of the original around the new epoch (docs/flight-dynamics.md gives the measured
 * agreement). Geosynchronous orbits: see ReEpochMethod. Propagation failures (decay) are values.
 */
export function reEpoch(es: ElementSet, newEpochMs: number): ReEpochResult {
  if (!Number.isFinite(newEpochMs)) throw new RangeError(`reEpoch: the new epoch must be finite ms of UTC, found ${newEpochMs}`);
  const minutes = (newEpochMs - es.epochMs) / MS_PER_MINUTE;
  const elapsedDays = minutes / MINUTES_PER_DAY;
  const satrec = elementSetToSatrec(es);
  const state = sgp4(satrec, minutes);
  if (satrec.error !== SatRecError.None || state === null) {
    return { ok: false, error: new PropagationError(state === null && satrec.error === SatRecError.None ? SGP4_NOT_FINITE_NUMBER : satrec.error, es.catalogId, minutes) };
  }
  if (isGeosynchronous(es)) {
    // The mean longitude Ω + ω + M − GMST is held: M advances with the Earth's turn between epochs.
    const meanAnomalyRad = es.meanAnomalyDeg * DEG + gmstRad(newEpochMs) - gmstRad(es.epochMs);
    return {
      ok: true,
      method: 'longitude-slot',
      elements: withEpoch(es, newEpochMs, {
        meanAnomalyDeg: angleDeg(meanAnomalyRad),
        revAtEpoch: advanceRevolutions(es.revAtEpoch, es.meanMotionRevPerDay * elapsedDays),
      }),
    };
  }
  const mean = state.meanElements;
  const values = [mean.nm, mean.em, mean.im, mean.Om, mean.om, mean.mm];
  if (!values.every(Number.isFinite) || !(mean.nm > 0) || !(mean.em >= 0 && mean.em < 1)) {
    return { ok: false, error: new PropagationError(SGP4_NOT_FINITE_NUMBER, es.catalogId, minutes) };
  }
  // An inclination driven just below zero by lunar-solar terms is the same plane seen from the other side.
  const flipped = mean.im < 0;
  const kozaiRadPerMin = kozaiMeanMotion(mean.nm, mean.em, Math.abs(mean.im));
  const meanMotionRevPerDay = (kozaiRadPerMin * MINUTES_PER_DAY) / TWO_PI;
  return {
    ok: true,
    method: 'mean-elements',
    elements: withEpoch(es, newEpochMs, {
      meanMotionRevPerDay,
      eccentricity: mean.em,
      inclinationDeg: Math.abs(mean.im) / DEG,
      raanDeg: angleDeg(mean.Om + (flipped ? Math.PI : 0)),
      argOfPericenterDeg: angleDeg(mean.om - (flipped ? Math.PI : 0)),
      meanAnomalyDeg: angleDeg(mean.mm),
      revAtEpoch: advanceRevolutions(es.revAtEpoch, ((es.meanMotionRevPerDay + meanMotionRevPerDay) / 2) * elapsedDays),
    }),
  };
}

type Changed = Partial<Pick<ElementSet, 'meanMotionRevPerDay' | 'eccentricity' | 'inclinationDeg' | 'raanDeg' | 'argOfPericenterDeg' | 'meanAnomalyDeg' | 'revAtEpoch'>>;

/** A copy of `es` at the new epoch with the fields changed; without `source`, since it was read from nowhere. */
function withEpoch(es: ElementSet, epochMs: number, changed: Changed): ElementSet {
  const { source: _source, ...rest } = es;
  return { ...rest, ...changed, epochMs };
}

/** An angle in radians as degrees in [0, 360). */
function angleDeg(rad: number): number {
  const turns = rad / TWO_PI;
  const deg = (turns - Math.floor(turns)) * 360;
  return deg >= 360 ? 0 : deg;
}

function advanceRevolutions(revAtEpoch: number, revolutions: number): number {
  const rev = (revAtEpoch + Math.floor(revolutions)) % REV_MODULUS;
  return rev < 0 ? rev + REV_MODULUS : rev;
}

/**
 * The Kozai mean motion (rad/min) whose SGP4 initialisation gives the Brouwer ("un-Kozai'd") mean
 * motion `brouwerRadPerMin`: the inverse of Hoots & Roehrich, Spacetrack Report #3 (1980), the
 * recovery of the original mean motion, as sgp4init's `initl` does it with WGS-72 J2. The map is
 * n_kozai = n_brouwer · (1 + δ(n_kozai)) with δ ~ 1e-3, so a fixed-point iteration converges to
 * machine precision in a few steps.
 */
export function kozaiMeanMotion(brouwerRadPerMin: number, eccentricity: number, inclinationRad: number): number {
  const cosI = Math.cos(inclinationRad);
  const omeosq = 1 - eccentricity * eccentricity;
  const d1 = (0.75 * constants.j2 * (3 * cosI * cosI - 1)) / (Math.sqrt(omeosq) * omeosq);
  let n = brouwerRadPerMin;
  for (let i = 0; i < 20; i++) {
    const ak = (constants.xke / n) ** (2 / 3);
    let del = d1 / (ak * ak);
    const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
    del = d1 / (adel * adel);
    const next = brouwerRadPerMin * (1 + del);
    if (Math.abs(next - n) <= 1e-15 * n) return next;
    n = next;
  }
  return n;
}
