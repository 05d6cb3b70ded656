// The acceleration of an Earth orbiter in the Earth-fixed frame from its state alone: point-mass and
// J2 gravity (WGS-72, SGP4's constants) plus the Coriolis and centrifugal terms of the turning frame.
// Drag, the higher zonals and the Moon and Sun are left out: they change the acceleration of an SGP4
// trajectory by well under 1e-7 km/s², which is what lets the pass search interpolate between its
// samples (see QuinticSegment) to a metre.

import { EARTH_ROTATION_RAD_PER_S } from '../time/index.ts';

/** WGS-72 constants of SGP4 (satellite.js's mu, radiusearthkm and j2). */
const MU_KM3_PER_S2 = 398_600.8;
const EARTH_RADIUS_KM = 6378.135;
const J2 = 0.001082616;
const EARTH_RATE = EARTH_ROTATION_RAD_PER_S;
const J2_FACTOR = 1.5 * J2 * EARTH_RADIUS_KM * EARTH_RADIUS_KM;

/**
 * Writes the Earth-fixed acceleration (km/s²) of the object whose Earth-fixed position (km) and
 * velocity (km/s) are state[from .. from+5] into out[to .. to+2]. Allocates nothing.
 */
export function earthFixedAcceleration(state: Float64Array, from: number, out: Float64Array, to: number): void {
  const x = state[from] ?? 0;
  const y = state[from + 1] ?? 0;
  const z = state[from + 2] ?? 0;
  const vx = state[from + 3] ?? 0;
  const vy = state[from + 4] ?? 0;
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const k = MU_KM3_PER_S2 / (r2 * r);
  const j = J2_FACTOR / r2;
  const zz = (5 * z * z) / r2;
  const radial = k * (1 + j * (1 - zz));
  const w2 = EARTH_RATE * EARTH_RATE;
  out[to] = -radial * x + w2 * x + 2 * EARTH_RATE * vy;
  out[to + 1] = -radial * y + w2 * y - 2 * EARTH_RATE * vx;
  out[to + 2] = -k * z * (1 + j * (3 - zz));
}
