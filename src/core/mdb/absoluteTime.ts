// XTCE absolute times (XTCE 1.2 §3.4.3.2.7): seconds = raw * scale + offset counted from the
// ReferenceTime epoch, converted to ms of UTC since 1970. TAI (1958-01-01 TAI, CCSDS 301.0-B-4
// §3.2.2) and GPS epochs count continuous seconds, so leap seconds apply through src/core/time.
import { J2000_MS, taiToUtcMs, ttToUtcMs, utcToTaiMs, utcToTtMs } from '../time/index.ts';
import type { AbsoluteTimeType } from './model.ts';

/** 1958-01-01T00:00:00 TAI as TAI ms since 1970-01-01T00:00:00 TAI (4383 days earlier). */
const TAI_EPOCH_1958_MS = -4383 * 86_400_000;
/** 1980-01-06T00:00:00 UTC, when TAI − UTC was 19 s: GPS time = TAI − 19 s. */
const GPS_EPOCH_TAI_MS = Date.UTC(1980, 0, 6) + 19_000;

export function absoluteTimeToUtcMs(type: AbsoluteTimeType, raw: number): number | null {
  const ms = (raw * type.scale + type.offset) * 1000;
  if (!Number.isFinite(ms)) return null;
  const epoch = type.epoch;
  if (epoch === null) return null;
  if (typeof epoch === 'number') return epoch + ms;
  switch (epoch) {
    case 'TAI':
      return taiToUtcMs(TAI_EPOCH_1958_MS + ms);
    case 'GPS':
      return taiToUtcMs(GPS_EPOCH_TAI_MS + ms);
    case 'J2000':
      return ttToUtcMs(J2000_MS + ms);
    case 'UNIX':
      return ms;
  }
}

/** The raw count that encodes `utcMs` (the inverse of absoluteTimeToUtcMs), or null. */
export function utcMsToAbsoluteTime(type: AbsoluteTimeType, utcMs: number): number | null {
  const epoch = type.epoch;
  if (epoch === null || type.scale === 0) return null;
  let ms: number;
  if (typeof epoch === 'number') ms = utcMs - epoch;
  else if (epoch === 'TAI') ms = utcToTaiMs(utcMs) - TAI_EPOCH_1958_MS;
  else if (epoch === 'GPS') ms = utcToTaiMs(utcMs) - GPS_EPOCH_TAI_MS;
  else if (epoch === 'J2000') ms = utcToTtMs(utcMs) - J2000_MS;
  else ms = utcMs;
  return (ms / 1000 - type.offset) / type.scale;
}
