// Reference frames: TEME (SGP4) -> ITRF with optional Earth orientation parameters, ITRF <->
// WGS-84 geodetic, and topocentric look angles from a ground station.
export { WGS84_A_KM, WGS84_B_KM, WGS84_E2, WGS84_F, geodeticToItrf, itrfToGeodetic } from './wgs84.ts';
export type { Geodetic } from './wgs84.ts';
export { NO_EARTH_ORIENTATION, eopAt, eopCoverage, parseEop } from './eop.ts';
export type { EarthOrientation, EopRow, EopTable } from './eop.ts';
export { itrfToTeme, itrfToTemeAt, temeToItrf, temeToItrfAt } from './temeToItrf.ts';
export type { PositionVelocity } from './temeToItrf.ts';
export { makeStation, topocentric } from './topocentric.ts';
export type { Station, Topocentric } from './topocentric.ts';
