// Epochs as element files write them: the TLE's two-digit year and day of year with its fraction,
// and the ISO-8601/CCSDS calendar or ordinal forms of OMM. Both land on the same double for the
// same instant: the time of day is formed as one exact integer divided once, so a TLE and an OMM
// of one element set give identical `epochMs` (the sub-millisecond fraction is kept).

const MS_PER_DAY = 86_400_000;

/** The first year a two-digit TLE year can mean (57 -> 1957, 56 -> 2056). */
export const TLE_FIRST_YEAR = 1957;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeap(year) ? 366 : 365;
}

/** Milliseconds of a fraction of a day written as decimal digits ('54743984' -> 47298802.176). */
function msOfDayFraction(digits: string): number {
  const d = Math.min(digits.length, 13); // 13 digits are 8.64 ns; more cannot change a double here.
  const n = Number(digits.slice(0, d));
  // MS_PER_DAY / 10^d == 864 / 10^(d-5): one exact product, then one correctly rounded division.
  return d >= 5 ? (n * 864) / 10 ** (d - 5) : n * 864 * 10 ** (5 - d);
}

export interface TleEpoch {
  readonly year: number;
  /** Day of year with its fraction, 1.0 = January 1, 00:00 UTC. */
  readonly dayOfYear: number;
  readonly epochMs: number;
}

/**
 * TLE columns 19-32 (`20177.54743984`: two-digit year, day of year, fraction of the day), read in
 * place from `line` (0-based `start`), or undefined when they are not a year and a day.
 */
export function parseTleEpochAt(line: string, start: number): TleEpoch | undefined {
  const end = Math.min(start + 14, line.length);
  const y1 = line.charCodeAt(start) - 48;
  const y2 = line.charCodeAt(start + 1) - 48;
  if (!(y1 >= 0 && y1 <= 9 && y2 >= 0 && y2 <= 9)) return undefined;
  // The day of year fills columns 21-23 (blank-padded at most), the point is column 24.
  let i = start + 2;
  while (i < start + 5 && line.charCodeAt(i) === 32) i++;
  let day = 0;
  let dayDigits = 0;
  for (; i < start + 5; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    day = day * 10 + c;
    dayDigits++;
  }
  if (dayDigits === 0 || line.charCodeAt(i) !== 46) return undefined;
  const fractionStart = ++i;
  let fractionEnd = fractionStart;
  while (fractionEnd < end && line.charCodeAt(fractionEnd) >= 48 && line.charCodeAt(fractionEnd) <= 57) fractionEnd++;
  for (let k = fractionEnd; k < end; k++) if (line.charCodeAt(k) !== 32) return undefined;
  if (fractionEnd === fractionStart) return undefined;
  const yy = y1 * 10 + y2;
  const year = yy >= 57 ? 1900 + yy : 2000 + yy;
  const fraction = line.slice(fractionStart, fractionEnd);
  const epochMs = Date.UTC(year, 0, 1) + (day - 1) * MS_PER_DAY + msOfDayFraction(fraction);
  return { year, dayOfYear: day + Number(fraction) / 10 ** fraction.length, epochMs };
}

/** TLE columns 19-32 as a string of their own; see parseTleEpochAt. */
export function parseTleEpoch(field: string): TleEpoch | undefined {
  return field.length === 14 ? parseTleEpochAt(field, 0) : undefined;
}

/** The 14 characters of TLE columns 19-32 for an epoch; RangeError outside 1957 .. 2056. */
export function formatTleEpoch(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`epoch ${epochMs} is not a time`);
  let year = new Date(Math.floor(epochMs)).getUTCFullYear();
  const msInYear = epochMs - Date.UTC(year, 0, 1);
  let day = Math.floor(msInYear / MS_PER_DAY);
  // The TLE keeps 1e-8 day (0.864 ms); an epoch read from a TLE is an exact multiple of it.
  let fraction = Math.round((msInYear - day * MS_PER_DAY) / 0.864);
  if (fraction >= 100_000_000) {
    fraction -= 100_000_000;
    day += 1;
    if (day >= daysInYear(year)) {
      day = 0;
      year += 1;
    }
  }
  if (year < TLE_FIRST_YEAR || year > TLE_FIRST_YEAR + 99) {
    throw new RangeError(`epoch year ${year} does not fit a two-digit TLE year (${TLE_FIRST_YEAR} .. ${TLE_FIRST_YEAR + 99})`);
  }
  return `${String(year % 100).padStart(2, '0')}${String(day + 1).padStart(3, '0')}.${String(fraction).padStart(8, '0')}`;
}

const CALENDAR = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z?$/;
const ORDINAL = /^(\d{4})-(\d{3})T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z?$/;

function timeOfDayMs(hh: string, mm: string, ss: string, fraction: string): number | undefined {
  const h = Number(hh);
  const m = Number(mm);
  const s = Number(ss);
  if (h > 23 || m > 59 || s > 60) return undefined;
  const d = Math.min(fraction.length, 11); // 86400 * 10^11 stays below 2^53
  const units = (h * 3600 + m * 60 + s) * 10 ** d + (d > 0 ? Number(fraction.slice(0, d)) : 0);
  return d >= 3 ? units / 10 ** (d - 3) : units * 10 ** (3 - d);
}

/**
 * An OMM EPOCH (`2020-06-25T13:08:18.802176`, `2020-177T13:08:18.802176`, optional `Z`) in ms of
 * UTC, or undefined when the text is not such a date or names a day or time that does not exist.
 */
export function parseOmmEpoch(text: string): number | undefined {
  const cal = CALENDAR.exec(text);
  if (cal !== null) {
    const [, y, mo, d, hh, mm, ss, frac] = cal;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const dayStart = Date.UTC(year, month - 1, day);
    if (month < 1 || month > 12 || day < 1 || new Date(dayStart).getUTCDate() !== day) return undefined;
    const ms = timeOfDayMs(hh ?? '', mm ?? '', ss ?? '', frac ?? '');
    return ms === undefined ? undefined : dayStart + ms;
  }
  const ord = ORDINAL.exec(text);
  if (ord !== null) {
    const [, y, doy, hh, mm, ss, frac] = ord;
    const year = Number(y);
    const day = Number(doy);
    if (day < 1 || day > daysInYear(year)) return undefined;
    const ms = timeOfDayMs(hh ?? '', mm ?? '', ss ?? '', frac ?? '');
    return ms === undefined ? undefined : Date.UTC(year, 0, 1) + (day - 1) * MS_PER_DAY + ms;
  }
  return undefined;
}
