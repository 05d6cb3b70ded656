// Physical range checks shared by every element format: an element set that passes them is one
// SGP4 can be started on (0 <= e < 1, inclination 0..180 deg, a plausible mean motion, an epoch
// in the satellite era). Each failure names the OMM keyword of the field and what was expected.
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import { elementProblem } from './elementProblem.ts';
import type { Place } from './elementProblem.ts';

/** OMM keywords (CCSDS 502.0-B-3 §4) of the ElementSet fields, used as `field` in problems. */
export type ElementField =
  | 'EPOCH'
  | 'MEAN_MOTION'
  | 'ECCENTRICITY'
  | 'INCLINATION'
  | 'RA_OF_ASC_NODE'
  | 'ARG_OF_PERICENTER'
  | 'MEAN_ANOMALY'
  | 'NORAD_CAT_ID'
  | 'BSTAR'
  | 'MEAN_MOTION_DOT'
  | 'MEAN_MOTION_DDOT'
  | 'EPHEMERIS_TYPE'
  | 'ELEMENT_SET_NO'
  | 'REV_AT_EPOCH'
  | 'CLASSIFICATION_TYPE';

/** Mean motion outside this band is not an Earth orbit SGP4 can use: below, a period of 100 days
 * (beyond the Moon); above, a semi-major axis inside the Earth. */
export const MEAN_MOTION_MIN_REV_PER_DAY = 0.01;
export const MEAN_MOTION_MAX_REV_PER_DAY = 18;
/** Epochs before 1957 or from 2100 on are typing mistakes, not element sets. */
export const EPOCH_MIN_MS = Date.UTC(1957, 0, 1);
export const EPOCH_END_MS = Date.UTC(2100, 0, 1);
export const CATALOG_ID_MAX = 999_999_999;

export interface RangeIssue {
  readonly field: ElementField;
  readonly message: string;
}

function angle(issues: RangeIssue[], field: ElementField, value: number, max: number): void {
  if (!(value >= 0 && value <= max)) issues.push({ field, message: `${field} must be within 0 .. ${max} deg, found ${value}` });
}

function whole(issues: RangeIssue[], field: ElementField, value: number): void {
  if (!Number.isInteger(value) || value < 0) issues.push({ field, message: `${field} must be a whole number >= 0, found ${value}` });
}

function finite(issues: RangeIssue[], field: ElementField, value: number): void {
  if (!Number.isFinite(value)) issues.push({ field, message: `${field} must be a finite number, found ${value}` });
}

/** The range problems of an element set, or an empty list. */
export function checkElementRanges(es: ElementSet): RangeIssue[] {
  const issues: RangeIssue[] = [];
  if (!(es.eccentricity >= 0 && es.eccentricity < 1)) {
    issues.push({ field: 'ECCENTRICITY', message: `ECCENTRICITY must be within 0 <= e < 1, found ${es.eccentricity}` });
  }
  angle(issues, 'INCLINATION', es.inclinationDeg, 180);
  angle(issues, 'RA_OF_ASC_NODE', es.raanDeg, 360);
  angle(issues, 'ARG_OF_PERICENTER', es.argOfPericenterDeg, 360);
  angle(issues, 'MEAN_ANOMALY', es.meanAnomalyDeg, 360);
  const n = es.meanMotionRevPerDay;
  if (!(n > 0)) {
    issues.push({ field: 'MEAN_MOTION', message: `MEAN_MOTION must be greater than 0 rev/day, found ${n}` });
  } else if (n < MEAN_MOTION_MIN_REV_PER_DAY || n > MEAN_MOTION_MAX_REV_PER_DAY) {
    issues.push({
      field: 'MEAN_MOTION',
      message: `MEAN_MOTION must be a plausible Earth orbit, ${MEAN_MOTION_MIN_REV_PER_DAY} .. ${MEAN_MOTION_MAX_REV_PER_DAY} rev/day, found ${n}`,
    });
  }
  if (!(es.epochMs >= EPOCH_MIN_MS && es.epochMs < EPOCH_END_MS)) {
    const found = Number.isFinite(es.epochMs) ? new Date(es.epochMs).toISOString() : String(es.epochMs);
    issues.push({ field: 'EPOCH', message: `EPOCH must be within the years 1957 .. 2099, found ${found}` });
  }
  if (!Number.isInteger(es.catalogId) || es.catalogId < 0 || es.catalogId > CATALOG_ID_MAX) {
    issues.push({ field: 'NORAD_CAT_ID', message: `NORAD_CAT_ID must be an integer 0 .. ${CATALOG_ID_MAX}, found ${es.catalogId}` });
  }
  whole(issues, 'REV_AT_EPOCH', es.revAtEpoch);
  whole(issues, 'ELEMENT_SET_NO', es.elementSetNo);
  whole(issues, 'EPHEMERIS_TYPE', es.ephemerisType);
  finite(issues, 'BSTAR', es.bstar);
  finite(issues, 'MEAN_MOTION_DOT', es.meanMotionDot);
  finite(issues, 'MEAN_MOTION_DDOT', es.meanMotionDdot);
  return issues;
}

/**
 * The range problems of `es` as ZenithErrors (code ELEMENT_RANGE). `locate` gives the place of a
 * field in the source (a TLE column, an OMM line); by default the record's file and line.
 */
export function validateElementSet(es: ElementSet, locate?: (field: ElementField) => Place): ZenithError[] {
  const where = locate ?? ((field: ElementField): Place => ({ file: es.source?.file, line: es.source?.line, field }));
  const issues = checkElementRanges(es);
  if (issues.length === 0) return [];
  return issues.map((issue) =>
    elementProblem('ELEMENT_RANGE', `object ${es.catalogId}: ${issue.message}`, { objectId: es.catalogId, ...where(issue.field), field: issue.field }),
  );
}
