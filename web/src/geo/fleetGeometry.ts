// Where the fleet is, computed in the browser with src/core (SGP4, TEME -> ITRF -> geodetic) from
// the element sets the API gives: the sub-satellite point now, the ground track of the past half
// orbit and the next orbit, and the ground footprint a station sees a spacecraft within.
import { itrfToGeodetic, temeToItrf } from '../../../src/core/frames/index.ts';
import { Propagator } from '../../../src/core/orbit/index.ts';
import type { ElementSet } from '../../../src/core/orbit/index.ts';

const RAD = 180 / Math.PI;
const EARTH_RADIUS_KM = 6371;
const MS_PER_DAY = 86_400_000;

export interface SubPoint {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeKm: number;
}

const propagators = new WeakMap<ElementSet, Propagator>();

function propagatorOf(elements: ElementSet): Propagator {
  let p = propagators.get(elements);
  if (p === undefined) {
    p = Propagator.fromElements(elements);
    propagators.set(elements, p);
  }
  return p;
}

/** The sub-satellite point at `utcMs`, or undefined when SGP4 cannot reach that time. */
export function subPoint(elements: ElementSet, utcMs: number): SubPoint | undefined {
  const state = propagatorOf(elements).propagateAt(utcMs);
  if (!state.ok) return undefined;
  const { position } = temeToItrf(state.position, state.velocity, utcMs);
  const g = itrfToGeodetic(position);
  return { latitudeDeg: g.latitudeRad * RAD, longitudeDeg: g.longitudeRad * RAD, altitudeKm: g.altitudeKm };
}

export function orbitalPeriodMs(elements: ElementSet): number {
  return MS_PER_DAY / elements.meanMotionRevPerDay;
}

/** [longitude, latitude] points (degrees) from `fromMs` to `toMs`, `samples` of them. */
export function groundTrack(elements: ElementSet, fromMs: number, toMs: number, samples = 180): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= samples; i++) {
    const p = subPoint(elements, fromMs + ((toMs - fromMs) * i) / samples);
    if (p !== undefined) out.push([p.longitudeDeg, p.latitudeDeg]);
  }
  return out;
}

/**
 * The Earth-central angle (degrees) of the circle within which a station sees a spacecraft at
 * `altitudeKm` above `minElevationDeg` (spherical Earth: enough for a map).
 */
export function footprintRadiusDeg(altitudeKm: number, minElevationDeg: number): number {
  const el = minElevationDeg / RAD;
  const ratio = EARTH_RADIUS_KM / (EARTH_RADIUS_KM + Math.max(altitudeKm, 0));
  return (Math.acos(ratio * Math.cos(el)) - el) * RAD;
}
