// The sending end of a TM physical channel, for the simulator and for tests: packs space packets
// into fixed-length TM transfer frames per virtual channel (CCSDS 132.0-B-3 §4.1.4.2), letting
// packets span frames, setting the first header pointer (§4.1.2.7), running the master and
// virtual channel frame counts mod 256, and filling with idle packets (133.0-B-2) or idle frames.
import { checkUint } from './checkUint.ts';
import { encodeIdlePacket } from './spacePacket.ts';
import { SPACE_PACKET_HEADER_LENGTH } from './spacePacketHeader.ts';
import { FHP_IDLE_DATA, FHP_NO_PACKET_START, encodeTmFrame, tmDataFieldLength } from './tmFrame.ts';
import type { TmFrameLayout } from './tmFrame.ts';

export interface TmFramePackerOptions extends TmFrameLayout {
  readonly scid: number;
  /** Put an operational control field (e.g. a CLCW) in every frame; change it with `setOcf`. */
  readonly ocf?: number;
  /** Octet used for idle packets and idle frames (mission-defined; default 0x55). */
  readonly idleFill?: number;
}

class PendingFrame {
  readonly data: Uint8Array;
  fill = 0;
  fhp = FHP_NO_PACKET_START;
  vcCount = 0;
  idleCount = 0;
  constructor(length: number) {
    this.data = new Uint8Array(length);
  }
}

export class TmFramePacker {
  readonly layout: TmFrameLayout;
  readonly scid: number;
  readonly dataFieldLength: number;
  private ocf: number | undefined;
  private readonly idleFill: number;
  private mcCount = 0;
  private readonly vcs = new Map<number, PendingFrame>();

  constructor(options: TmFramePackerOptions) {
    this.layout = { frameLength: options.frameLength, hasFecf: options.hasFecf ?? true };
    this.scid = checkUint('SCID', options.scid, 0x3ff);
    this.ocf = options.ocf;
    this.idleFill = options.idleFill ?? 0x55;
    this.dataFieldLength = tmDataFieldLength(this.layout, { ocf: options.ocf !== undefined });
    if (this.dataFieldLength < 1) throw new RangeError(`TM frame length ${options.frameLength} leaves no data field`);
  }

  /** Sets the operational control field of the frames built from now on (a frame layout keeps its OCF). */
  setOcf(word: number): void {
    if (this.ocf === undefined) throw new TypeError('this packer was built without an operational control field');
    this.ocf = word;
  }

  private vc(vcid: number): PendingFrame {
    let pending = this.vcs.get(vcid);
    if (pending === undefined) {
      checkUint('VCID', vcid, 7);
      pending = new PendingFrame(this.dataFieldLength);
      this.vcs.set(vcid, pending);
    }
    return pending;
  }

  /** Adds one packet to a virtual channel; returns the frames it completed (often none). */
  push(vcid: number, packet: Uint8Array): Uint8Array[] {
    if (packet.length < SPACE_PACKET_HEADER_LENGTH + 1) throw new RangeError(`a space packet has at least 7 octets, got ${packet.length}`);
    const pending = this.vc(vcid);
    const frames: Uint8Array[] = [];
    let pos = 0;
    while (pos < packet.length) {
      if (pos === 0 && pending.fhp === FHP_NO_PACKET_START) pending.fhp = pending.fill;
      const take = Math.min(packet.length - pos, pending.data.length - pending.fill);
      pending.data.set(packet.subarray(pos, pos + take), pending.fill);
      pending.fill += take;
      pos += take;
      if (pending.fill === pending.data.length) frames.push(this.emit(vcid, pending, pending.fhp));
    }
    return frames;
  }

  /** Completes the frame in progress with an idle packet (it may spill into one more frame). */
  flush(vcid: number): Uint8Array[] {
    const pending = this.vc(vcid);
    if (pending.fill === 0) return [];
    let length = pending.data.length - pending.fill;
    while (length < SPACE_PACKET_HEADER_LENGTH + 1) length += pending.data.length;
    const idle = encodeIdlePacket(length, pending.idleCount, this.idleFill);
    pending.idleCount = (pending.idleCount + 1) & 0x3fff;
    return this.push(vcid, idle);
  }

  /** An only-idle-data frame (first header pointer 0x7FE), e.g. to keep the link busy. */
  idleFrame(vcid = 7): Uint8Array {
    const pending = this.vc(vcid);
    if (pending.fill !== 0) throw new RangeError(`virtual channel ${vcid} has a frame in progress; flush it first`);
    pending.data.fill(this.idleFill);
    pending.fill = pending.data.length;
    return this.emit(vcid, pending, FHP_IDLE_DATA);
  }

  private emit(vcid: number, pending: PendingFrame, fhp: number): Uint8Array {
    const frame = encodeTmFrame(
      {
        scid: this.scid,
        vcid,
        mcFrameCount: this.mcCount,
        vcFrameCount: pending.vcCount,
        firstHeaderPointer: fhp,
        dataField: pending.data,
        ...(this.ocf === undefined ? {} : { ocf: this.ocf }),
      },
      this.layout,
    );
    this.mcCount = (this.mcCount + 1) & 0xff;
    pending.vcCount = (pending.vcCount + 1) & 0xff;
    pending.fill = 0;
    pending.fhp = FHP_NO_PACKET_START;
    return frame;
  }
}
