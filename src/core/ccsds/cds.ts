// CCSDS Day Segmented time code (CDS, CCSDS 301.0-B-4 §3.3): a count of days since an epoch (16 or
// 24 bits), the milliseconds of the day (32 bits) and optionally microseconds (16 bits) or
// picoseconds (32 bits) of the millisecond, with an optional one-octet P-field (§3.3.2).
import { taiToUtcMs } from '../time/index.ts';
import { checkUint } from './checkUint.ts';
import type { TimeCodeResult } from './cuc.ts';
import { dayTimeToTaiMs } from './timeCodeEpoch.ts';
import type { TimeCodeEpoch } from './timeCodeEpoch.ts';

export const CDS_TIME_CODE_ID = 0b100;
/** Last millisecond of a day that ends with a leap second (§3.3.1: 86 400 999). */
export const MAX_MS_OF_DAY = 86_400_999;

export interface CdsFormat {
  /** Octets of the day segment: 2 (16 bits) or 3 (24 bits). */
  readonly dayOctets: 2 | 3;
  /** Sub-millisecond segment: none, 16-bit microseconds or 32-bit picoseconds. */
  readonly subMs: 'none' | 'us' | 'ps';
}

export interface CdsTime {
  readonly day: number;
  readonly msOfDay: number;
  /** Microseconds (0..999) or picoseconds (0..999 999 999) of the millisecond; 0 without the segment. */
  readonly subMs: number;
  readonly format: CdsFormat;
  /** day × 86 400 000 + ms of day + the sub-millisecond part, in ms (leap seconds not counted). */
  readonly msSinceEpoch: number;
  /** 'ccsds' (1958-01-01) or 'agency' when read from a P-field; undefined for an implicit P-field. */
  readonly epochId: 'ccsds' | 'agency' | undefined;
  /** Octets used, P-field included. */
  readonly length: number;
}

export interface CdsPField {
  readonly format: CdsFormat;
  readonly epochId: 'ccsds' | 'agency';
}

/** Reads a CDS P-field (§3.3.2); null when it is not one (or uses the reserved '11' resolution). */
export function decodeCdsPField(octet: number): CdsPField | null {
  if (octet & 0x80 || ((octet >>> 4) & 0x7) !== CDS_TIME_CODE_ID) return null;
  const resolution = octet & 0x3;
  if (resolution === 3) return null;
  return {
    format: { dayOctets: octet & 0x04 ? 3 : 2, subMs: resolution === 0 ? 'none' : resolution === 1 ? 'us' : 'ps' },
    epochId: octet & 0x08 ? 'agency' : 'ccsds',
  };
}

function maxSubMs(format: CdsFormat): number {
  return format.subMs === 'none' ? 0 : format.subMs === 'us' ? 999 : 999_999_999;
}

function subMsToMs(subMs: number, format: CdsFormat): number {
  return format.subMs === 'us' ? subMs / 1e3 : format.subMs === 'ps' ? subMs / 1e9 : 0;
}

export function cdsFieldLength(format: CdsFormat): number {
  return format.dayOctets + 4 + (format.subMs === 'none' ? 0 : format.subMs === 'us' ? 2 : 4);
}

/**
 * Decodes a CDS at `offset`: with `format` the P-field is implicit, without it the P-field is
 * read first. Milliseconds of day past 86 400 999, or microseconds past 999, are 'bad-field'.
 */
export function decodeCds(bytes: Uint8Array, offset = 0, format?: CdsFormat): TimeCodeResult<CdsTime> {
  let layout = format;
  let epochId: CdsTime['epochId'];
  let pos = offset;
  if (layout === undefined) {
    const octet = bytes[offset];
    if (octet === undefined) return { ok: false, error: 'short-buffer' };
    const pField = decodeCdsPField(octet);
    if (pField === null) return { ok: false, error: 'bad-p-field' };
    layout = pField.format;
    epochId = pField.epochId;
    pos++;
  }
  if (pos + cdsFieldLength(layout) > bytes.length) return { ok: false, error: 'short-buffer' };
  const octet = (): number => bytes[pos++] ?? 0;
  let day = octet() * 256 + octet();
  if (layout.dayOctets === 3) day = day * 256 + octet();
  const msOfDay = ((octet() << 24) | (octet() << 16) | (octet() << 8) | octet()) >>> 0;
  let subMs = 0;
  if (layout.subMs === 'us') subMs = octet() * 256 + octet();
  else if (layout.subMs === 'ps') subMs = ((octet() << 24) | (octet() << 16) | (octet() << 8) | octet()) >>> 0;
  if (msOfDay > MAX_MS_OF_DAY || subMs > maxSubMs(layout)) return { ok: false, error: 'bad-field' };
  const msSinceEpoch = day * 86_400_000 + msOfDay + subMsToMs(subMs, layout);
  return { ok: true, time: { day, msOfDay, subMs, format: layout, msSinceEpoch, epochId, length: pos - offset } };
}

export interface CdsEncodeOptions {
  /** Write the P-field first (default false: implicit P-field). */
  readonly pField?: boolean;
  /** Epoch named in the P-field (default 'ccsds'). */
  readonly epochId?: 'ccsds' | 'agency';
}

/** Encodes day, ms of day and sub-millisecond count; fields out of range throw RangeError. */
export function encodeCds(
  time: { readonly day: number; readonly msOfDay: number; readonly subMs?: number },
  format: CdsFormat,
  options: CdsEncodeOptions = {},
): Uint8Array {
  checkUint('CDS day', time.day, format.dayOctets === 3 ? 0xffffff : 0xffff);
  checkUint('CDS ms of day', time.msOfDay, MAX_MS_OF_DAY);
  const subMs = time.subMs ?? 0;
  checkUint('CDS sub-millisecond', subMs, maxSubMs(format));
  const pLength = options.pField === true ? 1 : 0;
  const out = new Uint8Array(pLength + cdsFieldLength(format));
  let pos = 0;
  if (pLength > 0) {
    out[pos++] =
      (CDS_TIME_CODE_ID << 4) |
      (options.epochId === 'agency' ? 0x08 : 0) |
      (format.dayOctets === 3 ? 0x04 : 0) |
      (format.subMs === 'none' ? 0 : format.subMs === 'us' ? 1 : 2);
  }
  if (format.dayOctets === 3) out[pos++] = time.day >>> 16;
  out[pos++] = (time.day >>> 8) & 0xff;
  out[pos++] = time.day & 0xff;
  for (const shift of [24, 16, 8, 0]) out[pos++] = (time.msOfDay >>> shift) & 0xff;
  if (format.subMs === 'us') {
    out[pos++] = subMs >>> 8;
    out[pos++] = subMs & 0xff;
  } else if (format.subMs === 'ps') {
    for (const shift of [24, 16, 8, 0]) out[pos++] = (subMs >>> shift) & 0xff;
  }
  return out;
}

/** TAI ms since 1970 of a decoded CDS, counting days from `epoch` on its time scale. */
export function cdsToTaiMs(time: CdsTime, epoch: TimeCodeEpoch): number {
  return dayTimeToTaiMs(epoch, time.day, time.msOfDay + subMsToMs(time.subMs, time.format));
}

/** UTC ms since 1970 of a decoded CDS (inside a leap second: the first instant after it). */
export function cdsToUtcMs(time: CdsTime, epoch: TimeCodeEpoch): number {
  return taiToUtcMs(cdsToTaiMs(time, epoch));
}
