// Epochs of CCSDS time codes (CCSDS 301.0-B-4 §3.1): the recommended epoch 1958-01-01T00:00:00
// TAI (level 1), or an agency/mission-defined epoch (level 2). An epoch names its time scale
// because a CUC counts elapsed SI seconds while a UTC-based CDS counts calendar days and
// milliseconds of day; the conversions below turn both into TAI, then UTC, via src/core/time.
import { MS_PER_DAY, civilFromMs, msFromCivil, utcToTaiMs } from '../time/index.ts';
import { checkUint } from './checkUint.ts';

export interface TimeCodeEpoch {
  readonly name: string;
  /** The epoch's calendar reading as ms since 1970-01-01 on its own time scale. */
  readonly epochMs: number;
  /** 'TAI': the code counts TAI; 'UTC': the code counts UTC (e.g. JPSS CDS day/ms of day). */
  readonly timeScale: 'TAI' | 'UTC';
}

/** The CCSDS recommended epoch, 1958-01-01T00:00:00 TAI (301.0-B-4 §3.1.4). */
export const CCSDS_EPOCH: TimeCodeEpoch = { name: 'CCSDS 1958-01-01 TAI', epochMs: -378_691_200_000, timeScale: 'TAI' };
/** The same calendar epoch read as UTC, as UTC-based CDS producers do (e.g. JPSS). */
export const CCSDS_EPOCH_UTC: TimeCodeEpoch = { name: 'CCSDS 1958-01-01 UTC', epochMs: -378_691_200_000, timeScale: 'UTC' };

/** A mission epoch from its calendar date and time (level 2 codes, 301.0-B-4 §3.1.4). */
export function missionEpoch(
  name: string,
  calendar: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeScale: 'TAI' | 'UTC' = 'TAI',
): TimeCodeEpoch {
  checkUint('epoch month', calendar.month - 1, 11);
  checkUint('epoch day', calendar.day - 1, 30);
  const epochMs = msFromCivil({
    year: calendar.year,
    month: calendar.month,
    day: calendar.day,
    hour: calendar.hour ?? 0,
    minute: calendar.minute ?? 0,
    second: calendar.second ?? 0,
    millisecond: 0,
  });
  const back = civilFromMs(epochMs);
  if (back.month !== calendar.month || back.day !== calendar.day) {
    throw new RangeError(`epoch ${calendar.year}-${calendar.month}-${calendar.day} is not a calendar date`);
  }
  return { name, epochMs, timeScale };
}

/** TAI ms since 1970 of an instant `elapsedMs` SI milliseconds after the epoch (CUC-style count). */
export function elapsedToTaiMs(epoch: TimeCodeEpoch, elapsedMs: number): number {
  return (epoch.timeScale === 'TAI' ? epoch.epochMs : utcToTaiMs(epoch.epochMs)) + elapsedMs;
}

/**
 * TAI ms since 1970 of day `day` after the epoch plus `msOfDay` (CDS-style count). On a UTC
 * scale the day starts at its UTC midnight and the ms of day run on in SI seconds, so a
 * 23:59:60 leap second (ms of day up to 86 400 999) lands on its own TAI instant.
 */
export function dayTimeToTaiMs(epoch: TimeCodeEpoch, day: number, msOfDay: number): number {
  const dayStartMs = epoch.epochMs + day * MS_PER_DAY;
  return (epoch.timeScale === 'TAI' ? dayStartMs : utcToTaiMs(dayStartMs)) + msOfDay;
}

