// PUS service 1 (request verification) reports, ECSS-E-ST-70-41C §6.1 and §8.1: TM[1,1]/[1,2]
// acceptance success/failure, [1,3]/[1,4] start, [1,5]/[1,6] progress, [1,7]/[1,8] completion,
// [1,10] routing failure. Each carries the request ID of the telecommand it reports on: the first
// four octets of its packet (version, type, secondary header flag, APID, sequence flags and count).
import { SPACE_PACKET_HEADER_LENGTH, encodeSpacePacket } from '../../core/ccsds/index.ts';

/** Where a mission's PUS TM packets keep their fields. */
export interface PusTmLayout {
  /**
   * Octets of the TM secondary header; the service type and subtype are always its 2nd and 3rd
   * octets (PUS-A, -B and -C alike). Default 15: PUS-C version octet, type, subtype, message
   * counter (2), destination (2) and a CUC time with its P-field (1 + 4 + 3), as in the Yamcs PUS
   * example mission database.
   */
  readonly secondaryHeaderLength?: number;
  /** Octets of the failure code after the request ID in failure reports (default 4). */
  readonly failureCodeLength?: number;
}

export const DEFAULT_PUS_SECONDARY_HEADER_LENGTH = 15;
export const DEFAULT_PUS_FAILURE_CODE_LENGTH = 4;
const REQUEST_ID_LENGTH = 4;

export type Pus1Stage = 'acceptance' | 'start' | 'progress' | 'execution';

export interface Pus1Report {
  readonly subtype: number;
  readonly stage: Pus1Stage;
  readonly ok: boolean;
  /** The request ID: APID and sequence count of the telecommand reported on. */
  readonly requestApid: number;
  readonly requestSequenceCount: number;
  /** Failure reports only, when the packet holds one. */
  readonly failureCode: number | undefined;
}

const SUBTYPES: Readonly<Record<number, { readonly stage: Pus1Stage; readonly ok: boolean }>> = {
  1: { stage: 'acceptance', ok: true },
  2: { stage: 'acceptance', ok: false },
  3: { stage: 'start', ok: true },
  4: { stage: 'start', ok: false },
  5: { stage: 'progress', ok: true },
  6: { stage: 'progress', ok: false },
  7: { stage: 'execution', ok: true },
  8: { stage: 'execution', ok: false },
  // Routing failed on board: the request was never accepted by its destination (70-41C §6.1.3).
  10: { stage: 'acceptance', ok: false },
};

function readUint(bytes: Uint8Array, at: number, length: number): number {
  let v = 0;
  for (let i = 0; i < length; i++) v = v * 256 + (bytes[at + i] ?? 0);
  return v;
}

/**
 * Reads a PUS service 1 report out of a TM space packet; null for any other packet (a per-packet
 * path: it never throws). The packet's own length field must agree with the octets given.
 */
export function readPus1Report(packet: Uint8Array, layout: PusTmLayout = {}): Pus1Report | null {
  const headerLength = layout.secondaryHeaderLength ?? DEFAULT_PUS_SECONDARY_HEADER_LENGTH;
  const codeLength = layout.failureCodeLength ?? DEFAULT_PUS_FAILURE_CODE_LENGTH;
  const dataStart = SPACE_PACKET_HEADER_LENGTH + headerLength;
  if (packet.length < dataStart + REQUEST_ID_LENGTH || headerLength < 3) return null;
  const b0 = packet[0] ?? 0;
  // Version 0, type TM, secondary header present (CCSDS 133.0-B-2 §4.1.3.2-4).
  if ((b0 & 0xf8) !== 0x08) return null;
  const length = (((packet[4] ?? 0) << 8) | (packet[5] ?? 0)) + 1 + SPACE_PACKET_HEADER_LENGTH;
  if (length > packet.length) return null;
  if (packet[SPACE_PACKET_HEADER_LENGTH + 1] !== 1) return null;
  const subtype = packet[SPACE_PACKET_HEADER_LENGTH + 2] ?? 0;
  const kind = SUBTYPES[subtype];
  if (kind === undefined) return null;
  const requestApid = ((packet[dataStart] ?? 0) & 0x07) * 256 + (packet[dataStart + 1] ?? 0);
  const requestSequenceCount = ((packet[dataStart + 2] ?? 0) & 0x3f) * 256 + (packet[dataStart + 3] ?? 0);
  const codeAt = dataStart + REQUEST_ID_LENGTH + (kind.stage === 'progress' ? 1 : 0);
  const failureCode = !kind.ok && codeLength > 0 && codeAt + codeLength <= length ? readUint(packet, codeAt, codeLength) : undefined;
  return { subtype, stage: kind.stage, ok: kind.ok, requestApid, requestSequenceCount, failureCode };
}

export interface Pus1ReportInit {
  /** The reporting application's APID and its TM sequence count. */
  readonly apid: number;
  readonly sequenceCount: number;
  readonly subtype: number;
  /** The telecommand packet reported on (its first 4 octets are the request ID). */
  readonly request: Uint8Array;
  readonly failureCode?: number;
  /** Octets of the secondary header after the PUS version, type and subtype (counter, destination, time). */
  readonly headerTail?: Uint8Array;
}

/**
 * Builds a TM[1,subtype] packet in the layout `readPus1Report` reads: for the simulator and for
 * tests that play the spacecraft. The PUS version octet is PUS-C's (2 << 4).
 */
export function encodePus1Report(init: Pus1ReportInit, layout: PusTmLayout = {}): Uint8Array {
  const headerLength = layout.secondaryHeaderLength ?? DEFAULT_PUS_SECONDARY_HEADER_LENGTH;
  const codeLength = layout.failureCodeLength ?? DEFAULT_PUS_FAILURE_CODE_LENGTH;
  if (headerLength < 3) throw new RangeError(`a PUS TM secondary header has at least 3 octets, got ${headerLength}`);
  if (init.request.length < REQUEST_ID_LENGTH) throw new RangeError('the request must hold at least the 4 octets of a packet ID and sequence control');
  const secondary = new Uint8Array(headerLength);
  secondary[0] = 2 << 4;
  secondary[1] = 1;
  secondary[2] = init.subtype;
  if (init.headerTail !== undefined) secondary.set(init.headerTail.subarray(0, headerLength - 3), 3);
  const failed = SUBTYPES[init.subtype]?.ok === false;
  const step = SUBTYPES[init.subtype]?.stage === 'progress' ? 1 : 0;
  const data = new Uint8Array(REQUEST_ID_LENGTH + step + (failed ? codeLength : 0));
  data.set(init.request.subarray(0, REQUEST_ID_LENGTH), 0);
  if (failed) {
    let code = init.failureCode ?? 0;
    for (let i = codeLength - 1; i >= 0; i--) {
      data[REQUEST_ID_LENGTH + step + i] = code % 256;
      code = Math.floor(code / 256);
    }
  }
  return encodeSpacePacket({ apid: init.apid, sequenceCount: init.sequenceCount, secondaryHeader: secondary, userData: data });
}
