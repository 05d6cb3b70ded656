// Whole space packets (CCSDS 133.0-B-2 §4.1): building a packet from header fields and data,
// taking one apart with an optional caller-supplied secondary-header decoder (§4.1.4.2, whose
// format is mission-defined), and idle packets (APID all ones, §4.1.3.3.4.4).
import {
  IDLE_APID,
  SPACE_PACKET_HEADER_LENGTH,
  SPACE_PACKET_VERSION,
  SequenceFlags,
  decodeSpacePacketHeader,
  encodeSpacePacketHeader,
  spacePacketLength,
} from './spacePacketHeader.ts';
import type { PacketType, SpacePacketHeader } from './spacePacketHeader.ts';

/**
 * Reads a mission-specific secondary header at the start of the packet data field. Returns the
 * decoded value and how many octets it used, or null when the octets do not hold a valid one.
 */
export type SecondaryHeaderDecoder<T> = (
  dataField: Uint8Array,
  header: SpacePacketHeader,
) => { readonly value: T; readonly length: number } | null;

/** Why a packet could not be decoded. Stable codes, counted by the callers. */
export type SpacePacketError = 'short-header' | 'bad-version' | 'truncated' | 'bad-secondary-header';

export interface DecodedSpacePacket<T> {
  readonly ok: true;
  readonly header: SpacePacketHeader;
  /** The whole packet, primary header included (a view into the input). */
  readonly bytes: Uint8Array;
  /** Present when the packet's flag is set and a decoder was given. */
  readonly secondaryHeader: T | undefined;
  /** The data field after the secondary header (the whole data field when none was decoded). */
  readonly userData: Uint8Array;
}

export interface SpacePacketFailure {
  readonly ok: false;
  readonly error: SpacePacketError;
  readonly header: SpacePacketHeader | null;
}

export type SpacePacketResult<T> = DecodedSpacePacket<T> | SpacePacketFailure;

/** Decodes the packet starting at `offset`; the returned views share memory with `bytes`. */
export function decodeSpacePacket<T = never>(
  bytes: Uint8Array,
  offset = 0,
  secondaryHeader?: SecondaryHeaderDecoder<T>,
): SpacePacketResult<T> {
  const header = decodeSpacePacketHeader(bytes, offset);
  if (header === null) return { ok: false, error: 'short-header', header: null };
  if (header.version !== SPACE_PACKET_VERSION) return { ok: false, error: 'bad-version', header };
  const length = spacePacketLength(header);
  if (offset + length > bytes.length) return { ok: false, error: 'truncated', header };
  const packet = bytes.subarray(offset, offset + length);
  const dataField = packet.subarray(SPACE_PACKET_HEADER_LENGTH);
  if (!header.secondaryHeaderFlag || secondaryHeader === undefined) {
    return { ok: true, header, bytes: packet, secondaryHeader: undefined, userData: dataField };
  }
  const decoded = secondaryHeader(dataField, header);
  if (decoded === null || decoded.length < 0 || decoded.length > dataField.length) {
    return { ok: false, error: 'bad-secondary-header', header };
  }
  return { ok: true, header, bytes: packet, secondaryHeader: decoded.value, userData: dataField.subarray(decoded.length) };
}

export interface SpacePacketInit {
  readonly type?: PacketType;
  readonly apid: number;
  readonly sequenceFlags?: SequenceFlags;
  readonly sequenceCount: number;
  /** Encoded secondary header; its presence sets the secondary header flag. */
  readonly secondaryHeader?: Uint8Array;
  readonly userData: Uint8Array;
}

/** Builds a packet. The data field must hold at least one octet (133.0-B-2 §4.1.4). */
export function encodeSpacePacket(init: SpacePacketInit): Uint8Array {
  const secondary = init.secondaryHeader ?? new Uint8Array(0);
  const dataLength = secondary.length + init.userData.length;
  if (dataLength < 1 || dataLength > 65536) {
    throw new RangeError(`space packet data field must be 1..65536 octets, got ${dataLength}`);
  }
  const packet = new Uint8Array(SPACE_PACKET_HEADER_LENGTH + dataLength);
  encodeSpacePacketHeader(
    {
      ...(init.type === undefined ? {} : { type: init.type }),
      secondaryHeaderFlag: init.secondaryHeader !== undefined,
      apid: init.apid,
      sequenceFlags: init.sequenceFlags ?? SequenceFlags.unsegmented,
      sequenceCount: init.sequenceCount,
      dataLength: dataLength - 1,
    },
    packet,
  );
  packet.set(secondary, SPACE_PACKET_HEADER_LENGTH);
  packet.set(init.userData, SPACE_PACKET_HEADER_LENGTH + secondary.length);
  return packet;
}

export function isIdlePacket(header: Pick<SpacePacketHeader, 'apid'>): boolean {
  return header.apid === IDLE_APID;
}

/**
 * An idle packet of `totalLength` octets (at least 7) whose data are `fill` octets; used to fill
 * frames when no real packet is ready. Its content carries no meaning (133.0-B-2 §4.1.3.3.4.4).
 */
export function encodeIdlePacket(totalLength: number, sequenceCount = 0, fill = 0x55): Uint8Array {
  if (!Number.isInteger(totalLength) || totalLength < SPACE_PACKET_HEADER_LENGTH + 1) {
    throw new RangeError(`an idle packet needs at least 7 octets, got ${totalLength}`);
  }
  return encodeSpacePacket({
    apid: IDLE_APID,
    sequenceCount,
    userData: new Uint8Array(totalLength - SPACE_PACKET_HEADER_LENGTH).fill(fill),
  });
}
