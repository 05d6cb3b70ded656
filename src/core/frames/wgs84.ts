// ITRF <-> geodetic coordinates on the WGS-84 ellipsoid. The inverse iterates to the limit of
// double precision (< 1e-15 rad, micrometres in height) rather than stopping at a fixed count.
import type { Vec3 } from '../math/index.ts';

/** WGS-84 semi-major axis (km). */
export const WGS84_A_KM = 6378.137;
/** WGS-84 flattening. */
export const WGS84_F = 1 / 298.257_223_563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Semi-minor axis (km). */
export const WGS84_B_KM = WGS84_A_KM * (1 - WGS84_F);

/** Geodetic coordinates: latitude and longitude in radians (east positive), height in km. */
export interface Geodetic {
  readonly latitudeRad: number;
  readonly longitudeRad: number;
  readonly altitudeKm: number;
}

export function geodeticToItrf(g: Geodetic): Vec3 {
  const sLat = Math.sin(g.latitudeRad);
  const cLat = Math.cos(g.latitudeRad);
  const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sLat * sLat);
  const rho = (n + g.altitudeKm) * cLat;
  return {
    x: rho * Math.cos(g.longitudeRad),
    y: rho * Math.sin(g.longitudeRad),
    z: (n * (1 - WGS84_E2) + g.altitudeKm) * sLat,
  };
}

/**
 * ITRF (km) → geodetic. Longitude in (−π, π]; valid for any point farther than ~50 km from the
 * Earth's centre (deeper inside, geodetic coordinates stop being unique).
 */
export function itrfToGeodetic(r: Vec3): Geodetic {
  const p = Math.hypot(r.x, r.y);
  let lat = Math.atan2(r.z, p * (1 - WGS84_E2));
  // Fixed-point iteration on the latitude; it contracts by about e² per step near the surface.
  for (let i = 0; i < 30; i++) {
    const s = Math.sin(lat);
    const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * s * s);
    const next = Math.atan2(r.z + WGS84_E2 * n * s, p);
    const done = Math.abs(next - lat) <= 1e-15;
    lat = next;
    if (done) break;
  }
  const s = Math.sin(lat);
  // This form of the height is well conditioned at the poles as well as on the equator.
  const altitudeKm = p * Math.cos(lat) + r.z * s - WGS84_A_KM * Math.sqrt(1 - WGS84_E2 * s * s);
  return { latitudeRad: lat, longitudeRad: Math.atan2(r.y, r.x), altitudeKm };
}
