// Builds satellite.js's SGP4 record from Zenith's one element type, so that a TLE and an OMM of the
// same elements give the same record: both go through `json2satrec` (sgp4init is not exported).

import { jday, json2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import type { ElementSet } from './ElementSet.ts';

const MS_PER_DAY = 86_400_000;
const TWO_PI = 2 * Math.PI;

const NUMERIC_FIELDS = [
  'epochMs',
  'meanMotionRevPerDay',
  'eccentricity',
  'inclinationDeg',
  'raanDeg',
  'argOfPericenterDeg',
  'meanAnomalyDeg',
  'bstar',
  'meanMotionDot',
  'meanMotionDdot',
] as const;

/** The OMM fields (CCSDS 502.0-B-3 §4) json2satrec reads, with EPOCH at the whole millisecond `epochMs`. */
export function elementSetToOmmJson(es: ElementSet, epochMs = Math.round(es.epochMs)): OMMJsonObject {
  return {
    OBJECT_NAME: es.name ?? '',
    OBJECT_ID: es.internationalDesignator ?? '',
    EPOCH: new Date(epochMs).toISOString(),
    MEAN_MOTION: es.meanMotionRevPerDay,
    ECCENTRICITY: es.eccentricity,
    INCLINATION: es.inclinationDeg,
    RA_OF_ASC_NODE: es.raanDeg,
    ARG_OF_PERICENTER: es.argOfPericenterDeg,
    MEAN_ANOMALY: es.meanAnomalyDeg,
    NORAD_CAT_ID: es.catalogId,
    ELEMENT_SET_NO: es.elementSetNo,
    REV_AT_EPOCH: es.revAtEpoch,
    BSTAR: es.bstar,
    MEAN_MOTION_DOT: es.meanMotionDot,
    MEAN_MOTION_DDOT: es.meanMotionDdot,
  };
}

/**
 * SGP4 record in improved mode ('i') with satellite.js's WGS-72 constants, initialised at the exact
 * epoch. json2satrec reads EPOCH through `Date`, i.e. in whole milliseconds, yet the deep-space
 * lunar-solar terms sgp4init evaluates at epoch are sensitive to it: for Vallado's case 23333 (e = 0.97,
 * at perigee) 0.14 ms is 35 mm. So a sub-millisecond epoch is initialised at the two whole milliseconds
 * around it, and every field of the record, a smooth function of the epoch over 1 ms, is interpolated
 * linearly to the Julian date twoline2satrec would compute (Vallado's days2mdhms + jday).
 * Throws RangeError when a field is not a finite number: parsers never produce one.
 */
export function elementSetToSatrec(es: ElementSet): SatRec {
  for (const field of NUMERIC_FIELDS) {
    if (!Number.isFinite(es[field])) {
      throw new RangeError(`ElementSet ${es.catalogId}: ${field} must be a finite number, found ${es[field]}`);
    }
  }
  const wholeMs = Math.floor(es.epochMs);
  const below = json2satrec(elementSetToOmmJson(es, wholeMs), 'i');
  if (wholeMs === es.epochMs) return below;
  const above = json2satrec(elementSetToOmmJson(es, wholeMs + 1), 'i');
  const targetJd = valladoJulianDate(es.epochMs);
  const weight = (targetJd - below.jdsatepoch) / (above.jdsatepoch - below.jdsatepoch);
  const satrec = interpolateRecords(below, above, weight);
  satrec.jdsatepoch = targetJd;
  return satrec;
}

/** `a + weight * (b - a)` for every numeric field; differences beyond π are angles that wrapped at 2π. */
function interpolateRecords(a: SatRec, b: SatRec, weight: number): SatRec {
  const out: Record<string, unknown> = { ...a };
  const bFields = b as unknown as Record<string, unknown>;
  for (const [key, va] of Object.entries(a)) {
    const vb = bFields[key];
    if (typeof va !== 'number' || typeof vb !== 'number' || !Number.isFinite(va) || !Number.isFinite(vb)) continue;
    let d = vb - va;
    if (d > Math.PI) d -= TWO_PI;
    else if (d < -Math.PI) d += TWO_PI;
    out[key] = va + weight * d;
  }
  return out as unknown as SatRec;
}

/**
 * The Julian date twoline2satrec computes for an epoch given as a day of the year: satellite.js's
 * `days2mdhms` (not exported; the same arithmetic here, so the result rounds the same way) then `jday`.
 */
function valladoJulianDate(epochMs: number): number {
  const year = new Date(Math.floor(epochMs)).getUTCFullYear();
  const days = (epochMs - Date.UTC(year, 0, 1)) / MS_PER_DAY + 1;
  const dayOfYear = Math.floor(days);
  const leap = year % 4 === 0;
  const monthLengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let month = 1;
  let daysBefore = 0;
  for (const length of monthLengths) {
    if (dayOfYear <= daysBefore + length || month === 12) break;
    daysBefore += length;
    month += 1;
  }
  let temp = (days - dayOfYear) * 24.0;
  const hour = Math.floor(temp);
  temp = (temp - hour) * 60.0;
  const minute = Math.floor(temp);
  const second = (temp - minute) * 60.0;
  return jday(year, month, dayOfYear - daysBefore, hour, minute, second);
}
