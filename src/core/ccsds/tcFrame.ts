// TC transfer frames (CCSDS 232.0-B-4 §4.1): the 5-octet primary header (version, bypass and
// control command flags, SCID, VCID, frame length, frame sequence number, §4.1.2), the data
// field with an optional segment header (§4.1.3.2) and the frame error control field (§4.1.4).
// A received frame may be followed by CLTU fill octets: the frame length field says where it ends.
import { checkUint } from './checkUint.ts';
import { crc16Ccitt } from './crc16Ccitt.ts';
import { FECF_LENGTH } from './tmFrame.ts';

export const TC_PRIMARY_HEADER_LENGTH = 5;
/** The whole frame is at most 1024 octets (232.0-B-4 §4.1.1). */
export const MAX_TC_FRAME_LENGTH = 1024;
export const TC_FRAME_VERSION = 0;

/** Control commands of COP-1 carried in type-BC frames (232.1-B-2 §6.2 / 232.0-B-4 §4.1.3.3). */
export const TC_UNLOCK_COMMAND: Uint8Array = Uint8Array.of(0x00);
export function tcSetVrCommand(vr: number): Uint8Array {
  return Uint8Array.of(0x82, 0x00, checkUint('V(R)', vr, 255));
}

/** Sequence flags of the segment header (§4.1.3.2.2). */
export const SegmentFlags = { continuing: 0, first: 1, last: 2, unsegmented: 3 } as const;

export interface TcFrameHeader {
  readonly version: number;
  /** 1 = type-B (bypasses FARM acceptance checks), 0 = type-A. */
  readonly bypass: boolean;
  /** 1 = control command (e.g. Unlock, Set V(R)), 0 = data. */
  readonly controlCommand: boolean;
  readonly scid: number;
  readonly vcid: number;
  /** Total octets of the frame (the field holds this minus one). */
  readonly frameLength: number;
  readonly frameSequenceNumber: number;
}

export interface TcSegmentHeader {
  readonly sequenceFlags: number;
  readonly mapId: number;
}

export interface TcFrame {
  readonly header: TcFrameHeader;
  /** Present when the channel uses segment headers (and the frame is not a control command). */
  readonly segmentHeader: TcSegmentHeader | null;
  readonly data: Uint8Array;
  /** Octets after the frame end (CLTU fill); 0 for an exact buffer. */
  readonly trailing: number;
}

export interface TcFrameOptions {
  /** The frame error control field is present (default true; a managed parameter, §4.1.4.1). */
  readonly hasFecf?: boolean;
  /** Data frames on this channel start with a segment header (default false). */
  readonly hasSegmentHeader?: boolean;
}

export type TcFrameError = 'short-header' | 'bad-length' | 'bad-crc' | 'bad-version';
export type TcFrameResult = { readonly ok: true; readonly frame: TcFrame } | { readonly ok: false; readonly error: TcFrameError };

export function decodeTcFrameHeader(bytes: Uint8Array): TcFrameHeader | null {
  if (bytes.length < TC_PRIMARY_HEADER_LENGTH) return null;
  const w0 = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  const w1 = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return {
    version: w0 >>> 14,
    bypass: (w0 & 0x2000) !== 0,
    controlCommand: (w0 & 0x1000) !== 0,
    scid: w0 & 0x3ff,
    vcid: w1 >>> 10,
    frameLength: (w1 & 0x3ff) + 1,
    frameSequenceNumber: bytes[4] ?? 0,
  };
}

/** Checks and takes apart a TC frame (the CRC first: a bad frame is not decoded further). */
export function decodeTcFrame(bytes: Uint8Array, options: TcFrameOptions = {}): TcFrameResult {
  const header = decodeTcFrameHeader(bytes);
  if (header === null) return { ok: false, error: 'short-header' };
  const hasFecf = options.hasFecf ?? true;
  const minLength = TC_PRIMARY_HEADER_LENGTH + (hasFecf ? FECF_LENGTH : 0);
  if (header.frameLength > bytes.length || header.frameLength < minLength) return { ok: false, error: 'bad-length' };
  if (hasFecf && crc16Ccitt(bytes, 0, header.frameLength) !== 0) return { ok: false, error: 'bad-crc' };
  if (header.version !== TC_FRAME_VERSION) return { ok: false, error: 'bad-version' };
  let start = TC_PRIMARY_HEADER_LENGTH;
  const end = header.frameLength - (hasFecf ? FECF_LENGTH : 0);
  let segmentHeader: TcSegmentHeader | null = null;
  if (options.hasSegmentHeader === true && !header.controlCommand) {
    if (start >= end) return { ok: false, error: 'bad-length' };
    const octet = bytes[start] ?? 0;
    segmentHeader = { sequenceFlags: octet >>> 6, mapId: octet & 0x3f };
    start++;
  }
  return { ok: true, frame: { header, segmentHeader, data: bytes.subarray(start, end), trailing: bytes.length - header.frameLength } };
}

export interface TcFrameInit {
  readonly bypass?: boolean;
  readonly controlCommand?: boolean;
  readonly scid: number;
  readonly vcid: number;
  readonly frameSequenceNumber: number;
  readonly segmentHeader?: TcSegmentHeader;
  readonly data: Uint8Array;
}

/** Builds a TC frame, computing the length field and the CRC (unless `hasFecf` is false). */
export function encodeTcFrame(init: TcFrameInit, options: TcFrameOptions = {}): Uint8Array {
  checkUint('TC frame SCID', init.scid, 0x3ff);
  checkUint('TC frame VCID', init.vcid, 0x3f);
  checkUint('TC frame sequence number', init.frameSequenceNumber, 255);
  const hasFecf = options.hasFecf ?? true;
  const length = TC_PRIMARY_HEADER_LENGTH + (init.segmentHeader === undefined ? 0 : 1) + init.data.length + (hasFecf ? FECF_LENGTH : 0);
  if (length > MAX_TC_FRAME_LENGTH) throw new RangeError(`a TC frame is at most ${MAX_TC_FRAME_LENGTH} octets, this one would be ${length}`);
  const frame = new Uint8Array(length);
  const w0 = (TC_FRAME_VERSION << 14) | (init.bypass === true ? 0x2000 : 0) | (init.controlCommand === true ? 0x1000 : 0) | init.scid;
  const w1 = (init.vcid << 10) | (length - 1);
  frame[0] = w0 >>> 8;
  frame[1] = w0 & 0xff;
  frame[2] = w1 >>> 8;
  frame[3] = w1 & 0xff;
  frame[4] = init.frameSequenceNumber;
  let pos = TC_PRIMARY_HEADER_LENGTH;
  if (init.segmentHeader !== undefined) {
    frame[pos++] = (checkUint('segment sequence flags', init.segmentHeader.sequenceFlags, 3) << 6) | checkUint('MAP ID', init.segmentHeader.mapId, 63);
  }
  frame.set(init.data, pos);
  if (hasFecf) {
    const crc = crc16Ccitt(frame, 0, length - FECF_LENGTH);
    frame[length - 2] = crc >>> 8;
    frame[length - 1] = crc & 0xff;
  }
  return frame;
}
