// Time scales of Zenith: UTC/TAI/TT with the shipped leap-second table, Julian dates, GMST82 and
// ISO-8601 text. Inside core, time is ms of UTC since 1970 unless a name says TAI, TT or UT1.
export {
  LEAP_SECONDS,
  LEAP_SECONDS_DATES,
  LEAP_SECONDS_EXPIRES_MS,
  LEAP_SECONDS_SOURCE,
  leapTableExpired,
  leapTableWarning,
  minuteHasLeapSecond,
  taiMinusUtcSeconds,
} from './leapSeconds.ts';
export type { LeapSecondEntry } from './leapSeconds.ts';
export {
  TT_MINUS_TAI_MS,
  leapSecondStartTaiMs,
  taiToTtMs,
  taiToUtcMs,
  ttToTaiMs,
  ttToUtcMs,
  utcToTaiMs,
  utcToTtMs,
} from './timeScales.ts';
export { MS_PER_DAY, civilFromDays, civilFromMs, daysFromCivil, daysInMonth, isLeapYear, msFromCivil } from './calendar.ts';
export type { CivilTime } from './calendar.ts';
export {
  J2000_MS,
  JD_UNIX_EPOCH,
  MJD_UNIX_EPOCH,
  julianDate,
  julianDateSplit,
  modifiedJulianDate,
  msFromModifiedJulianDate,
  ttDaysSinceJ2000,
} from './julianDate.ts';
export { EARTH_ROTATION_RAD_PER_S, gmstRad } from './gmst.ts';
export { formatIsoUtc, formatTaiAsIsoUtc, parseIsoUtc, parseIsoUtcAsTaiMs } from './isoUtc.ts';
