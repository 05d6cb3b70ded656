import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bchParity, bchSyndrome, checkBchBlock } from './bch.ts';

/** Independent parity: the remainder of m(x)·x^7 by polynomial long division over GF(2), on bit arrays. */
function longDivisionParity(info: Uint8Array): number {
  const bits: number[] = [];
  for (const byte of info) for (let b = 7; b >= 0; b--) bits.push((byte >>> b) & 1);
  for (let i = 0; i < 7; i++) bits.push(0);
  const g = [1, 1, 0, 0, 0, 1, 0, 1]; // x^7 + x^6 + x^2 + 1, highest power first
  for (let i = 0; i < 56; i++) {
    if (bits[i] === 1) for (let j = 0; j < g.length; j++) bits[i + j] = (bits[i + j] ?? 0) ^ (g[j] ?? 0);
  }
  const remainder = bits.slice(56).reduce((acc, bit) => (acc << 1) | bit, 0);
  return ((~remainder & 0x7f) << 1) & 0xfe;
}

describe('BCH(63,56) code blocks (CCSDS 231.0-B-4 §3)', () => {
  it('gives the parity octets of independently published code blocks', () => {
    // Code blocks from CLTUs in an independent flight-software test suite (see cltu.test.ts).
    for (const block of ['307b0007000055f0', '7555555555555522', '307b00090082002a', '007b00191fc01864', '10c006000b100e16', '00bbe915465555d2']) {
      const bytes = Uint8Array.from(Buffer.from(block, 'hex'));
      expect(bchParity(bytes)).toBe(bytes[7]);
      expect(bchSyndrome(bytes)).toBe(0);
    }
  });

  it('agrees with polynomial long division (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 7 }), (info) => {
        expect(bchParity(info)).toBe(longDivisionParity(info));
      }),
      { seed: 63, numRuns: 500 },
    );
  });

  it('detects every single and double bit error, and corrects every single one (§3.3)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 7 }), (info) => {
        const block = new Uint8Array(8);
        block.set(info);
        block[7] = bchParity(block);
        for (let i = 0; i < 63; i++) {
          const one = block.slice();
          one[i >>> 3]! ^= 0x80 >>> (i & 7);
          expect(checkBchBlock(one.slice(), 0, false)).toBe('uncorrectable');
          expect(checkBchBlock(one, 0, true)).toBe('corrected');
          expect(one).toEqual(block);
          for (let j = i + 1; j < 63; j += 5) {
            const two = block.slice();
            two[i >>> 3]! ^= 0x80 >>> (i & 7);
            two[j >>> 3]! ^= 0x80 >>> (j & 7);
            expect(checkBchBlock(two, 0, true)).toBe('uncorrectable');
          }
        }
      }),
      { seed: 5663, numRuns: 50 },
    );
  });

  it('ignores the filler bit, which lies outside the code word', () => {
    const block = Uint8Array.from(Buffer.from('307b0007000055f1', 'hex'));
    expect(checkBchBlock(block)).toBe('ok');
  });
});
