// Where a spacecraft is and whether it sees the Sun, from the element set in force: the
// sub-satellite point (WGS-84, no EOP), the TEME state and the eclipse (our conical shadow model).
import { itrfToGeodetic, temeToItrf } from '../../core/frames/index.ts';
import type { Vec3 } from '../../core/math/index.ts';
import type { Propagator } from '../../core/orbit/index.ts';
import { eclipse } from '../../core/sky/index.ts';
import type { EclipseState } from '../../core/sky/index.ts';

const RAD_TO_DEG = 180 / Math.PI;

export interface SpacecraftState {
  readonly spacecraft: string;
  readonly timeMs: number;
  readonly latitudeDeg: number;
  /** (-180, 180]. */
  readonly longitudeDeg: number;
  readonly altitudeKm: number;
  readonly positionTemeKm: Vec3;
  readonly velocityTemeKmPerS: Vec3;
  readonly eclipse: EclipseState;
  /** 1 in sunlight, 0 in umbra. */
  readonly sunlitFraction: number;
  /** Epoch of the element set propagated. */
  readonly elementsEpochMs: number;
}

/** The state at `atMs`, or undefined when SGP4 cannot reach that time (decay). */
export function spacecraftStateAt(spacecraft: string, propagator: Propagator, atMs: number): SpacecraftState | undefined {
  const s = propagator.propagateAt(atMs);
  if (!s.ok) return undefined;
  const g = itrfToGeodetic(temeToItrf(s.position, s.velocity, atMs).position);
  const shadow = eclipse(s.position, atMs);
  return {
    spacecraft,
    timeMs: atMs,
    latitudeDeg: g.latitudeRad * RAD_TO_DEG,
    longitudeDeg: g.longitudeRad * RAD_TO_DEG,
    altitudeKm: g.altitudeKm,
    positionTemeKm: s.position,
    velocityTemeKmPerS: s.velocity,
    eclipse: shadow.state,
    sunlitFraction: shadow.sunlitFraction,
    elementsEpochMs: propagator.elements.epochMs,
  };
}
