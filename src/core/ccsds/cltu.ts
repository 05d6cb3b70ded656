// Communications Link Transmission Units (CCSDS 231.0-B-4 §5): the start sequence EB90, the
// transfer frame cut into BCH(63,56) code blocks (§3) whose last one is filled with 0x55
// octets, and the tail sequence C5C5C5C5C5C5C579 (§5.2.4), which no single bit error can turn
// into a valid code block. Optionally the frame is randomized first (§6).
import { BCH_BLOCK_OCTETS, BCH_INFO_OCTETS, bchParity, checkBchBlock } from './bch.ts';
import { randomizeTc } from './tcRandomizer.ts';

export const CLTU_START_SEQUENCE: Uint8Array = Uint8Array.of(0xeb, 0x90);
export const CLTU_TAIL_SEQUENCE: Uint8Array = Uint8Array.of(0xc5, 0xc5, 0xc5, 0xc5, 0xc5, 0xc5, 0xc5, 0x79);
export const CLTU_FILL_OCTET = 0x55;

export interface CltuOptions {
  /** Apply the TC pseudo-randomizer (§6) to the frame (default false). */
  readonly randomize?: boolean;
}

/** Wraps one transfer frame (or any octets) into a CLTU. */
export function encodeCltu(frame: Uint8Array, options: CltuOptions = {}): Uint8Array {
  if (frame.length === 0) throw new RangeError('a CLTU carries at least one octet');
  const data = options.randomize === true ? randomizeTc(frame) : frame;
  const blocks = Math.ceil(data.length / BCH_INFO_OCTETS);
  const out = new Uint8Array(CLTU_START_SEQUENCE.length + blocks * BCH_BLOCK_OCTETS + CLTU_TAIL_SEQUENCE.length);
  out.set(CLTU_START_SEQUENCE, 0);
  let pos = CLTU_START_SEQUENCE.length;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * BCH_INFO_OCTETS, (b + 1) * BCH_INFO_OCTETS);
    out.set(chunk, pos);
    out.fill(CLTU_FILL_OCTET, pos + chunk.length, pos + BCH_INFO_OCTETS);
    out[pos + BCH_INFO_OCTETS] = bchParity(out, pos);
    pos += BCH_BLOCK_OCTETS;
  }
  out.set(CLTU_TAIL_SEQUENCE, pos);
  return out;
}

export interface DecodeCltuOptions extends CltuOptions {
  /** Correct single bit errors per code block (§3.3 error-correcting mode); default: detect only. */
  readonly correct?: boolean;
}

export type CltuError = 'no-start-sequence' | 'uncorrectable-block' | 'no-tail' | 'empty';

export interface DecodedCltu {
  readonly ok: true;
  /** Information octets of all code blocks, fill included: the frame length field says where the frame ends. */
  readonly data: Uint8Array;
  readonly blocks: number;
  /** Code blocks in which one bit error was corrected. */
  readonly corrected: number;
  /** Octets used, start and tail sequences included. */
  readonly length: number;
}

export interface CltuFailure {
  readonly ok: false;
  readonly error: CltuError;
  /** Index of the offending code block (-1 when the start sequence is missing). */
  readonly block: number;
  /**
   * Information octets of the blocks before the failure. A receiver cannot tell a damaged tail
   * from a damaged code block (§5.3), so it hands these on and lets the frame checks decide.
   */
  readonly data: Uint8Array;
}

export type CltuResult = DecodedCltu | CltuFailure;

function isTail(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < CLTU_TAIL_SEQUENCE.length; i++) if (bytes[at + i] !== CLTU_TAIL_SEQUENCE[i]) return false;
  return true;
}

/**
 * Decodes the CLTU that starts at `offset` (with its start sequence). Code blocks are read until
 * the tail sequence; a block that fails the BCH check before it abandons the CLTU (§5.3), so
 * no frame is built from doubtful octets. Returns a result, never throws.
 */
export function decodeCltu(bytes: Uint8Array, offset = 0, options: DecodeCltuOptions = {}): CltuResult {
  if (bytes[offset] !== CLTU_START_SEQUENCE[0] || bytes[offset + 1] !== CLTU_START_SEQUENCE[1]) {
    return { ok: false, error: 'no-start-sequence', block: -1, data: new Uint8Array(0) };
  }
  const blocksStart = offset + CLTU_START_SEQUENCE.length;
  const maxBlocks = Math.floor((bytes.length - blocksStart) / BCH_BLOCK_OCTETS);
  const work = bytes.slice(blocksStart, blocksStart + maxBlocks * BCH_BLOCK_OCTETS);
  const data = new Uint8Array(maxBlocks * BCH_INFO_OCTETS);
  const info = (blocks: number): Uint8Array => {
    const octets = data.subarray(0, blocks * BCH_INFO_OCTETS);
    return options.randomize === true ? randomizeTc(octets) : octets;
  };
  let corrected = 0;
  for (let b = 0; b < maxBlocks; b++) {
    const at = b * BCH_BLOCK_OCTETS;
    if (isTail(work, at)) {
      if (b === 0) return { ok: false, error: 'empty', block: 0, data: new Uint8Array(0) };
      return { ok: true, data: info(b), blocks: b, corrected, length: CLTU_START_SEQUENCE.length + (b + 1) * BCH_BLOCK_OCTETS };
    }
    const status = checkBchBlock(work, at, options.correct === true);
    if (status === 'uncorrectable') return { ok: false, error: 'uncorrectable-block', block: b, data: info(b) };
    if (status === 'corrected') corrected++;
    data.set(work.subarray(at, at + BCH_INFO_OCTETS), b * BCH_INFO_OCTETS);
  }
  return { ok: false, error: 'no-tail', block: maxBlocks, data: info(maxBlocks) };
}
