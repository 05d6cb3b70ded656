// The leap-second table, shipped as data so that core needs no file and no network. UTC, TAI and TT
// are only as right as this table: past its expiry date a newly announced leap second is unknown.

/**
 * TAI−UTC since 1972, copied from the IERS/IANA `leap-seconds.list`
 * ("Updated through IERS Bulletin C 72", Paris, 6 July 2026: no leap second at the end of
 * December 2026; "File expires on 28 June 2027", `#@ 4023129600`).
 * Each row: the UTC date from which the value holds, the same instant as an NTP timestamp
 * (seconds since 1900-01-01, as the list gives it), and TAI−UTC in seconds.
 */
const LEAP_SECONDS_LIST: readonly (readonly [date: string, ntpS: number, taiMinusUtcS: number])[] = [
  ['1972-01-01', 2272060800, 10],
  ['1972-07-01', 2287785600, 11],
  ['1973-01-01', 2303683200, 12],
  ['1974-01-01', 2335219200, 13],
  ['1975-01-01', 2366755200, 14],
  ['1976-01-01', 2398291200, 15],
  ['1977-01-01', 2429913600, 16],
  ['1978-01-01', 2461449600, 17],
  ['1979-01-01', 2492985600, 18],
  ['1980-01-01', 2524521600, 19],
  ['1981-07-01', 2571782400, 20],
  ['1982-07-01', 2603318400, 21],
  ['1983-07-01', 2634854400, 22],
  ['1985-07-01', 2698012800, 23],
  ['1988-01-01', 2776982400, 24],
  ['1990-01-01', 2840140800, 25],
  ['1991-01-01', 2871676800, 26],
  ['1992-07-01', 2918937600, 27],
  ['1993-07-01', 2950473600, 28],
  ['1994-07-01', 2982009600, 29],
  ['1996-01-01', 3029443200, 30],
  ['1997-07-01', 3076704000, 31],
  ['1999-01-01', 3124137600, 32],
  ['2006-01-01', 3345062400, 33],
  ['2009-01-01', 3439756800, 34],
  ['2012-07-01', 3550089600, 35],
  ['2015-07-01', 3644697600, 36],
  ['2017-01-01', 3692217600, 37],
];

/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
const NTP_TO_UNIX_S = 2208988800;

/** Where the table comes from, for `zenith doctor` and the docs. */
export const LEAP_SECONDS_SOURCE =
  'IERS Bulletin C 72 (6 July 2026) via leap-seconds.list, expires 2027-06-28';

export interface LeapSecondEntry {
  /** The instant (ms of UTC since 1970, 0h of the day) from which `taiMinusUtcS` holds. */
  readonly utcMs: number;
  /** TAI−UTC in whole seconds from `utcMs` on. */
  readonly taiMinusUtcS: number;
}

export const LEAP_SECONDS: readonly LeapSecondEntry[] = LEAP_SECONDS_LIST.map(([, ntpS, dat]) => ({
  utcMs: (ntpS - NTP_TO_UNIX_S) * 1000,
  taiMinusUtcS: dat,
}));

/** The table's own dates, kept so a test can check them against the NTP stamps. */
export const LEAP_SECONDS_DATES: readonly string[] = LEAP_SECONDS_LIST.map(([date]) => date);

/** 2027-06-28T00:00:00Z: the expiry stated in the list (`#@ 4023129600`). */
export const LEAP_SECONDS_EXPIRES_MS = (4023129600 - NTP_TO_UNIX_S) * 1000;

/** True once `nowMs` (ms of UTC; core reads no clock, the caller passes it) is past the expiry. */
export function leapTableExpired(nowMs: number): boolean {
  return nowMs >= LEAP_SECONDS_EXPIRES_MS;
}

/** The warning the CLI prints once the table has expired, or undefined while it is current. */
export function leapTableWarning(nowMs: number): string | undefined {
  if (!leapTableExpired(nowMs)) return undefined;
  return (
    'the leap-second table shipped with Zenith expired on 2027-06-28 ' +
    '(IERS Bulletin C 72); a leap second announced since then is not known, so UTC/TAI/TT ' +
    'conversions after it may be off by a second: update Zenith'
  );
}

/** Index of the last entry whose start is at or before `utcMs`, or -1 before 1972. */
export function leapIndexAtUtc(utcMs: number): number {
  let lo = 0;
  let hi = LEAP_SECONDS.length - 1;
  if (!(utcMs >= firstEntry().utcMs)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (entryAt(mid).utcMs <= utcMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * TAI−UTC in seconds at `utcMs`. Before 1972 UTC ran with fractional offsets and a drifting
 * rate; we hold the 1972 value of 10 s there (wrong by up to 9 s back to 1961), which no
 * element set in service needs.
 */
export function taiMinusUtcSeconds(utcMs: number): number {
  const i = leapIndexAtUtc(utcMs);
  return i < 0 ? firstEntry().taiMinusUtcS : entryAt(i).taiMinusUtcS;
}

/**
 * True when the UTC minute starting at `minuteStartMs` ends with a 61st second: the next
 * table entry starts one minute later and steps TAI−UTC up by one.
 */
export function minuteHasLeapSecond(minuteStartMs: number): boolean {
  const i = leapIndexAtUtc(minuteStartMs + 60_000);
  if (i <= 0) return false;
  const e = entryAt(i);
  return e.utcMs === minuteStartMs + 60_000 && e.taiMinusUtcS === entryAt(i - 1).taiMinusUtcS + 1;
}

export function entryAt(i: number): LeapSecondEntry {
  const e = LEAP_SECONDS[i];
  if (e === undefined) throw new RangeError(`leap-second entry ${i} does not exist`);
  return e;
}

function firstEntry(): LeapSecondEntry {
  return entryAt(0);
}
