// CCSDS Unsegmented time Code (CUC, CCSDS 301.0-B-4 §3.2): a binary count of seconds (1-7 coarse
// octets) and binary fractions of a second (0-10 fine octets) since an epoch, with an optional
// P-field describing the layout (§3.2.2). Decoding returns result codes: it runs per packet.
import { taiToUtcMs } from '../time/index.ts';
import { checkUint } from './checkUint.ts';
import { elapsedToTaiMs } from './timeCodeEpoch.ts';
import type { TimeCodeEpoch } from './timeCodeEpoch.ts';

/** Time code identification of the P-field (§3.2.2): level 1 (1958 TAI epoch) or level 2 (agency epoch). */
export const CUC_TIME_CODE_ID = { tai1958: 0b001, agency: 0b010 } as const;

export interface CucFormat {
  /** Octets of coarse time, 1..7 (1..4 without a P-field extension). */
  readonly coarseOctets: number;
  /** Octets of fine time, 0..10 (0..3 without a P-field extension). */
  readonly fineOctets: number;
}

export interface CucTime {
  /** Whole seconds since the epoch (exact up to 6 coarse octets). */
  readonly coarse: number;
  /** The fine field as an integer (exact up to 6 fine octets). */
  readonly fine: number;
  readonly format: CucFormat;
  /** Seconds since the epoch, coarse + fine / 256^fineOctets. */
  readonly seconds: number;
  /** 'tai1958' or 'agency' when read from a P-field, undefined for an implicit P-field. */
  readonly epochId: 'tai1958' | 'agency' | undefined;
  /** Octets used, P-field included. */
  readonly length: number;
}

export type TimeCodeError = 'short-buffer' | 'bad-p-field' | 'bad-field';

export type TimeCodeResult<T> = { readonly ok: true; readonly time: T } | { readonly ok: false; readonly error: TimeCodeError };

export interface CucPField {
  readonly format: CucFormat;
  readonly epochId: 'tai1958' | 'agency';
  /** 1, or 2 with the extension octet. */
  readonly length: number;
}

/** Reads a CUC P-field (§3.2.2); null when it is not a CUC P-field or is too short. */
export function decodeCucPField(bytes: Uint8Array, offset = 0): CucPField | null {
  const p1 = bytes[offset];
  if (p1 === undefined) return null;
  const id = (p1 >>> 4) & 0x7;
  if (id !== CUC_TIME_CODE_ID.tai1958 && id !== CUC_TIME_CODE_ID.agency) return null;
  let coarseOctets = ((p1 >>> 2) & 0x3) + 1;
  let fineOctets = p1 & 0x3;
  let length = 1;
  if (p1 & 0x80) {
    const p2 = bytes[offset + 1];
    // A second extension (bit 0 of octet 2) is reserved for future use.
    if (p2 === undefined || p2 & 0x80) return null;
    coarseOctets += (p2 >>> 5) & 0x3;
    fineOctets += (p2 >>> 2) & 0x7;
    length = 2;
  }
  return { format: { coarseOctets, fineOctets }, epochId: id === CUC_TIME_CODE_ID.tai1958 ? 'tai1958' : 'agency', length };
}

/**
 * Decodes a CUC at `offset`. With `format` the P-field is implicit (agreed by the mission,
 * §3.2.1.1); without it the P-field is read from the bytes.
 */
export function decodeCuc(bytes: Uint8Array, offset = 0, format?: CucFormat): TimeCodeResult<CucTime> {
  let layout = format;
  let epochId: CucTime['epochId'];
  let pos = offset;
  if (layout === undefined) {
    if (offset >= bytes.length) return { ok: false, error: 'short-buffer' };
    const pField = decodeCucPField(bytes, offset);
    if (pField === null) return { ok: false, error: 'bad-p-field' };
    layout = pField.format;
    epochId = pField.epochId;
    pos += pField.length;
  }
  const { coarseOctets, fineOctets } = layout;
  if (pos + coarseOctets + fineOctets > bytes.length) return { ok: false, error: 'short-buffer' };
  let coarse = 0;
  for (let i = 0; i < coarseOctets; i++) coarse = coarse * 256 + (bytes[pos++] ?? 0);
  let fine = 0;
  let fraction = 0;
  let scale = 1 / 256;
  for (let i = 0; i < fineOctets; i++) {
    const octet = bytes[pos++] ?? 0;
    fine = fine * 256 + octet;
    fraction += octet * scale;
    scale /= 256;
  }
  return { ok: true, time: { coarse, fine, format: layout, seconds: coarse + fraction, epochId, length: pos - offset } };
}

function checkFormat(format: CucFormat): void {
  checkUint('CUC coarse octets', format.coarseOctets - 1, 6);
  checkUint('CUC fine octets', format.fineOctets, 10);
}

export interface CucEncodeOptions {
  /** Write a P-field first (default false: implicit P-field). */
  readonly pField?: boolean;
  /** Epoch named in the P-field (default 'tai1958'). */
  readonly epochId?: 'tai1958' | 'agency';
}

/** Encodes coarse seconds and the fine field as integers (exact). */
export function encodeCucFields(coarse: number, fine: number, format: CucFormat, options: CucEncodeOptions = {}): Uint8Array {
  checkFormat(format);
  const { coarseOctets, fineOctets } = format;
  if (!Number.isSafeInteger(coarse) || coarse < 0 || coarse >= 256 ** coarseOctets) {
    throw new RangeError(`CUC coarse time must be an integer in 0..${256 ** coarseOctets - 1}, got ${coarse}`);
  }
  if (!Number.isSafeInteger(fine) || fine < 0 || fine >= 256 ** fineOctets) {
    throw new RangeError(`CUC fine time must be an integer in 0..${256 ** fineOctets - 1}, got ${fine}`);
  }
  const extended = coarseOctets > 4 || fineOctets > 3;
  const pLength = options.pField === true ? (extended ? 2 : 1) : 0;
  const out = new Uint8Array(pLength + coarseOctets + fineOctets);
  if (pLength > 0) {
    const id = options.epochId === 'agency' ? CUC_TIME_CODE_ID.agency : CUC_TIME_CODE_ID.tai1958;
    const basicCoarse = Math.min(coarseOctets, 4);
    const basicFine = Math.min(fineOctets, 3);
    out[0] = (extended ? 0x80 : 0) | (id << 4) | ((basicCoarse - 1) << 2) | basicFine;
    if (extended) out[1] = ((coarseOctets - basicCoarse) << 5) | ((fineOctets - basicFine) << 2);
  }
  let value = coarse;
  for (let i = coarseOctets - 1; i >= 0; i--) {
    out[pLength + i] = value % 256;
    value = Math.floor(value / 256);
  }
  value = fine;
  for (let i = fineOctets - 1; i >= 0; i--) {
    out[pLength + coarseOctets + i] = value % 256;
    value = Math.floor(value / 256);
  }
  return out;
}

/** Encodes `seconds` since the epoch, rounding the fraction to the fine resolution. */
export function encodeCuc(seconds: number, format: CucFormat, options: CucEncodeOptions = {}): Uint8Array {
  checkFormat(format);
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`CUC time must be a finite number of seconds >= 0, got ${seconds}`);
  const fineScale = 256 ** format.fineOctets;
  let coarse = Math.floor(seconds);
  let fine = Math.round((seconds - coarse) * fineScale);
  if (fine >= fineScale) {
    coarse += 1;
    fine = 0;
  }
  return encodeCucFields(coarse, fine, format, options);
}

/** TAI ms since 1970 of a decoded CUC, counting from `epoch`. */
export function cucToTaiMs(time: CucTime, epoch: TimeCodeEpoch): number {
  return elapsedToTaiMs(epoch, time.seconds * 1000);
}

/** UTC ms since 1970 of a decoded CUC (inside a leap second: the first instant after it). */
export function cucToUtcMs(time: CucTime, epoch: TimeCodeEpoch): number {
  return taiToUtcMs(cucToTaiMs(time, epoch));
}
