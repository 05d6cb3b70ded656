// Julian dates from ms since 1970. A single float JD resolves only ~40 µs, so a split form is
// given for callers that need more, and J2000 day counts are taken straight from the ms.
import { MS_PER_DAY } from './calendar.ts';
import { utcToTtMs } from './timeScales.ts';

/** JD of 1970-01-01T00:00:00. */
export const JD_UNIX_EPOCH = 2_440_587.5;
/** 2000-01-01T12:00:00 read on whichever scale the ms are counted in (J2000.0 when that is TT). */
export const J2000_MS = 946_728_000_000;
/** MJD = JD − 2 400 000.5; MJD of 1970-01-01 is 40587. */
export const MJD_UNIX_EPOCH = 40_587;

/** Julian date of `ms` on the scale the ms are counted in (UTC for `utcMs`). */
export function julianDate(ms: number): number {
  return JD_UNIX_EPOCH + ms / MS_PER_DAY;
}

/** JD split into the JD of 0h of the day (ends in .5) and the fraction of the day in [0, 1). */
export function julianDateSplit(ms: number): { readonly jd0: number; readonly dayFraction: number } {
  const days = Math.floor(ms / MS_PER_DAY);
  return { jd0: JD_UNIX_EPOCH + days, dayFraction: (ms - days * MS_PER_DAY) / MS_PER_DAY };
}

/** Modified Julian date of `ms`. */
export function modifiedJulianDate(ms: number): number {
  return MJD_UNIX_EPOCH + ms / MS_PER_DAY;
}

/** ms since 1970 of a modified Julian date. */
export function msFromModifiedJulianDate(mjd: number): number {
  return (mjd - MJD_UNIX_EPOCH) * MS_PER_DAY;
}

/** Days of TT since J2000.0 (JD 2451545.0 TT) at `utcMs`: the argument of solar-system theories. */
export function ttDaysSinceJ2000(utcMs: number): number {
  return (utcToTtMs(utcMs) - J2000_MS) / MS_PER_DAY;
}
