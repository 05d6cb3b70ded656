// Where a satellite is seen from a ground station: azimuth (from north, clockwise), elevation
// above the WGS-84 ellipsoid's tangent plane, range and range rate (positive when receding).
import { ZenithError } from '../errors/index.ts';
import type { Vec3 } from '../math/index.ts';
import { geodeticToItrf } from './wgs84.ts';
import type { Geodetic } from './wgs84.ts';

export interface Station {
  readonly name: string;
  readonly geodetic: Geodetic;
  /** The station's ITRF position (km), computed once. */
  readonly itrf: Vec3;
}

export interface Topocentric {
  /** [0, 2π), from north towards east. */
  readonly azimuthRad: number;
  /** [−π/2, π/2] above the local horizontal plane (geodetic normal). */
  readonly elevationRad: number;
  readonly rangeKm: number;
  /** d(range)/dt, positive when the satellite moves away. */
  readonly rangeRateKmPerS: number;
}

/**
 * A station from its geodetic coordinates. Coordinates outside the globe are bad input from a
 * configuration or command line → ZenithError STATION_COORDINATES.
 */
export function makeStation(name: string, geodetic: Geodetic): Station {
  const { latitudeRad, longitudeRad, altitudeKm } = geodetic;
  const where = { field: name };
  if (!(Math.abs(latitudeRad) <= Math.PI / 2)) {
    throw new ZenithError('STATION_COORDINATES', `station ${name}: latitude ${(latitudeRad * 180) / Math.PI} deg is out of range: expected -90 to 90`, where);
  }
  if (!(longitudeRad >= -Math.PI && longitudeRad <= 2 * Math.PI)) {
    throw new ZenithError('STATION_COORDINATES', `station ${name}: longitude ${(longitudeRad * 180) / Math.PI} deg is out of range: expected -180 to 360`, where);
  }
  if (!(altitudeKm > -12 && altitudeKm < 100)) {
    throw new ZenithError('STATION_COORDINATES', `station ${name}: altitude ${altitudeKm * 1000} m is out of range: expected -12000 to 100000 m`, where);
  }
  return { name, geodetic, itrf: geodeticToItrf(geodetic) };
}

/** Look angles of a satellite at `rItrf`/`vItrf` (km, km/s) from `station` at `stationItrf`. */
export function topocentric(station: Geodetic, stationItrf: Vec3, rItrf: Vec3, vItrf: Vec3): Topocentric {
  const dx = rItrf.x - stationItrf.x;
  const dy = rItrf.y - stationItrf.y;
  const dz = rItrf.z - stationItrf.z;
  const sLat = Math.sin(station.latitudeRad);
  const cLat = Math.cos(station.latitudeRad);
  const sLon = Math.sin(station.longitudeRad);
  const cLon = Math.cos(station.longitudeRad);
  const east = -sLon * dx + cLon * dy;
  const north = -sLat * cLon * dx - sLat * sLon * dy + cLat * dz;
  const up = cLat * cLon * dx + cLat * sLon * dy + sLat * dz;
  const rangeKm = Math.sqrt(dx * dx + dy * dy + dz * dz);
  let azimuthRad = Math.atan2(east, north);
  if (azimuthRad < 0) azimuthRad += 2 * Math.PI;
  // The station is fixed in ITRF, so the satellite's ITRF velocity is the relative velocity.
  const rangeRateKmPerS = rangeKm > 0 ? (dx * vItrf.x + dy * vItrf.y + dz * vItrf.z) / rangeKm : 0;
  return { azimuthRad, elevationRad: Math.atan2(up, Math.hypot(east, north)), rangeKm, rangeRateKmPerS };
}
