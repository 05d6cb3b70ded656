// Proleptic Gregorian calendar <-> day counts, exact for any year (no Date object, so years 0-99
// are not shifted to 1900 and nothing depends on a time zone).

export const MS_PER_DAY = 86_400_000;

export interface CivilTime {
  readonly year: number;
  /** 1 .. 12 */
  readonly month: number;
  /** 1 .. 31 */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 .. <1000, may carry a sub-millisecond fraction. */
  readonly millisecond: number;
}

/** Days from 1970-01-01 to year-month-day (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ms since 1970 of a calendar time (second 60 counts as the first second of the next minute). */
export function msFromCivil(t: CivilTime): number {
  return (
    daysFromCivil(t.year, t.month, t.day) * MS_PER_DAY +
    ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 +
    t.millisecond
  );
}

/** Calendar fields of `ms` since 1970 (the inverse of msFromCivil for seconds 0-59). */
export function civilFromMs(ms: number): CivilTime {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const { year, month, day } = civilFromDays(days);
  // Listed field by field: an object spread here costs 20x the whole computation in V8.
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000 };
}
