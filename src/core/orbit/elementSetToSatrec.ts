// Builds satellite.js's SGP4 record from Zenith's one element type, so that a TLE and an OMM of the
// same elements give the same record: both go through `json2satrec` (sgp4init is not exported).

import { json2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import type { ElementSet } from './ElementSet.ts';

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

/**
 * The OMM (CCSDS 502.0-B-3 §4) fields json2satrec reads. EPOCH carries whole milliseconds because
 * json2satrec parses it with `Date`; the sub-millisecond rest only moves the Sun/Moon and sidereal
 * angles that sgp4init evaluates at epoch, while times since epoch are computed from `epochMs` itself.
 */
export function elementSetToOmmJson(es: ElementSet): OMMJsonObject {
  return {
    OBJECT_NAME: es.name ?? '',
    OBJECT_ID: es.internationalDesignator ?? '',
    EPOCH: new Date(Math.round(es.epochMs)).toISOString(),
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
 * SGP4 record in improved mode ('i') with satellite.js's WGS-72 constants. Throws RangeError when a
 * field is not a finite number: element parsers never produce one, so it is a programming error.
 */
export function elementSetToSatrec(es: ElementSet): SatRec {
  for (const field of NUMERIC_FIELDS) {
    if (!Number.isFinite(es[field])) {
      throw new RangeError(`ElementSet ${es.catalogId}: ${field} must be a finite number, found ${es[field]}`);
    }
  }
  return json2satrec(elementSetToOmmJson(es), 'i');
}
