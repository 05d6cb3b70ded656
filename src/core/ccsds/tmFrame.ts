// TM transfer frames (CCSDS 132.0-B-3 §4.1): the 6-octet primary header (§4.1.2), the optional
// secondary header (§4.1.3), the data field, the operational control field (§4.1.5) and the frame
// error control field (§4.1.6). Decoding returns result codes: it runs once per received frame.
import { checkUint } from './checkUint.ts';
import { crc16Ccitt } from './crc16Ccitt.ts';

export const TM_PRIMARY_HEADER_LENGTH = 6;
/** Transfer frame version number '00' = version 1 (132.0-B-3 §4.1.2.2.2). */
export const TM_FRAME_VERSION = 0;
/** First header pointer: no packet starts in this frame (132.0-B-3 §4.1.2.7, first header pointer). */
export const FHP_NO_PACKET_START = 0x7ff;
/** First header pointer: the data field holds only idle data (132.0-B-3 §4.1.2.7, first header pointer). */
export const FHP_IDLE_DATA = 0x7fe;
/** Largest TM transfer frame: 2048 octets (132.0-B-3 §4.1.1). */
export const MAX_TM_FRAME_LENGTH = 2048;
export const TM_OCF_LENGTH = 4;
export const FECF_LENGTH = 2;

/** Managed parameters of a physical channel (132.0-B-3 §5): fixed for every frame on it. */
export interface TmFrameLayout {
  /** Octets per frame, headers and trailers included. */
  readonly frameLength: number;
  /** Whether the frame error control field is present (default true). */
  readonly hasFecf?: boolean;
}

export interface TmFrameHeader {
  readonly version: number;
  /** Spacecraft identifier, 10 bits. */
  readonly scid: number;
  /** Virtual channel identifier, 3 bits. */
  readonly vcid: number;
  readonly ocfFlag: boolean;
  readonly mcFrameCount: number;
  readonly vcFrameCount: number;
  readonly secondaryHeaderFlag: boolean;
  /** 0 = packets (or idle data) in the data field; 1 = VCA_SDUs (§4.1.2.7). */
  readonly synchronizationFlag: boolean;
  readonly packetOrderFlag: boolean;
  /** '11' (3) when the synchronisation flag is 0 (§4.1.2.7). */
  readonly segmentLengthId: number;
  readonly firstHeaderPointer: number;
}

export interface TmFrame {
  readonly header: TmFrameHeader;
  /** The secondary header's data field (after its ID octet), or null. */
  readonly secondaryHeader: Uint8Array | null;
  readonly dataField: Uint8Array;
  /** The operational control field as an unsigned 32-bit number, or null. */
  readonly ocf: number | null;
}

export type TmFrameError = 'bad-length' | 'bad-crc' | 'bad-version' | 'bad-secondary-header';

export type TmFrameResult = { readonly ok: true; readonly frame: TmFrame } | { readonly ok: false; readonly error: TmFrameError };

function checkLayout(layout: TmFrameLayout): void {
  const min = TM_PRIMARY_HEADER_LENGTH + 1 + (layout.hasFecf === false ? 0 : FECF_LENGTH);
  if (!Number.isInteger(layout.frameLength) || layout.frameLength < min || layout.frameLength > MAX_TM_FRAME_LENGTH) {
    throw new RangeError(`TM frame length must be an integer in ${min}..${MAX_TM_FRAME_LENGTH}, got ${layout.frameLength}`);
  }
}

/** Reads the primary header; the caller has checked that 6 octets are present. */
export function decodeTmFrameHeader(bytes: Uint8Array): TmFrameHeader {
  const w0 = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  const w2 = ((bytes[4] ?? 0) << 8) | (bytes[5] ?? 0);
  return {
    version: w0 >>> 14,
    scid: (w0 >>> 4) & 0x3ff,
    vcid: (w0 >>> 1) & 0x7,
    ocfFlag: (w0 & 1) !== 0,
    mcFrameCount: bytes[2] ?? 0,
    vcFrameCount: bytes[3] ?? 0,
    secondaryHeaderFlag: (w2 & 0x8000) !== 0,
    synchronizationFlag: (w2 & 0x4000) !== 0,
    packetOrderFlag: (w2 & 0x2000) !== 0,
    segmentLengthId: (w2 >>> 11) & 0x3,
    firstHeaderPointer: w2 & 0x7ff,
  };
}

/**
 * Checks and takes apart one frame. Order matters: the length first, then the CRC, so a frame
 * with a bad CRC is never decoded further (132.0-B-3 §4.1.6.1).
 */
export function decodeTmFrame(bytes: Uint8Array, layout: TmFrameLayout): TmFrameResult {
  if (bytes.length !== layout.frameLength || bytes.length < TM_PRIMARY_HEADER_LENGTH + 1) return { ok: false, error: 'bad-length' };
  let end = bytes.length;
  if (layout.hasFecf !== false) {
    end -= FECF_LENGTH;
    if (end < TM_PRIMARY_HEADER_LENGTH || crc16Ccitt(bytes) !== 0) return { ok: false, error: 'bad-crc' };
  }
  const header = decodeTmFrameHeader(bytes);
  if (header.version !== TM_FRAME_VERSION) return { ok: false, error: 'bad-version' };
  let ocf: number | null = null;
  if (header.ocfFlag) {
    end -= TM_OCF_LENGTH;
    if (end < TM_PRIMARY_HEADER_LENGTH) return { ok: false, error: 'bad-length' };
    ocf = (((bytes[end] ?? 0) << 24) | ((bytes[end + 1] ?? 0) << 16) | ((bytes[end + 2] ?? 0) << 8) | (bytes[end + 3] ?? 0)) >>> 0;
  }
  let start = TM_PRIMARY_HEADER_LENGTH;
  let secondaryHeader: Uint8Array | null = null;
  if (header.secondaryHeaderFlag) {
    // §4.1.3.2: version '00' and a 6-bit length = total secondary header octets minus one.
    const id = bytes[start] ?? 0;
    const total = (id & 0x3f) + 1;
    if (id >>> 6 !== 0 || start + total > end) return { ok: false, error: 'bad-secondary-header' };
    secondaryHeader = bytes.subarray(start + 1, start + total);
    start += total;
  }
  return { ok: true, frame: { header, secondaryHeader, dataField: bytes.subarray(start, end), ocf } };
}

/** Octets left for the data field in a frame of this layout. */
export function tmDataFieldLength(layout: TmFrameLayout, options: { secondaryHeaderLength?: number; ocf?: boolean } = {}): number {
  checkLayout(layout);
  const secondary = options.secondaryHeaderLength === undefined ? 0 : options.secondaryHeaderLength + 1;
  return (
    layout.frameLength -
    TM_PRIMARY_HEADER_LENGTH -
    secondary -
    (options.ocf === true ? TM_OCF_LENGTH : 0) -
    (layout.hasFecf === false ? 0 : FECF_LENGTH)
  );
}

export interface TmFrameInit {
  readonly scid: number;
  readonly vcid: number;
  readonly mcFrameCount: number;
  readonly vcFrameCount: number;
  readonly firstHeaderPointer: number;
  readonly synchronizationFlag?: boolean;
  readonly packetOrderFlag?: boolean;
  readonly segmentLengthId?: number;
  /** Data of the secondary header (1..63 octets, its ID octet is added). */
  readonly secondaryHeader?: Uint8Array;
  /** Operational control field, e.g. a CLCW from `encodeClcw`. */
  readonly ocf?: number;
  /** Exactly `tmDataFieldLength(...)` octets. */
  readonly dataField: Uint8Array;
}

/** Builds a frame with its CRC (when the layout has one). Wrong sizes or fields throw RangeError. */
export function encodeTmFrame(init: TmFrameInit, layout: TmFrameLayout): Uint8Array {
  checkUint('TM frame SCID', init.scid, 0x3ff);
  checkUint('TM frame VCID', init.vcid, 7);
  checkUint('TM frame MC frame count', init.mcFrameCount, 255);
  checkUint('TM frame VC frame count', init.vcFrameCount, 255);
  checkUint('TM frame first header pointer', init.firstHeaderPointer, 0x7ff);
  const segmentLengthId = init.segmentLengthId ?? 3;
  checkUint('TM frame segment length ID', segmentLengthId, 3);
  const secondaryLength = init.secondaryHeader?.length;
  if (secondaryLength !== undefined && (secondaryLength < 1 || secondaryLength > 63)) {
    throw new RangeError(`TM frame secondary header data must be 1..63 octets (§4.1.3.2), got ${secondaryLength}`);
  }
  if (init.ocf !== undefined) checkUint('TM frame operational control field', init.ocf, 0xffffffff);
  const dataLength = tmDataFieldLength(layout, {
    ...(secondaryLength === undefined ? {} : { secondaryHeaderLength: secondaryLength }),
    ocf: init.ocf !== undefined,
  });
  if (init.dataField.length !== dataLength) {
    throw new RangeError(`TM frame data field must be ${dataLength} octets for this layout, got ${init.dataField.length}`);
  }
  const frame = new Uint8Array(layout.frameLength);
  const w0 = (TM_FRAME_VERSION << 14) | (init.scid << 4) | (init.vcid << 1) | (init.ocf === undefined ? 0 : 1);
  const w2 =
    (init.secondaryHeader === undefined ? 0 : 0x8000) |
    (init.synchronizationFlag === true ? 0x4000 : 0) |
    (init.packetOrderFlag === true ? 0x2000 : 0) |
    (segmentLengthId << 11) |
    init.firstHeaderPointer;
  frame[0] = w0 >>> 8;
  frame[1] = w0 & 0xff;
  frame[2] = init.mcFrameCount;
  frame[3] = init.vcFrameCount;
  frame[4] = w2 >>> 8;
  frame[5] = w2 & 0xff;
  let pos = TM_PRIMARY_HEADER_LENGTH;
  if (init.secondaryHeader !== undefined) {
    frame[pos++] = init.secondaryHeader.length; // version '00', length = total - 1 = data length
    frame.set(init.secondaryHeader, pos);
    pos += init.secondaryHeader.length;
  }
  frame.set(init.dataField, pos);
  pos += init.dataField.length;
  if (init.ocf !== undefined) {
    frame[pos] = init.ocf >>> 24;
    frame[pos + 1] = (init.ocf >>> 16) & 0xff;
    frame[pos + 2] = (init.ocf >>> 8) & 0xff;
    frame[pos + 3] = init.ocf & 0xff;
    pos += TM_OCF_LENGTH;
  }
  if (layout.hasFecf !== false) {
    const crc = crc16Ccitt(frame, 0, pos);
    frame[pos] = crc >>> 8;
    frame[pos + 1] = crc & 0xff;
  }
  return frame;
}
