// Where the Sun is overhead, for the day/night terminator of the map. The low-precision solar
// coordinates of the Astronomical Almanac (about 0.01 deg, far below a pixel of the map); the full
// Sun of src/core/sky would bring astronomy-engine into the bundle for nothing visible.
import { gmstRad, julianDate } from '../../../src/core/time/index.ts';

const DEG = Math.PI / 180;

/** Latitude and longitude (degrees, longitude in [-180, 180)) of the subsolar point at `utcMs`. */
export function subsolarPoint(utcMs: number): { latitudeDeg: number; longitudeDeg: number } {
  const n = julianDate(utcMs) - 2451545.0;
  const meanLongitude = (280.46 + 0.9856474 * n) % 360;
  const meanAnomaly = ((357.528 + 0.9856003 * n) % 360) * DEG;
  const eclipticLongitude = (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.0000004 * n) * DEG;
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclipticLongitude), Math.cos(eclipticLongitude));
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const longitude = (rightAscension - gmstRad(utcMs)) / DEG;
  return { latitudeDeg: declination / DEG, longitudeDeg: ((((longitude + 180) % 360) + 360) % 360) - 180 };
}
