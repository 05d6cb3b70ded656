// The receiving end of a TM physical channel: checks each frame (CCSDS 132.0-B-3 §4.1.6 CRC,
// §4.1.2 header), tracks master- and virtual-channel frame counts (mod 256, §4.1.2.5-6) and
// extracts space packets through the first header pointer (§4.1.2.7, §4.1.4.2), carrying packets
// that span frames. After a lost frame the partial packet is discarded and extraction restarts at
// the next first header pointer. Runs per frame, so it returns a report and never throws.
import {
  IDLE_APID,
  MAX_SPACE_PACKET_LENGTH,
  SPACE_PACKET_HEADER_LENGTH,
  SPACE_PACKET_VERSION,
  decodeSpacePacketHeader,
  spacePacketLength,
} from './spacePacketHeader.ts';
import type { SpacePacketHeader } from './spacePacketHeader.ts';
import { checkUint } from './checkUint.ts';
import { FHP_IDLE_DATA, FHP_NO_PACKET_START, decodeTmFrame, tmDataFieldLength } from './tmFrame.ts';
import type { TmFrame, TmFrameError, TmFrameLayout } from './tmFrame.ts';

export interface TmFrameDecoderOptions extends TmFrameLayout {
  /** Accept only frames of this spacecraft; others are counted as 'wrong-scid' and dropped. */
  readonly scid?: number;
  /** Return idle packets (APID 0x7FF) too; by default they are counted and dropped. */
  readonly keepIdlePackets?: boolean;
  /** Copy packets that lie within one frame instead of returning views into the frame buffer. */
  readonly copyPackets?: boolean;
}

export interface ExtractedPacket {
  readonly vcid: number;
  readonly header: SpacePacketHeader;
  /** The whole packet, primary header included. */
  readonly bytes: Uint8Array;
}

export type TmFrameStatus = 'ok' | TmFrameError | 'wrong-scid';

/** What went wrong while extracting packets from an accepted frame. */
export type ExtractionIssue =
  | 'partial-dropped' // a packet in progress was lost with a missing frame
  | 'fhp-mismatch' // the first header pointer disagrees with the length of the packet in progress
  | 'bad-fhp' // the first header pointer points outside the data field
  | 'bad-packet'; // a packet header with a version other than 0: sync lost until the next pointer

export interface TmFrameReport {
  readonly status: TmFrameStatus;
  /** The decoded frame; null unless status is 'ok'. */
  readonly frame: TmFrame | null;
  /** Frames missing on this virtual channel before this one (mod 256: 256 lost frames look like none). */
  readonly vcFramesMissing: number;
  /** Frames missing on the master channel before this one. */
  readonly mcFramesMissing: number;
  readonly packets: ExtractedPacket[];
  /** Problems met while extracting packets, in order (usually empty). */
  readonly issues: ExtractionIssue[];
}

export interface TmFrameCounters {
  frames: number;
  accepted: number;
  badLength: number;
  badCrc: number;
  badVersion: number;
  badSecondaryHeader: number;
  wrongScid: number;
  idleFrames: number;
  /** Frames whose data field carries no packets (synchronisation flag 1). */
  nonPacketFrames: number;
  vcGaps: number;
  vcFramesMissing: number;
  mcGaps: number;
  mcFramesMissing: number;
  packets: number;
  idlePackets: number;
  partialPacketsDropped: number;
  fhpErrors: number;
  badPackets: number;
  /** Data-field octets that could not be attributed to a packet. */
  octetsDiscarded: number;
}

const NO_SYNC = 0;
const AT_BOUNDARY = 1;
const IN_PACKET = 2;

function zeroCounters(): TmFrameCounters {
  return {
    frames: 0,
    accepted: 0,
    badLength: 0,
    badCrc: 0,
    badVersion: 0,
    badSecondaryHeader: 0,
    wrongScid: 0,
    idleFrames: 0,
    nonPacketFrames: 0,
    vcGaps: 0,
    vcFramesMissing: 0,
    mcGaps: 0,
    mcFramesMissing: 0,
    packets: 0,
    idlePackets: 0,
    partialPacketsDropped: 0,
    fhpErrors: 0,
    badPackets: 0,
    octetsDiscarded: 0,
  };
}

/** Reassembly state of one virtual channel. */
class VcState {
  lastCount = -1;
  sync = NO_SYNC;
  /** Packet in progress; sized for the largest packet once, then reused. */
  partial: Uint8Array | null = null;
  fill = 0;
  /** Total length of the packet in progress, 0 while its header is incomplete. */
  expected = 0;
}

export class TmFrameDecoder {
  readonly layout: TmFrameLayout;
  private readonly options: TmFrameDecoderOptions;
  private readonly vcs: VcState[] = Array.from({ length: 8 }, () => new VcState());
  private lastMcCount = -1;
  counters: TmFrameCounters = zeroCounters();

  constructor(options: TmFrameDecoderOptions) {
    tmDataFieldLength(options); // validates the frame length
    if (options.scid !== undefined) checkUint('SCID', options.scid, 0x3ff);
    this.options = options;
    this.layout = { frameLength: options.frameLength, hasFecf: options.hasFecf ?? true };
  }

  /** Forgets all channel state (e.g. at the start of a new pass); counters are kept. */
  reset(): void {
    for (const vc of this.vcs) {
      vc.lastCount = -1;
      vc.sync = NO_SYNC;
      vc.fill = 0;
      vc.expected = 0;
    }
    this.lastMcCount = -1;
  }

  /** Returns the counters and starts new ones. */
  takeCounters(): TmFrameCounters {
    const counters = this.counters;
    this.counters = zeroCounters();
    return counters;
  }

  /** Checks one received frame and returns the packets it completes. */
  decode(bytes: Uint8Array): TmFrameReport {
    const c = this.counters;
    c.frames++;
    const result = decodeTmFrame(bytes, this.layout);
    if (!result.ok) {
      switch (result.error) {
        case 'bad-length':
          c.badLength++;
          break;
        case 'bad-crc':
          c.badCrc++;
          break;
        case 'bad-version':
          c.badVersion++;
          break;
        case 'bad-secondary-header':
          c.badSecondaryHeader++;
          break;
      }
      return { status: result.error, frame: null, vcFramesMissing: 0, mcFramesMissing: 0, packets: [], issues: [] };
    }
    const frame = result.frame;
    const header = frame.header;
    if (this.options.scid !== undefined && header.scid !== this.options.scid) {
      c.wrongScid++;
      return { status: 'wrong-scid', frame: null, vcFramesMissing: 0, mcFramesMissing: 0, packets: [], issues: [] };
    }
    c.accepted++;
    const mcMissing = this.lastMcCount < 0 ? 0 : (header.mcFrameCount - this.lastMcCount - 1) & 0xff;
    this.lastMcCount = header.mcFrameCount;
    if (mcMissing > 0) {
      c.mcGaps++;
      c.mcFramesMissing += mcMissing;
    }
    const vc = this.vcs[header.vcid] ?? new VcState();
    const vcMissing = vc.lastCount < 0 ? 0 : (header.vcFrameCount - vc.lastCount - 1) & 0xff;
    vc.lastCount = header.vcFrameCount;
    const packets: ExtractedPacket[] = [];
    const issues: ExtractionIssue[] = [];
    if (vcMissing > 0) {
      c.vcGaps++;
      c.vcFramesMissing += vcMissing;
      if (vc.sync === IN_PACKET) {
        this.dropPartial(vc);
        issues.push('partial-dropped');
      }
      vc.sync = NO_SYNC;
    }
    const fhp = header.firstHeaderPointer;
    if (header.synchronizationFlag) {
      c.nonPacketFrames++;
    } else if (fhp === FHP_IDLE_DATA) {
      c.idleFrames++;
    } else {
      this.extract(vc, header.vcid, frame.dataField, fhp, packets, issues);
    }
    return { status: 'ok', frame, vcFramesMissing: vcMissing, mcFramesMissing: mcMissing, packets, issues };
  }

  private dropPartial(vc: VcState): void {
    this.counters.partialPacketsDropped++;
    this.counters.octetsDiscarded += vc.fill;
    vc.fill = 0;
    vc.expected = 0;
    vc.sync = NO_SYNC;
  }

  private extract(vc: VcState, vcid: number, data: Uint8Array, fhp: number, packets: ExtractedPacket[], issues: ExtractionIssue[]): void {
    const c = this.counters;
    if (fhp !== FHP_NO_PACKET_START && fhp >= data.length) {
      c.fhpErrors++;
      issues.push('bad-fhp');
      if (vc.sync === IN_PACKET) this.dropPartial(vc);
      vc.sync = NO_SYNC;
      c.octetsDiscarded += data.length;
      return;
    }
    const continuationEnd = fhp === FHP_NO_PACKET_START ? data.length : fhp;
    if (vc.sync === IN_PACKET) {
      this.continuePacket(vc, vcid, data, continuationEnd, fhp === FHP_NO_PACKET_START, packets, issues);
    } else if (continuationEnd > 0) {
      // Not inside a known packet: these octets end a packet we never saw the start of.
      if (vc.sync === AT_BOUNDARY) {
        c.fhpErrors++;
        issues.push('fhp-mismatch');
      }
      vc.sync = NO_SYNC;
      c.octetsDiscarded += continuationEnd;
    }
    if (fhp === FHP_NO_PACKET_START) return;
    this.splitFrom(vc, vcid, data, fhp, packets, issues);
  }

  /**
   * Appends data[0..end) to the packet in progress. The packet must end exactly at `end` (where the
   * first header pointer says the next packet starts), or run on past it when `open` (no packet
   * starts in this frame). Anything else means a length field and a pointer disagree: the packet
   * is dropped rather than delivered with doubtful content.
   */
  private continuePacket(
    vc: VcState,
    vcid: number,
    data: Uint8Array,
    end: number,
    open: boolean,
    packets: ExtractedPacket[],
    issues: ExtractionIssue[],
  ): void {
    const partial = vc.partial;
    if (partial === null) return;
    let consumed = 0;
    if (vc.expected === 0) {
      consumed = Math.min(end, SPACE_PACKET_HEADER_LENGTH - vc.fill);
      partial.set(data.subarray(0, consumed), vc.fill);
      vc.fill += consumed;
      if (vc.fill >= SPACE_PACKET_HEADER_LENGTH) {
        const header = decodeSpacePacketHeader(partial);
        if (header === null || header.version !== SPACE_PACKET_VERSION) {
          this.counters.badPackets++;
          issues.push('bad-packet');
          this.dropPartial(vc);
          this.counters.octetsDiscarded += end - consumed;
          return;
        }
        vc.expected = spacePacketLength(header);
      }
    }
    if (vc.expected > 0) {
      const take = Math.min(end - consumed, vc.expected - vc.fill);
      partial.set(data.subarray(consumed, consumed + take), vc.fill);
      vc.fill += take;
      consumed += take;
      if (vc.fill === vc.expected && consumed === end) {
        this.emit(vcid, partial.slice(0, vc.expected), packets);
        vc.fill = 0;
        vc.expected = 0;
        vc.sync = AT_BOUNDARY;
        return;
      }
    }
    if (open && consumed === end) return; // still in progress: it spans into the next frame
    this.counters.fhpErrors++;
    issues.push('fhp-mismatch');
    this.dropPartial(vc);
    this.counters.octetsDiscarded += end - consumed;
  }

  /** Cuts packets from data[start..]; a packet running past the end becomes the packet in progress. */
  private splitFrom(vc: VcState, vcid: number, data: Uint8Array, start: number, packets: ExtractedPacket[], issues: ExtractionIssue[]): void {
    let pos = start;
    vc.sync = AT_BOUNDARY;
    while (pos < data.length) {
      const left = data.length - pos;
      if (left < SPACE_PACKET_HEADER_LENGTH) {
        this.beginPartial(vc, data.subarray(pos), 0);
        return;
      }
      const header = decodeSpacePacketHeader(data, pos);
      if (header === null || header.version !== SPACE_PACKET_VERSION) {
        this.counters.badPackets++;
        this.counters.octetsDiscarded += left;
        issues.push('bad-packet');
        vc.sync = NO_SYNC;
        return;
      }
      const length = spacePacketLength(header);
      if (length > left) {
        this.beginPartial(vc, data.subarray(pos), length);
        return;
      }
      const bytes = data.subarray(pos, pos + length);
      this.emitWithHeader(vcid, header, this.options.copyPackets === true ? bytes.slice() : bytes, packets);
      pos += length;
    }
  }

  private beginPartial(vc: VcState, bytes: Uint8Array, expected: number): void {
    vc.partial ??= new Uint8Array(MAX_SPACE_PACKET_LENGTH);
    vc.partial.set(bytes, 0);
    vc.fill = bytes.length;
    vc.expected = expected;
    vc.sync = IN_PACKET;
  }

  private emit(vcid: number, bytes: Uint8Array, packets: ExtractedPacket[]): void {
    const header = decodeSpacePacketHeader(bytes);
    if (header !== null) this.emitWithHeader(vcid, header, bytes, packets);
  }

  private emitWithHeader(vcid: number, header: SpacePacketHeader, bytes: Uint8Array, packets: ExtractedPacket[]): void {
    if (header.apid === IDLE_APID) {
      this.counters.idlePackets++;
      if (this.options.keepIdlePackets !== true) return;
    } else {
      this.counters.packets++;
    }
    packets.push({ vcid, header, bytes });
  }
}
