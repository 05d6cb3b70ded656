// Reads two-line and three-line element sets (TLE/3LE, the fixed columns of Space-Track's and
// CelesTrak's files) into ElementSets, checking the column layout, both checksums and the ranges,
// and reporting each bad record at its line and column while keeping the good ones.
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { tryAlpha5ToNumber } from './alpha5.ts';
import { elementProblem } from './elementProblem.ts';
import type { Place } from './elementProblem.ts';
import { daysInYear, parseTleEpochAt } from './epochText.ts';
import { validateElementSet } from './validateElementSet.ts';
import type { ElementField } from './validateElementSet.ts';

export interface ParsedTle extends ParsedElements {
  readonly format: 'tle';
  /**
   * The text after column 69 of each element set's line 2, index-aligned with `elements` ('' when
   * there is none). Vallado's SGP4-VER.TLE keeps its start, stop and step minutes there.
   */
  readonly line2Tails: string[];
}

/** The TLE line and 1-based column where each field starts, for messages. */
const FIELD_PLACE: Readonly<Record<ElementField, readonly [1 | 2, number]>> = {
  NORAD_CAT_ID: [1, 3],
  CLASSIFICATION_TYPE: [1, 8],
  EPOCH: [1, 19],
  MEAN_MOTION_DOT: [1, 34],
  MEAN_MOTION_DDOT: [1, 45],
  BSTAR: [1, 54],
  EPHEMERIS_TYPE: [1, 63],
  ELEMENT_SET_NO: [1, 65],
  INCLINATION: [2, 9],
  RA_OF_ASC_NODE: [2, 18],
  ECCENTRICITY: [2, 27],
  ARG_OF_PERICENTER: [2, 35],
  MEAN_ANOMALY: [2, 44],
  MEAN_MOTION: [2, 53],
  REV_AT_EPOCH: [2, 64],
};

/** Columns (1-based) that hold a space in every well-formed line 1 and line 2. */
const LINE1_SPACES = [2, 9, 18, 33, 44, 53, 62, 64] as const;
const LINE2_SPACES = [2, 8, 17, 26, 34, 43, 52] as const;

/** The modulo-10 checksum of columns 1-68: digits count their value, a minus sign counts 1. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const end = Math.min(68, line.length);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

/** Reads a field's text in place; NaN (never returned to callers outside this file) means "not a number". */
type FieldReader = (line: string, from: number, to: number) => number;

interface Scan {
  readonly negative: boolean;
  /** All digits read as one integer (exact: at most 15 digits are accepted). */
  readonly n: number;
  readonly digits: number;
  /** Digits after the decimal point, -1 when there is no point. */
  readonly fractionDigits: number;
  /** Index of the first character after the number. */
  readonly next: number;
}

/** Reads blanks, an optional sign, digits and (when `point`) one decimal point from index `i`. */
function scanNumber(line: string, i: number, end: number, point: boolean): Scan {
  while (i < end && line.charCodeAt(i) === 32) i++;
  const sign = line.charCodeAt(i);
  const negative = sign === 45;
  if (negative || sign === 43) i++;
  let n = 0;
  let digits = 0;
  let fractionDigits = -1;
  for (; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    } else if (point && c === 46 && fractionDigits < 0) {
      fractionDigits = 0;
    } else {
      break;
    }
  }
  return { negative, n, digits, fractionDigits, next: i };
}

function blankFrom(line: string, i: number, end: number): boolean {
  for (; i < end; i++) if (line.charCodeAt(i) !== 32) return false;
  return true;
}

/** A decimal such as ` 51.6448`, `-.00000084`, `+.00000643` in columns from..to (1-based, inclusive). */
const decimalAt: FieldReader = (line, from, to) => {
  const end = Math.min(to, line.length);
  const s = scanNumber(line, from - 1, end, true);
  if (s.digits === 0 || s.digits > 15 || !blankFrom(line, s.next, end)) return NaN;
  // An exact integer divided once by an exact power of ten is the correctly rounded value, the
  // same double Number() gives for the text (and so the same as an OMM's value for the same text).
  const value = s.fractionDigits > 0 ? s.n / 10 ** s.fractionDigits : s.n;
  return s.negative && value !== 0 ? -value : value;
};

/** The TLE's implied-decimal field: ` 12345-4` = 0.12345e-4, `-30915-6`, `+00000+0`. */
const impliedDecimalAt: FieldReader = (line, from, to) => {
  const end = Math.min(to, line.length);
  const s = scanNumber(line, from - 1, end, false);
  const expSign = line.charCodeAt(s.next);
  const expDigit = line.charCodeAt(s.next + 1) - 48;
  if (s.digits === 0 || s.digits > 5 || (expSign !== 45 && expSign !== 43) || !(expDigit >= 0 && expDigit <= 9)) return NaN;
  if (s.next + 2 > end || !blankFrom(line, s.next + 2, end)) return NaN;
  const k = s.digits - (expSign === 45 ? -expDigit : expDigit);
  // One correctly rounded operation on exact values, so ' 19557-4' and OMM '.19557E-4' agree.
  const value = k >= 0 ? s.n / 10 ** k : s.n * 10 ** -k;
  return s.negative && value !== 0 ? -value : value;
};

/** A blank-padded whole number; an all-blank field is 0 (old TLEs leave ephemeris type and set number blank). */
const wholeAt: FieldReader = (line, from, to) => {
  let n = 0;
  let seenDigit = false;
  const end = Math.min(to, line.length);
  for (let i = from - 1; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      seenDigit = true;
    } else if (c !== 32 || seenDigit) {
      return NaN;
    }
  }
  return n;
};

/** Seven digits after an implied `0.` (`0002519` = 0.0002519); blanks count as zeros. */
const eccentricityAt: FieldReader = (line, from, to) => {
  let n = 0;
  for (let i = from - 1; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else if (c === 32) n *= 10;
    else return NaN;
  }
  return n / 10 ** (to - from + 1);
};

/** `' 12345-4'` -> 0.12345e-4, or undefined when the text is not the TLE's implied-decimal form. */
export function parseImpliedDecimal(field: string): number | undefined {
  const value = impliedDecimalAt(field, 1, field.length);
  return Number.isNaN(value) ? undefined : value;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const isLine1 = (s: string): boolean => s.charCodeAt(0) === 49 && s.charCodeAt(1) === 32;
const isLine2 = (s: string): boolean => s.charCodeAt(0) === 50 && s.charCodeAt(1) === 32;

function quote(text: string): string {
  return text.length > 40 ? `'${text.slice(0, 40)}...'` : `'${text}'`;
}

/** The state of one record being read; module-level functions take it so no closure is made per record. */
interface RecordReading {
  readonly file: string | undefined;
  readonly l1: string;
  readonly l2: string;
  readonly i1: number;
  readonly i2: number;
  readonly objectId: number | undefined;
  readonly bad: ZenithError[];
}

function placeOf(r: RecordReading, which: 1 | 2, column: number, field?: string): Place {
  return { file: r.file, line: (which === 1 ? r.i1 : r.i2) + 1, column, field, objectId: r.objectId };
}

function addProblem(r: RecordReading, code: string, message: string, which: 1 | 2, column: number, field?: string): void {
  const who = r.objectId === undefined ? '' : `object ${r.objectId} `;
  r.bad.push(elementProblem(code, `${who}line ${which}: ${message}`, placeOf(r, which, column, field)));
}

function numberField(r: RecordReading, which: 1 | 2, from: number, to: number, field: ElementField, read: FieldReader, what: string): number {
  const line = which === 1 ? r.l1 : r.l2;
  const value = read(line, from, to);
  if (Number.isNaN(value)) {
    addProblem(r, 'TLE_FIELD', `${field}: expected ${what} in columns ${from}-${to}, found '${line.slice(from - 1, to)}'`, which, from, field);
    return 0;
  }
  return value;
}

/** Column layout first: a short line or a shifted field makes every later check meaningless. */
function checkLayout(r: RecordReading, minLength: number): void {
  if (r.l1.length < minLength) addProblem(r, 'TLE_LINE_LENGTH', `expected ${minLength} columns, found ${r.l1.length} (the line is cut short)`, 1, r.l1.length + 1);
  if (r.l2.length < minLength) addProblem(r, 'TLE_LINE_LENGTH', `expected ${minLength} columns, found ${r.l2.length} (the line is cut short)`, 2, r.l2.length + 1);
  if (r.bad.length > 0) return;
  checkSpaces(r, 1, LINE1_SPACES);
  checkSpaces(r, 2, LINE2_SPACES);
}

function checkSpaces(r: RecordReading, which: 1 | 2, columns: readonly number[]): void {
  const line = which === 1 ? r.l1 : r.l2;
  for (const column of columns) {
    if (line.charCodeAt(column - 1) !== 32) {
      addProblem(r, 'TLE_LAYOUT', `expected a space at column ${column}, found '${line.charAt(column - 1)}' (are the fields shifted?)`, which, column);
      return;
    }
  }
}

function checkChecksum(r: RecordReading, which: 1 | 2): void {
  const line = which === 1 ? r.l1 : r.l2;
  const written = line.charCodeAt(68) - 48;
  const expected = tleChecksum(line);
  if (written !== expected) {
    const what = written >= 0 && written <= 9 ? String(written) : `'${line.charAt(68)}'`;
    addProblem(r, 'TLE_CHECKSUM', `checksum ${expected} expected (from columns 1-68), found ${what} in column 69`, which, 69);
  }
}

interface ReadOptions {
  readonly file: string | undefined;
  readonly verifyChecksums: boolean;
  readonly verifyRanges: boolean;
}

/** Reads one record (name line index or -1, line 1 and line 2 indexes); pushes the element set or the problems. */
function readRecord(lines: readonly string[], nameIndex: number, i1: number, i2: number, o: ReadOptions, out: ParsedTle): void {
  const l1 = lines[i1] ?? '';
  const l2 = lines[i2] ?? '';
  const id1 = tryAlpha5ToNumber(l1.slice(2, 7));
  const r: RecordReading = { file: o.file, l1, l2, i1, i2, objectId: id1 >= 0 ? id1 : undefined, bad: [] };
  checkLayout(r, o.verifyChecksums ? 69 : 68);
  if (r.bad.length > 0) {
    out.problems.push(...r.bad);
    return;
  }
  if (o.verifyChecksums) {
    checkChecksum(r, 1);
    checkChecksum(r, 2);
  }
  const id2 = tryAlpha5ToNumber(l2.slice(2, 7));
  if (id1 < 0) addProblem(r, 'TLE_FIELD', `NORAD_CAT_ID: expected 5 digits or Alpha-5 (a letter other than I and O, then 4 digits) in columns 3-7, found '${l1.slice(2, 7)}'`, 1, 3, 'NORAD_CAT_ID');
  if (id2 < 0) addProblem(r, 'TLE_FIELD', `NORAD_CAT_ID: expected 5 digits or Alpha-5 in columns 3-7, found '${l2.slice(2, 7)}'`, 2, 3, 'NORAD_CAT_ID');
  else if (id1 >= 0 && id1 !== id2) addProblem(r, 'TLE_CATALOG_MISMATCH', `catalog number ${id1} expected (as on line 1), found ${id2}`, 2, 3, 'NORAD_CAT_ID');
  const classification = l1.charAt(7);
  if (classification !== 'U' && classification !== 'C' && classification !== 'S') {
    addProblem(r, 'TLE_FIELD', `CLASSIFICATION_TYPE: expected U, C or S in column 8, found '${classification}'`, 1, 8, 'CLASSIFICATION_TYPE');
  }
  const epoch = parseTleEpochAt(l1, 18);
  if (epoch === undefined) {
    addProblem(r, 'TLE_FIELD', `EPOCH: expected a two-digit year and a day of year (yyddd.dddddddd) in columns 19-32, found '${l1.slice(18, 32)}'`, 1, 19, 'EPOCH');
  }
  const meanMotionDot = numberField(r, 1, 34, 43, 'MEAN_MOTION_DOT', decimalAt, 'a decimal number');
  const meanMotionDdot = numberField(r, 1, 45, 52, 'MEAN_MOTION_DDOT', impliedDecimalAt, 'an implied-decimal number such as -12345-6');
  const bstar = numberField(r, 1, 54, 61, 'BSTAR', impliedDecimalAt, 'an implied-decimal number such as -12345-6');
  const ephemerisType = numberField(r, 1, 63, 63, 'EPHEMERIS_TYPE', wholeAt, 'a digit');
  const elementSetNo = numberField(r, 1, 65, 68, 'ELEMENT_SET_NO', wholeAt, 'a whole number');
  const inclinationDeg = numberField(r, 2, 9, 16, 'INCLINATION', decimalAt, 'degrees');
  const raanDeg = numberField(r, 2, 18, 25, 'RA_OF_ASC_NODE', decimalAt, 'degrees');
  const eccentricity = numberField(r, 2, 27, 33, 'ECCENTRICITY', eccentricityAt, '7 digits after an implied decimal point');
  const argOfPericenterDeg = numberField(r, 2, 35, 42, 'ARG_OF_PERICENTER', decimalAt, 'degrees');
  const meanAnomalyDeg = numberField(r, 2, 44, 51, 'MEAN_ANOMALY', decimalAt, 'degrees');
  const meanMotionRevPerDay = numberField(r, 2, 53, 63, 'MEAN_MOTION', decimalAt, 'revolutions per day');
  const revAtEpoch = numberField(r, 2, 64, 68, 'REV_AT_EPOCH', wholeAt, 'a whole number');
  if (epoch !== undefined && o.verifyRanges && !(epoch.dayOfYear >= 1 && epoch.dayOfYear < daysInYear(epoch.year) + 1)) {
    addProblem(r, 'ELEMENT_RANGE', `EPOCH: day of year must be within 1 .. ${daysInYear(epoch.year)} in ${epoch.year}, found ${l1.slice(20, 32).trim()}`, 1, 21, 'EPOCH');
  }
  if (r.bad.length > 0 || epoch === undefined || r.objectId === undefined) {
    out.problems.push(...r.bad);
    return;
  }
  const nameLine = nameIndex >= 0 ? (lines[nameIndex] ?? '') : '';
  const name = (nameLine.startsWith('0 ') ? nameLine.slice(2) : nameLine).trim();
  const line = (nameIndex >= 0 ? nameIndex : i1) + 1;
  const es: ElementSet = {
    name: name === '' ? undefined : name,
    internationalDesignator: designator(l1),
    catalogId: r.objectId,
    classification,
    epochMs: epoch.epochMs,
    meanMotionRevPerDay,
    eccentricity,
    inclinationDeg,
    raanDeg,
    argOfPericenterDeg,
    meanAnomalyDeg,
    bstar,
    meanMotionDot,
    meanMotionDdot,
    ephemerisType,
    elementSetNo,
    revAtEpoch,
    source: o.file === undefined ? { line, format: 'tle' } : { file: o.file, line, format: 'tle' },
  };
  if (o.verifyRanges) {
    const ranged = validateElementSet(es, (f) => {
      const [which, column] = FIELD_PLACE[f];
      return placeOf(r, which, column, f);
    });
    if (ranged.length > 0) {
      out.problems.push(...ranged);
      return;
    }
  }
  out.elements.push(es);
  out.line2Tails.push(l2.slice(69));
}

/** Reads every TLE/3LE record of `text`; see ParsedTle. */
export function parseTle(text: string, options: ParseOptions = {}): ParsedTle {
  const file = options.file;
  const o: ReadOptions = { file, verifyChecksums: options.checksums !== 'ignore', verifyRanges: options.ranges !== 'ignore' };
  // Most catalogs are LF-only; splitting on a plain '\n' is several times faster than the pattern.
  const lines = text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
  const out: ParsedTle = { format: 'tle', elements: [], problems: [], line2Tails: [] };
  const problems = out.problems;

  const significant = (from: number): number => {
    for (let j = from; j < lines.length; j++) {
      const s = lines[j] ?? '';
      if (s.charCodeAt(0) !== 35 && !isBlank(s)) return j;
    }
    return -1;
  };
  const found = (j: number): string => (j < 0 ? 'the end of the file' : `line ${j + 1}: ${quote(lines[j] ?? '')}`);

  let name = -1;
  let i = significant(0);
  while (i >= 0) {
    const line = lines[i] ?? '';
    if (isLine1(line)) {
      const j = significant(i + 1);
      if (j >= 0 && isLine2(lines[j] ?? '')) {
        readRecord(lines, name, i, j, o, out);
        name = -1;
        i = significant(j + 1);
        continue;
      }
      const id = tryAlpha5ToNumber(line.slice(2, 7));
      problems.push(
        elementProblem('TLE_MISSING_LINE', `${id >= 0 ? `object ${id} ` : ''}line 2 expected after line 1 (line ${i + 1}), found ${found(j)}`, {
          file,
          line: j >= 0 ? j + 1 : i + 1,
          column: 1,
          objectId: id >= 0 ? id : undefined,
        }),
      );
      name = -1;
      i = j;
      continue;
    }
    if (isLine2(line)) {
      const j = significant(i + 1);
      const k = j >= 0 ? significant(j + 1) : -1;
      const id = tryAlpha5ToNumber(line.slice(2, 7));
      const objectId = id >= 0 ? id : undefined;
      if (j >= 0 && isLine1(lines[j] ?? '') && !(k >= 0 && isLine2(lines[k] ?? ''))) {
        problems.push(
          elementProblem('TLE_LINE_ORDER', `${id >= 0 ? `object ${id}: ` : ''}line 1 expected here, found line 2 first (lines ${i + 1} and ${j + 1} are swapped)`, {
            file,
            line: i + 1,
            column: 1,
            objectId,
          }),
        );
        name = -1;
        i = k;
        continue;
      }
      problems.push(
        elementProblem('TLE_MISSING_LINE', `${id >= 0 ? `object ${id}: ` : ''}line 1 expected before this line 2, found ${name >= 0 ? `a name line (line ${name + 1})` : 'none'}`, {
          file,
          line: i + 1,
          column: 1,
          objectId,
        }),
      );
      name = -1;
      i = j;
      continue;
    }
    if (name >= 0) {
      problems.push(
        elementProblem('TLE_MISSING_LINE', `line 1 expected after the name line ${quote((lines[name] ?? '').trim())}, found ${found(i)}`, {
          file,
          line: name + 1,
          column: 1,
        }),
      );
    }
    name = i;
    i = significant(i + 1);
  }
  if (name >= 0) {
    problems.push(
      elementProblem('TLE_MISSING_LINE', `line 1 expected after the name line ${quote((lines[name] ?? '').trim())}, found the end of the file`, {
        file,
        line: name + 1,
        column: 1,
      }),
    );
  }
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** TLE columns 10-17 (`98067A  `) as an OMM OBJECT_ID (`1998-067A`); other text is kept trimmed. */
function designator(line: string): string | undefined {
  // Read in place (no pattern, no slices) for the common form: 2-digit year, 3-digit launch, 1-3 letters.
  let end = 17;
  while (end > 9 && line.charCodeAt(end - 1) === 32) end--;
  if (end === 9) return undefined;
  const pieceLength = end - 14;
  let standard = pieceLength >= 1 && pieceLength <= 3;
  for (let i = 9; standard && i < 14; i++) standard = isDigit(line.charCodeAt(i));
  for (let i = 14; standard && i < end; i++) standard = isUpper(line.charCodeAt(i));
  if (!standard) return line.slice(9, end).trim();
  const yy = (line.charCodeAt(9) - 48) * 10 + (line.charCodeAt(10) - 48);
  return `${yy >= 57 ? 19 : 20}${line.slice(9, 11)}-${line.slice(11, end)}`;
}
