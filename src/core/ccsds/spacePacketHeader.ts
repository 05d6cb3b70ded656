// The 6-octet primary header of a CCSDS space packet (CCSDS 133.0-B-2 §4.1.3): version, type,
// secondary header flag, APID, sequence flags, 14-bit sequence count and data length.
// Decoding is on the hot path, so it returns null for a short buffer instead of throwing.
import { checkUint } from './checkUint.ts';

/** Octets in the packet primary header (133.0-B-2 §4.1.3.1). */
export const SPACE_PACKET_HEADER_LENGTH = 6;
/** The only packet version number defined: '000' (133.0-B-2 §4.1.3.2). */
export const SPACE_PACKET_VERSION = 0;
/** APID of idle packets: all ones (133.0-B-2 §4.1.3.3.4.4). */
export const IDLE_APID = 0x7ff;
export const MAX_APID = 0x7ff;
/** The sequence count is a 14-bit counter modulo 16384 (133.0-B-2 §4.1.3.4.3). */
export const SEQUENCE_COUNT_MODULUS = 0x4000;
/** Largest packet: data length field 65535 means 65536 octets of data (133.0-B-2 §4.1.3.5.3). */
export const MAX_SPACE_PACKET_LENGTH = 65536 + SPACE_PACKET_HEADER_LENGTH;

/** Packet type bit (133.0-B-2 §4.1.3.3.2): 0 = telemetry, 1 = telecommand. */
export const PacketType = { telemetry: 0, telecommand: 1 } as const;
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

/** Sequence flags (133.0-B-2 §4.1.3.4.2.2). */
export const SequenceFlags = { continuation: 0, first: 1, last: 2, unsegmented: 3 } as const;
export type SequenceFlags = (typeof SequenceFlags)[keyof typeof SequenceFlags];

export interface SpacePacketHeader {
  /** Packet version number, 3 bits; 0 for every valid packet. */
  readonly version: number;
  readonly type: PacketType;
  readonly secondaryHeaderFlag: boolean;
  /** Application process identifier, 11 bits. */
  readonly apid: number;
  readonly sequenceFlags: SequenceFlags;
  /** Packet sequence count (or packet name), 14 bits. */
  readonly sequenceCount: number;
  /** The data length field as sent: octets in the packet data field minus one. */
  readonly dataLength: number;
}

/** Total packet length in octets (primary header + data field) given by a header. */
export function spacePacketLength(header: Pick<SpacePacketHeader, 'dataLength'>): number {
  return header.dataLength + 1 + SPACE_PACKET_HEADER_LENGTH;
}

/**
 * Reads the primary header at `offset`; null when fewer than 6 octets are there.
 * The version is reported as found: the caller decides what a non-zero version means.
 */
export function decodeSpacePacketHeader(bytes: Uint8Array, offset = 0): SpacePacketHeader | null {
  if (offset < 0 || offset + SPACE_PACKET_HEADER_LENGTH > bytes.length) return null;
  const b0 = bytes[offset] ?? 0;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  return {
    version: b0 >>> 5,
    type: ((b0 >>> 4) & 1) as PacketType,
    secondaryHeaderFlag: (b0 & 0x08) !== 0,
    apid: ((b0 & 0x07) << 8) | b1,
    sequenceFlags: (b2 >>> 6) as SequenceFlags,
    sequenceCount: ((b2 & 0x3f) << 8) | b3,
    dataLength: ((bytes[offset + 4] ?? 0) << 8) | (bytes[offset + 5] ?? 0),
  };
}

/** The data length field straight from the bytes, for splitters that need nothing else. */
export function readSpacePacketLength(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset + 4] ?? 0) << 8) | (bytes[offset + 5] ?? 0)) + 1 + SPACE_PACKET_HEADER_LENGTH;
}

export interface SpacePacketHeaderInit {
  readonly version?: number;
  readonly type?: PacketType;
  readonly secondaryHeaderFlag?: boolean;
  readonly apid: number;
  readonly sequenceFlags?: SequenceFlags;
  readonly sequenceCount: number;
  readonly dataLength: number;
}

/**
 * Writes the 6-octet primary header into `target` at `offset` (a new array when no target is given).
 * Out-of-range fields are API misuse and throw RangeError.
 */
export function encodeSpacePacketHeader(
  header: SpacePacketHeaderInit,
  target: Uint8Array = new Uint8Array(SPACE_PACKET_HEADER_LENGTH),
  offset = 0,
): Uint8Array {
  const version = header.version ?? SPACE_PACKET_VERSION;
  const type = header.type ?? PacketType.telemetry;
  const flags = header.sequenceFlags ?? SequenceFlags.unsegmented;
  checkUint('space packet version', version, 7);
  checkUint('space packet type', type, 1);
  checkUint('space packet APID', header.apid, MAX_APID);
  checkUint('space packet sequence flags', flags, 3);
  checkUint('space packet sequence count', header.sequenceCount, SEQUENCE_COUNT_MODULUS - 1);
  checkUint('space packet data length', header.dataLength, 0xffff);
  if (offset < 0 || offset + SPACE_PACKET_HEADER_LENGTH > target.length) {
    throw new RangeError(`space packet header needs 6 octets at offset ${offset} of a ${target.length}-octet buffer`);
  }
  target[offset] = (version << 5) | (type << 4) | (header.secondaryHeaderFlag === true ? 0x08 : 0) | (header.apid >>> 8);
  target[offset + 1] = header.apid & 0xff;
  target[offset + 2] = (flags << 6) | (header.sequenceCount >>> 8);
  target[offset + 3] = header.sequenceCount & 0xff;
  target[offset + 4] = header.dataLength >>> 8;
  target[offset + 5] = header.dataLength & 0xff;
  return target;
}
