// The Communications Link Control Word (CCSDS 232.0-B-4 §4.2): the 32-bit report of the on-board
// FARM-1 sent back in the TM operational control field (CCSDS 132.0-B-3 §4.1.5), telling the
// ground which TC frame it expects next and whether it is locked out, waiting or asked to retransmit.
import { checkUint } from './checkUint.ts';

export interface Clcw {
  /** Control word type: 0 for a CLCW (a type-2 report is 1; §4.2.1.2). */
  readonly controlWordType: number;
  /** CLCW version number, '00' (§4.2.1.3). */
  readonly version: number;
  /** Mission-specific status field, 3 bits (§4.2.1.4). */
  readonly statusField: number;
  /** COP in effect: 1 = COP-1 (§4.2.1.5). */
  readonly copInEffect: number;
  /** Virtual channel the report is about, 6 bits (§4.2.1.6). */
  readonly vcid: number;
  readonly noRfAvailable: boolean;
  readonly noBitLock: boolean;
  readonly lockout: boolean;
  readonly wait: boolean;
  readonly retransmit: boolean;
  /** Two low bits of the FARM-B counter (§4.2.1.13). */
  readonly farmBCounter: number;
  /** Frame sequence number V(R) the FARM expects next (§4.2.1.15). */
  readonly reportValue: number;
}

export function decodeClcw(word: number): Clcw {
  const w = word >>> 0;
  return {
    controlWordType: w >>> 31,
    version: (w >>> 29) & 0x3,
    statusField: (w >>> 26) & 0x7,
    copInEffect: (w >>> 24) & 0x3,
    vcid: (w >>> 18) & 0x3f,
    noRfAvailable: ((w >>> 15) & 1) === 1,
    noBitLock: ((w >>> 14) & 1) === 1,
    lockout: ((w >>> 13) & 1) === 1,
    wait: ((w >>> 12) & 1) === 1,
    retransmit: ((w >>> 11) & 1) === 1,
    farmBCounter: (w >>> 9) & 0x3,
    reportValue: w & 0xff,
  };
}

/** The CLCW as an unsigned 32-bit number; unset fields take the COP-1 defaults. Spare bits are 0. */
export function encodeClcw(clcw: Partial<Clcw> & Pick<Clcw, 'vcid' | 'reportValue'>): number {
  const word =
    (checkUint('CLCW control word type', clcw.controlWordType ?? 0, 1) << 31) |
    (checkUint('CLCW version', clcw.version ?? 0, 3) << 29) |
    (checkUint('CLCW status field', clcw.statusField ?? 0, 7) << 26) |
    (checkUint('CLCW COP in effect', clcw.copInEffect ?? 1, 3) << 24) |
    (checkUint('CLCW VCID', clcw.vcid, 63) << 18) |
    (clcw.noRfAvailable === true ? 1 << 15 : 0) |
    (clcw.noBitLock === true ? 1 << 14 : 0) |
    (clcw.lockout === true ? 1 << 13 : 0) |
    (clcw.wait === true ? 1 << 12 : 0) |
    (clcw.retransmit === true ? 1 << 11 : 0) |
    (checkUint('CLCW FARM-B counter', clcw.farmBCounter ?? 0, 3) << 9) |
    checkUint('CLCW report value', clcw.reportValue, 255);
  return word >>> 0;
}
