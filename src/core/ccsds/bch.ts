// The (63,56) modified BCH code of TC code blocks (CCSDS 231.0-B-4 §3.2): 56 information bits,
// 7 parity bits from g(x) = x^7 + x^6 + x^2 + 1, complemented, then a filler bit 0. Its minimum
// distance of 4 lets a decoder correct one bit error, or detect up to three, per block (§3.3).

export const BCH_INFO_OCTETS = 7;
export const BCH_BLOCK_OCTETS = 8;

/**
 * Byte-at-a-time step of the shift register of §3.2.2 (g(x) = x^7 + x^6 + x^2 + 1). The 7-bit
 * register is kept left-aligned in a byte, so the polynomial below x^7 reads 0x45 << 1 = 0x8A.
 */
const STEP: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let x = i;
    for (let bit = 0; bit < 8; bit++) x = x & 0x80 ? ((x << 1) ^ 0x8a) & 0xff : (x << 1) & 0xff;
    table[i] = x;
  }
  return table;
})();

/** The 7-bit remainder of info(x)·x^7 mod g(x) over the 7 information octets at `offset`. */
function remainder(bytes: Uint8Array, offset: number): number {
  let register = 0;
  for (let i = 0; i < BCH_INFO_OCTETS; i++) register = STEP[register ^ (bytes[offset + i] ?? 0)] ?? 0;
  return register >>> 1;
}

/** The parity octet of the 7 information octets at `offset`: complemented parity bits + filler 0. */
export function bchParity(bytes: Uint8Array, offset = 0): number {
  return (~remainder(bytes, offset) & 0x7f) << 1;
}

/**
 * Syndrome of the code block at `offset` (0 = no error detected). The filler bit is ignored:
 * it lies outside the 63-bit code word.
 */
export function bchSyndrome(block: Uint8Array, offset = 0): number {
  return (bchParity(block, offset) ^ (block[offset + BCH_INFO_OCTETS] ?? 0)) >>> 1;
}

/**
 * Position (bit index 0..62 in the block, MSB first) of the single bit error with this syndrome,
 * or -1 when no single error gives it. Built once from the syndromes of one-bit error patterns.
 */
const SINGLE_ERROR_POSITION: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  const zero = new Uint8Array(BCH_BLOCK_OCTETS);
  zero[BCH_INFO_OCTETS] = bchParity(zero);
  for (let position = 0; position < 63; position++) {
    const block = zero.slice();
    block[position >>> 3] = (block[position >>> 3] ?? 0) ^ (0x80 >>> (position & 7));
    table[bchSyndrome(block)] = position;
  }
  return table;
})();

export type BchBlockStatus = 'ok' | 'corrected' | 'uncorrectable';

/**
 * Checks the code block at `offset`; with `correct`, a single bit error is repaired in place.
 * Without it (error-detecting mode) any non-zero syndrome is 'uncorrectable'.
 */
export function checkBchBlock(block: Uint8Array, offset = 0, correct = false): BchBlockStatus {
  const syndrome = bchSyndrome(block, offset);
  if (syndrome === 0) return 'ok';
  if (!correct) return 'uncorrectable';
  const position = SINGLE_ERROR_POSITION[syndrome] ?? -1;
  if (position < 0) return 'uncorrectable';
  const index = offset + (position >>> 3);
  block[index] = (block[index] ?? 0) ^ (0x80 >>> (position & 7));
  return 'corrected';
}
