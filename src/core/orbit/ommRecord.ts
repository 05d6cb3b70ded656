// Turns the keyword/value pairs of one OMM (whatever its encoding: KVN, XML, JSON, CSV) into an
// ElementSet. Keywords and their meaning follow CCSDS 502.0-B-3 §4 (OMM metadata, mean elements
// and TLE-related parameters); only SGP4 mean elements in TEME/UTC about the Earth are accepted.
import type { ZenithError } from '../errors/index.ts';
import type { ElementFormat, ElementSet } from './ElementSet.ts';
import type { ParseOptions } from './ParsedElements.ts';
import { tryAlpha5ToNumber } from './alpha5.ts';
import { elementProblem } from './elementProblem.ts';
import type { Place } from './elementProblem.ts';
import { parseOmmEpoch } from './epochText.ts';
import { parseDecimal, parseInteger } from './numberText.ts';
import { validateElementSet } from './validateElementSet.ts';

/** One keyword's value as text, with where it was written (line/column in KVN, XML and CSV). */
export interface OmmValue {
  readonly text: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** Keyword -> value of one OMM; `USER_DEFINED_x` and unknown keywords are carried but not used. */
export type OmmFields = ReadonlyMap<string, OmmValue>;

export interface OmmRecordPlace {
  readonly file?: string | undefined;
  /** The line where the OMM (the <omm> element, the JSON object, the CSV row) starts. */
  readonly line?: number | undefined;
  /** A JSON path such as `[3]` or the XML element path, for formats without useful lines. */
  readonly path?: string | undefined;
  readonly format: Exclude<ElementFormat, 'tle'>;
}

export interface OmmRecordResult {
  readonly elements: ElementSet | undefined;
  readonly problems: ZenithError[];
}

/** Metadata an SGP4 element set must have when it is stated at all (CelesTrak's JSON and CSV omit it). */
const REQUIRED_METADATA: readonly (readonly [string, readonly string[]])[] = [
  ['CENTER_NAME', ['EARTH']],
  ['REF_FRAME', ['TEME']],
  ['TIME_SYSTEM', ['UTC']],
  ['MEAN_ELEMENT_THEORY', ['SGP4', 'SGP/SGP4', 'SDP4']],
];

/** Reads one OMM's fields; the record is left out (elements undefined) when it has any problem. */
export function ommRecordToElementSet(fields: OmmFields, place: OmmRecordPlace, options: ParseOptions = {}): OmmRecordResult {
  const problems: ZenithError[] = [];
  const idValue = fields.get('NORAD_CAT_ID');
  const idText = idValue?.text.trim() ?? '';
  const parsedId = /^\d+$/.test(idText) ? parseInteger(idText) : idText.length === 5 ? tryAlpha5ToNumber(idText) : -1;
  const objectId = parsedId !== undefined && parsedId >= 0 ? parsedId : undefined;
  const objectName = fields.get('OBJECT_NAME')?.text.trim();
  const who = objectId !== undefined ? `object ${objectId}: ` : objectName !== undefined && objectName !== '' ? `object '${objectName}': ` : '';

  const where = (key: string): Place => {
    const value = fields.get(key);
    return {
      file: place.file,
      line: value?.line ?? place.line,
      column: value?.column,
      field: key,
      objectId,
      path: place.path,
    };
  };
  const problem = (code: string, key: string, message: string): void => {
    problems.push(elementProblem(code, `${who}${message}`, where(key)));
  };
  const text = (key: string): string | undefined => {
    const t = fields.get(key)?.text.trim();
    return t === undefined || t === '' ? undefined : t;
  };
  const num = (key: string, fallback?: number): number => {
    const t = text(key);
    if (t === undefined) {
      if (fallback !== undefined) return fallback;
      problem('OMM_MISSING_FIELD', key, `${key} expected, not found in this OMM`);
      return 0;
    }
    const value = parseDecimal(t);
    if (value === undefined) {
      problem('OMM_FIELD', key, `${key}: expected a decimal number, found '${t}'`);
      return 0;
    }
    return value;
  };
  const int = (key: string, fallback: number): number => {
    const t = text(key);
    if (t === undefined) return fallback;
    const value = parseInteger(t);
    if (value === undefined) {
      problem('OMM_FIELD', key, `${key}: expected a whole number, found '${t}'`);
      return 0;
    }
    return value;
  };

  for (const [key, allowed] of REQUIRED_METADATA) {
    const t = text(key);
    if (t !== undefined && !allowed.includes(t.toUpperCase())) {
      problem('OMM_UNSUPPORTED', key, `${key}: expected ${allowed.join(' or ')} (SGP4 mean elements), found '${t}'`);
    }
  }
  if (idValue === undefined || idText === '') {
    problem('OMM_MISSING_FIELD', 'NORAD_CAT_ID', 'NORAD_CAT_ID expected, not found in this OMM');
  } else if (objectId === undefined) {
    problem('OMM_FIELD', 'NORAD_CAT_ID', `NORAD_CAT_ID: expected a catalog number of up to 9 digits, found '${idText}'`);
  }
  const epochText = text('EPOCH');
  let epochMs = 0;
  if (epochText === undefined) {
    problem('OMM_MISSING_FIELD', 'EPOCH', 'EPOCH expected, not found in this OMM');
  } else {
    const ms = parseOmmEpoch(epochText);
    if (ms === undefined) problem('OMM_EPOCH', 'EPOCH', `EPOCH: expected a UTC date and time such as 2020-06-25T13:08:18.802176, found '${epochText}'`);
    else epochMs = ms;
  }
  if (text('MEAN_MOTION') === undefined && text('SEMI_MAJOR_AXIS') !== undefined) {
    problem('OMM_UNSUPPORTED', 'SEMI_MAJOR_AXIS', 'MEAN_MOTION expected (SGP4 elements), found SEMI_MAJOR_AXIS');
  }
  const classification = text('CLASSIFICATION_TYPE') ?? 'U';
  const name = text('OBJECT_NAME');
  const designator = text('OBJECT_ID');
  const es: ElementSet = {
    name,
    internationalDesignator: designator,
    catalogId: objectId ?? 0,
    classification,
    epochMs,
    meanMotionRevPerDay: num('MEAN_MOTION'),
    eccentricity: num('ECCENTRICITY'),
    inclinationDeg: num('INCLINATION'),
    raanDeg: num('RA_OF_ASC_NODE'),
    argOfPericenterDeg: num('ARG_OF_PERICENTER'),
    meanAnomalyDeg: num('MEAN_ANOMALY'),
    bstar: num('BSTAR'),
    meanMotionDot: num('MEAN_MOTION_DOT', 0),
    meanMotionDdot: num('MEAN_MOTION_DDOT', 0),
    ephemerisType: int('EPHEMERIS_TYPE', 0),
    elementSetNo: int('ELEMENT_SET_NO', 0),
    revAtEpoch: int('REV_AT_EPOCH', 0),
    source: sourceOf(place),
  };
  if (problems.length > 0) return { elements: undefined, problems };
  if (options.ranges !== 'ignore') {
    const ranged = validateElementSet(es, where);
    if (ranged.length > 0) return { elements: undefined, problems: ranged };
  }
  return { elements: es, problems };
}

function sourceOf(place: OmmRecordPlace): NonNullable<ElementSet['source']> {
  const { file, line, format } = place;
  if (file !== undefined && line !== undefined) return { file, line, format };
  if (file !== undefined) return { file, format };
  if (line !== undefined) return { line, format };
  return { format };
}
