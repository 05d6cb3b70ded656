// UTC, TAI and TT as milliseconds since 1970. A UTC millisecond count (POSIX/JavaScript time)
// cannot name an instant inside a leap second; TAI and TT can, so they are what physics uses.
import { LEAP_SECONDS, entryAt, taiMinusUtcSeconds } from './leapSeconds.ts';

/** TT − TAI, fixed by definition (IAU 1991): 32.184 s. */
export const TT_MINUS_TAI_MS = 32_184;

export function utcToTaiMs(utcMs: number): number {
  return utcMs + 1000 * taiMinusUtcSeconds(utcMs);
}

/** Index of the last table entry whose start, read on the TAI scale, is at or before `taiMs`. */
function leapIndexAtTai(taiMs: number): number {
  let lo = 0;
  let hi = LEAP_SECONDS.length - 1;
  const startTai = (i: number): number => entryAt(i).utcMs + 1000 * entryAt(i).taiMinusUtcS;
  if (!(taiMs >= startTai(0))) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startTai(mid) <= taiMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * TAI → UTC ms. Inside a leap second (23:59:60.xxx) there is no UTC ms count: the result stays
 * at the first instant after it (00:00:00.000 of the next day), as POSIX time does, so the
 * function is monotonic and `utcToTaiMs(taiToUtcMs(t)) === t` everywhere else.
 */
export function taiToUtcMs(taiMs: number): number {
  const i = leapIndexAtTai(taiMs);
  if (i < 0) return taiMs - 1000 * entryAt(0).taiMinusUtcS;
  const utcMs = taiMs - 1000 * entryAt(i).taiMinusUtcS;
  const next = LEAP_SECONDS[i + 1];
  return next !== undefined && utcMs >= next.utcMs ? next.utcMs : utcMs;
}

/**
 * When `taiMs` falls inside an inserted leap second, the TAI instant at which that second began
 * (UTC 23:59:60.000); otherwise undefined.
 */
export function leapSecondStartTaiMs(taiMs: number): number | undefined {
  const i = leapIndexAtTai(taiMs);
  const next = LEAP_SECONDS[i + 1];
  if (i < 0 || next === undefined) return undefined;
  const startTai = next.utcMs + 1000 * entryAt(i).taiMinusUtcS;
  return taiMs >= startTai ? startTai : undefined;
}

export function utcToTtMs(utcMs: number): number {
  return utcToTaiMs(utcMs) + TT_MINUS_TAI_MS;
}

export function ttToUtcMs(ttMs: number): number {
  return taiToUtcMs(ttMs - TT_MINUS_TAI_MS);
}

export function taiToTtMs(taiMs: number): number {
  return taiMs + TT_MINUS_TAI_MS;
}

export function ttToTaiMs(ttMs: number): number {
  return ttMs - TT_MINUS_TAI_MS;
}

