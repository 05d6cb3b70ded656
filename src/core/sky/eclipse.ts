// Eclipse of a satellite by the Earth: our conical shadow model. Seen from the satellite, the Sun
// and the Earth are discs of apparent radius asin(R/distance); their separation decides sunlit,
// penumbra (partly covered) or umbra (fully covered), and the covered area the sunlit fraction.
import type { Vec3 } from '../math/index.ts';
import { sunPositionEci } from './sunMoon.ts';

/** Radius of the Earth for the shadow (km): WGS-84 equatorial; the ellipsoid is taken as a sphere. */
export const SHADOW_EARTH_RADIUS_KM = 6378.137;
/** Nominal solar radius (km), IAU 2015 Resolution B3. */
export const SUN_RADIUS_KM = 695_700;

export type EclipseState = 'sunlit' | 'penumbra' | 'umbra';

export interface Eclipse {
  readonly state: EclipseState;
  /** Fraction of the solar disc seen: 1 sunlit, 0 in umbra, in between in penumbra. */
  readonly sunlitFraction: number;
}

const SUNLIT: Eclipse = { state: 'sunlit', sunlitFraction: 1 };
const UMBRA: Eclipse = { state: 'umbra', sunlitFraction: 0 };

/** Angle between two vectors, accurate at small and large angles alike. */
function angleBetween(a: Vec3, b: Vec3): number {
  const cx = a.y * b.z - a.z * b.y;
  const cy = a.z * b.x - a.x * b.z;
  const cz = a.x * b.y - a.y * b.x;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), a.x * b.x + a.y * b.y + a.z * b.z);
}

/**
 * Eclipse state of a satellite at `rSat` given the Sun at `rSun` (both km, same geocentric frame).
 * The covered area is that of two overlapping flat discs (as satellite.js `shadowFraction`); the
 * curvature of the Earth's limb across the Sun's 0.27° changes it by < 1e-3.
 */
export function eclipseFromSun(rSat: Vec3, rSun: Vec3): Eclipse {
  const satDistance = Math.sqrt(rSat.x * rSat.x + rSat.y * rSat.y + rSat.z * rSat.z);
  if (satDistance <= SHADOW_EARTH_RADIUS_KM) return UMBRA;
  const toSun = { x: rSun.x - rSat.x, y: rSun.y - rSat.y, z: rSun.z - rSat.z };
  const sunDistance = Math.sqrt(toSun.x * toSun.x + toSun.y * toSun.y + toSun.z * toSun.z);
  const earthRadius = Math.asin(SHADOW_EARTH_RADIUS_KM / satDistance);
  const sunRadius = Math.asin(Math.min(1, SUN_RADIUS_KM / sunDistance));
  const separation = angleBetween(toSun, { x: -rSat.x, y: -rSat.y, z: -rSat.z });
  if (separation >= earthRadius + sunRadius) return SUNLIT;
  if (separation <= earthRadius - sunRadius) return UMBRA;
  const sunArea = Math.PI * sunRadius * sunRadius;
  // Earth's disc wholly inside the Sun's (far beyond the umbra's tip): an annulus stays lit.
  if (separation <= sunRadius - earthRadius) {
    return { state: 'penumbra', sunlitFraction: 1 - (earthRadius * earthRadius) / sunRadius / sunRadius };
  }
  const d = separation;
  const rs = sunRadius;
  const re = earthRadius;
  const clamp = (c: number): number => Math.min(1, Math.max(-1, c));
  const overlap =
    rs * rs * Math.acos(clamp((d * d + rs * rs - re * re) / (2 * d * rs))) +
    re * re * Math.acos(clamp((d * d + re * re - rs * rs) / (2 * d * re))) -
    0.5 * Math.sqrt(Math.max(0, (-d + rs + re) * (d + rs - re) * (d - rs + re) * (d + rs + re)));
  return { state: 'penumbra', sunlitFraction: Math.min(1, Math.max(0, 1 - overlap / sunArea)) };
}

/** Eclipse state of a satellite at `rTeme` (km, TEME) at `utcMs`. */
export function eclipse(rTeme: Vec3, utcMs: number): Eclipse {
  return eclipseFromSun(rTeme, sunPositionEci(utcMs));
}
