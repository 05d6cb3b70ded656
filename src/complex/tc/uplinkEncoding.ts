// From the mission database's command bytes to what a station radiates: the telecommand space
// packet gets its sequence count and length (CCSDS 133.0-B-2 §4.1.3), optionally a PUS packet
// error control CRC; the packet goes into a TC transfer frame (232.0-B-4 §4.1) and the frame into
// a CLTU (231.0-B-4 §5). Frames are type-BD (bypass): COP-1's FOP is not run by Zenith yet.
import { ZenithError } from '../../core/errors/index.ts';
import { MAX_TC_FRAME_LENGTH, SEQUENCE_COUNT_MODULUS, SPACE_PACKET_HEADER_LENGTH, crc16Ccitt, encodeCltu, encodeTcFrame } from '../../core/ccsds/index.ts';

export interface PacketOptions {
  /** Append the 2-octet packet error control (CRC-16-CCITT, ECSS-E-ST-70-41C §7.4.3.1) (default false). */
  readonly packetCrc?: boolean;
}

/** The APID and sequence count of a telecommand packet: the PUS request ID minus its constant bits. */
export interface RequestId {
  readonly apid: number;
  readonly sequenceCount: number;
}

/**
 * Checks that the database produced a telecommand space packet (version 0, type 1) and returns a
 * copy with `sequenceCount` and the length field set (and the CRC appended when asked). Bad bytes
 * from the database are bad input from the world: ZenithError TC_NOT_A_PACKET.
 */
export function finishPacket(command: string, bytes: Uint8Array, sequenceCount: number, options: PacketOptions = {}): Uint8Array {
  if (!Number.isInteger(sequenceCount) || sequenceCount < 0 || sequenceCount >= SEQUENCE_COUNT_MODULUS) {
    throw new RangeError(`sequence count must be 0..${SEQUENCE_COUNT_MODULUS - 1}, got ${sequenceCount}`);
  }
  const crcLength = options.packetCrc === true ? 2 : 0;
  if (bytes.length < SPACE_PACKET_HEADER_LENGTH + 1) {
    throw new ZenithError('TC_NOT_A_PACKET', `${command}: expected the mission database to encode a space packet of at least 7 octets, found ${bytes.length}`, { field: 'command' });
  }
  const b0 = bytes[0] ?? 0;
  if (b0 >>> 5 !== 0 || (b0 & 0x10) === 0) {
    throw new ZenithError('TC_NOT_A_PACKET', `${command}: expected a telecommand space packet (version 0, type 1), found version ${b0 >>> 5}, type ${(b0 >>> 4) & 1}`, { field: 'command' });
  }
  const packet = new Uint8Array(bytes.length + crcLength);
  packet.set(bytes);
  const dataLength = packet.length - SPACE_PACKET_HEADER_LENGTH - 1;
  if (dataLength > 0xffff) throw new ZenithError('TC_TOO_LONG', `${command}: a space packet holds at most 65536 data octets, this one ${dataLength + 1}`, { field: 'arguments' });
  packet[2] = ((packet[2] ?? 0) & 0xc0) | (sequenceCount >>> 8);
  packet[3] = sequenceCount & 0xff;
  packet[4] = dataLength >>> 8;
  packet[5] = dataLength & 0xff;
  if (crcLength > 0) {
    const crc = crc16Ccitt(packet, 0, packet.length - 2);
    packet[packet.length - 2] = crc >>> 8;
    packet[packet.length - 1] = crc & 0xff;
  }
  return packet;
}

export function requestIdOf(packet: Uint8Array): RequestId {
  return { apid: (((packet[0] ?? 0) & 0x07) << 8) | (packet[1] ?? 0), sequenceCount: (((packet[2] ?? 0) & 0x3f) << 8) | (packet[3] ?? 0) };
}

/** Sequence counts per APID (14 bits, wrapping), continued across restarts from the archive. */
export class SequenceCounts {
  private readonly next = new Map<number, number>();
  private readonly latest = new Map<number, { readonly count: number; readonly atMs: number }>();

  /** The count for the next packet of `apid`, and advances it. */
  take(apid: number): number {
    const count = this.next.get(apid) ?? 0;
    this.next.set(apid, (count + 1) % SEQUENCE_COUNT_MODULUS);
    return count;
  }

  /**
   * A packet with this count was issued at `atMs` (recovery): the next one follows the latest
   * issued. Of packets issued in the same millisecond, the one ahead modulo 2^14 is the latest.
   */
  issued(apid: number, count: number, atMs: number): void {
    const before = this.latest.get(apid);
    const ahead = before !== undefined && (count - before.count + SEQUENCE_COUNT_MODULUS) % SEQUENCE_COUNT_MODULUS < SEQUENCE_COUNT_MODULUS / 2;
    if (before === undefined || atMs > before.atMs || (atMs === before.atMs && ahead)) {
      this.latest.set(apid, { count, atMs });
      this.next.set(apid, (count + 1) % SEQUENCE_COUNT_MODULUS);
    }
  }
}

export interface FrameOptions {
  /** The spacecraft identifier (CCSDS SCID, 10 bits). */
  readonly scid: number;
  /** Virtual channel for commands (default 0). */
  readonly vcid?: number;
  /** Frame error control field present (default true). */
  readonly hasFecf?: boolean;
  /** The channel uses segment headers: each packet goes with flags "unsegmented" and this MAP ID. */
  readonly mapId?: number;
  /** Apply the TC pseudo-randomizer (default false). */
  readonly randomize?: boolean;
}

export interface Uplinked {
  readonly frame: Uint8Array;
  readonly frameSequenceNumber: number;
  readonly cltu: Uint8Array;
}

/** The octets of a frame left for the packet: header, optional segment header and FECF taken off. */
export function maxPacketLength(options: FrameOptions): number {
  return MAX_TC_FRAME_LENGTH - 5 - (options.mapId === undefined ? 0 : 1) - (options.hasFecf === false ? 0 : 2);
}

/** Frames packets for one spacecraft's command channel, counting N(S) modulo 256 (232.0-B-4 §4.1.2.7). */
export class TcFramer {
  private frameSequence = 0;

  constructor(readonly options: FrameOptions) {
    // Fails now, not at the first command, when an identifier does not fit its field.
    this.build(Uint8Array.of(0), 0);
  }

  frame(packet: Uint8Array): Uplinked {
    const frameSequenceNumber = this.frameSequence;
    const frame = this.build(packet, frameSequenceNumber);
    this.frameSequence = (this.frameSequence + 1) % 256;
    return { frame, frameSequenceNumber, cltu: encodeCltu(frame, { randomize: this.options.randomize === true }) };
  }

  private build(packet: Uint8Array, frameSequenceNumber: number): Uint8Array {
    const o = this.options;
    return encodeTcFrame(
      {
        bypass: true,
        scid: o.scid,
        vcid: o.vcid ?? 0,
        frameSequenceNumber,
        ...(o.mapId === undefined ? {} : { segmentHeader: { sequenceFlags: 3, mapId: o.mapId } }),
        data: packet,
      },
      { hasFecf: o.hasFecf ?? true },
    );
  }
}
