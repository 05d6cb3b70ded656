// Writes an ElementSet as the two fixed-column lines of a TLE, for the tools that still want them.
// Only ids up to 339999 (Alpha-5 `Z9999`) and epochs of 1957..2056 fit; anything else is a RangeError.
import type { ElementSet } from './ElementSet.ts';
import { numberToAlpha5 } from './alpha5.ts';
import { formatTleEpoch } from './epochText.ts';
import { tleChecksum } from './parseTle.ts';

function fits(text: string, width: number, what: string): string {
  if (text.length > width) throw new RangeError(`${what} ${text.trim()} does not fit ${width} TLE columns`);
  return text.padStart(width, ' ');
}

function fixed(value: number, digits: number, width: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`${what} ${value} is not a number`);
  return fits(value.toFixed(digits), width, what);
}

/** Columns 34-43: sign and `.dddddddd` (first derivative of mean motion / 2, rev/day^2). */
function firstDerivative(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 10) throw new RangeError(`MEAN_MOTION_DOT ${value} does not fit TLE columns 34-43`);
  const sign = value < 0 ? '-' : ' ';
  const magnitude = Math.abs(value);
  const text = magnitude.toFixed(8);
  // Below 1 the TLE drops the leading zero (`.00000643`); from 1 on one fraction digit makes room.
  return text.startsWith('0.') ? `${sign}${text.slice(1)}` : `${sign}${magnitude.toFixed(7)}`;
}

/** The TLE's implied-decimal field (` 12345-4` = 0.12345e-4); zero is written ` 00000-0`. */
function impliedDecimal(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`${what} ${value} is not a number`);
  if (value === 0) return ' 00000-0';
  const [digits = '', exp = '0'] = Math.abs(value).toExponential(4).split('e');
  const exponent = Number(exp) + 1;
  const sign = value < 0 ? '-' : ' ';
  if (exponent < -9) return ' 00000-0'; // below 1e-10 the field cannot hold it: it reads as zero
  if (exponent > 9) throw new RangeError(`${what} ${value} does not fit the TLE's implied-decimal field`);
  return `${sign}${digits.replace('.', '')}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

function designator(id: string | undefined): string {
  if (id === undefined) return '        ';
  const m = /^\d\d(\d\d)-(\d{3})([A-Z]{1,3})$/.exec(id);
  if (m !== null) return `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`.padEnd(8, ' ');
  return id.length <= 8 ? id.padEnd(8, ' ') : '        ';
}

function withChecksum(line: string): string {
  return `${line}${tleChecksum(line)}`;
}

/**
 * Lines 1 and 2 of the TLE of `es`, 69 columns each, with their checksums. Numbers are written
 * the way Space-Track writes them: zero-padded catalog numbers (Alpha-5 past 99999), a blank for a
 * positive sign, zero derivatives and BSTAR as ` 00000-0`. RangeError when the id does not fit
 * (Alpha-5 max 339999), the epoch is outside 1957..2056 or a value is too large for its columns.
 * REV_AT_EPOCH and ELEMENT_SET_NO are written modulo 100000 and 10000, as the columns wrap.
 */
export function formatTle(es: ElementSet): readonly [string, string] {
  const id = numberToAlpha5(es.catalogId);
  const classification = es.classification.length === 1 ? es.classification : 'U';
  if (!(es.eccentricity >= 0 && es.eccentricity < 1)) throw new RangeError(`ECCENTRICITY ${es.eccentricity} does not fit a TLE (0 <= e < 1)`);
  let ecc = Math.round(es.eccentricity * 1e7);
  if (ecc > 9_999_999) ecc = 9_999_999;
  if (!Number.isInteger(es.ephemerisType) || es.ephemerisType < 0 || es.ephemerisType > 9) {
    throw new RangeError(`EPHEMERIS_TYPE ${es.ephemerisType} does not fit TLE column 63`);
  }
  const elementSetNo = fits(String(Math.abs(Math.trunc(es.elementSetNo)) % 10_000), 4, 'ELEMENT_SET_NO');
  const rev = fits(String(Math.abs(Math.trunc(es.revAtEpoch)) % 100_000), 5, 'REV_AT_EPOCH');
  const line1 = [
    '1 ',
    id,
    classification,
    ' ',
    designator(es.internationalDesignator),
    ' ',
    formatTleEpoch(es.epochMs),
    ' ',
    firstDerivative(es.meanMotionDot),
    ' ',
    impliedDecimal(es.meanMotionDdot, 'MEAN_MOTION_DDOT'),
    ' ',
    impliedDecimal(es.bstar, 'BSTAR'),
    ' ',
    String(es.ephemerisType),
    ' ',
    elementSetNo,
  ].join('');
  const line2 = [
    '2 ',
    id,
    ' ',
    fixed(es.inclinationDeg, 4, 8, 'INCLINATION'),
    ' ',
    fixed(es.raanDeg, 4, 8, 'RA_OF_ASC_NODE'),
    ' ',
    String(ecc).padStart(7, '0'),
    ' ',
    fixed(es.argOfPericenterDeg, 4, 8, 'ARG_OF_PERICENTER'),
    ' ',
    fixed(es.meanAnomalyDeg, 4, 8, 'MEAN_ANOMALY'),
    ' ',
    fixed(es.meanMotionRevPerDay, 8, 11, 'MEAN_MOTION'),
    rev,
  ].join('');
  return [withChecksum(line1), withChecksum(line2)];
}
