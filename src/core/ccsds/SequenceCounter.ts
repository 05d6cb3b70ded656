// Per-APID tracking of the 14-bit packet sequence count (CCSDS 133.0-B-2 §4.1.3.4.3): the count
// runs modulo 16384, so 16383 -> 0 is continuity, and any other jump is a gap of lost packets.
// Idle packets (APID 0x7FF) carry no continuity of interest and are ignored by `check`.
import { checkUint } from './checkUint.ts';
import { IDLE_APID, SEQUENCE_COUNT_MODULUS } from './spacePacketHeader.ts';
import type { SpacePacketHeader } from './spacePacketHeader.ts';

/** 'first' = first packet of the APID, 'ok' = next in order, 'gap' = packets missing, 'repeat' = same count again. */
export type SequenceStatus = 'first' | 'ok' | 'gap' | 'repeat' | 'idle';

export interface SequenceCheck {
  readonly status: SequenceStatus;
  /** Packets missing before this one (0 unless status is 'gap'). */
  readonly missing: number;
}

const FIRST: SequenceCheck = { status: 'first', missing: 0 };
const OK: SequenceCheck = { status: 'ok', missing: 0 };
const REPEAT: SequenceCheck = { status: 'repeat', missing: 0 };
const IDLE: SequenceCheck = { status: 'idle', missing: 0 };

export interface ApidSequenceStats {
  readonly apid: number;
  readonly packets: number;
  readonly gaps: number;
  readonly missing: number;
  readonly repeats: number;
  readonly lastCount: number;
}

export class SequenceCounter {
  /** Last count per APID (-1 = none seen yet); an array, since APIDs are 11 bits. */
  private readonly last = new Int32Array(IDLE_APID + 1).fill(-1);
  private readonly packetsByApid = new Uint32Array(IDLE_APID + 1);
  private readonly gapsByApid = new Uint32Array(IDLE_APID + 1);
  private readonly missingByApid = new Float64Array(IDLE_APID + 1);
  private readonly repeatsByApid = new Uint32Array(IDLE_APID + 1);
  packets = 0;
  gaps = 0;
  missing = 0;
  repeats = 0;
  idle = 0;

  /** Checks a packet header; idle packets are counted apart and never make a gap. */
  check(header: Pick<SpacePacketHeader, 'apid' | 'sequenceCount'>): SequenceCheck {
    if (header.apid === IDLE_APID) {
      this.idle++;
      return IDLE;
    }
    return this.update(header.apid, header.sequenceCount);
  }

  /** Records `count` for `apid` and says how it follows the previous one. */
  update(apid: number, count: number): SequenceCheck {
    checkUint('APID', apid, IDLE_APID);
    checkUint('sequence count', count, SEQUENCE_COUNT_MODULUS - 1);
    this.packets++;
    this.packetsByApid[apid] = (this.packetsByApid[apid] ?? 0) + 1;
    const previous = this.last[apid] ?? -1;
    this.last[apid] = count;
    if (previous < 0) return FIRST;
    if (count === previous) {
      this.repeats++;
      this.repeatsByApid[apid] = (this.repeatsByApid[apid] ?? 0) + 1;
      return REPEAT;
    }
    const missing = (count - previous - 1 + SEQUENCE_COUNT_MODULUS) % SEQUENCE_COUNT_MODULUS;
    if (missing === 0) return OK;
    this.gaps++;
    this.missing += missing;
    this.gapsByApid[apid] = (this.gapsByApid[apid] ?? 0) + 1;
    this.missingByApid[apid] = (this.missingByApid[apid] ?? 0) + missing;
    return { status: 'gap', missing };
  }

  /** The count expected next for `apid`, or null before its first packet. */
  expected(apid: number): number | null {
    const previous = this.last[apid] ?? -1;
    return previous < 0 ? null : (previous + 1) % SEQUENCE_COUNT_MODULUS;
  }

  /** Forgets one APID (e.g. after a known on-board reset), or every APID. */
  reset(apid?: number): void {
    if (apid === undefined) this.last.fill(-1);
    else this.last[apid] = -1;
  }

  /** Statistics of every APID seen, in APID order. */
  stats(): ApidSequenceStats[] {
    const out: ApidSequenceStats[] = [];
    for (let apid = 0; apid < IDLE_APID; apid++) {
      const packets = this.packetsByApid[apid] ?? 0;
      if (packets === 0) continue;
      out.push({
        apid,
        packets,
        gaps: this.gapsByApid[apid] ?? 0,
        missing: this.missingByApid[apid] ?? 0,
        repeats: this.repeatsByApid[apid] ?? 0,
        lastCount: this.last[apid] ?? -1,
      });
    }
    return out;
  }
}
