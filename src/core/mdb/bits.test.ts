import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBits, readBitsBig, readBitsLittle, readBitsLittleBig, writeBits, writeBitsLittle } from './bits.ts';

function bitString(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
}

describe('bit fields', () => {
  it('reads any field of 1..64 bits as the bits of the octets say (fixed seed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 9, maxLength: 16 }), fc.nat(), fc.integer({ min: 1, max: 64 }), (bytes, start, size) => {
        const pos = start % (bytes.length * 8 - size + 1);
        const expected = BigInt(`0b${bitString(bytes).slice(pos, pos + size)}`);
        expect(readBitsBig(bytes, pos, size)).toBe(expected);
        if (size <= 53) expect(readBits(bytes, pos, size)).toBe(Number(expected));
      }),
      { seed: 1958, numRuns: 500 },
    );
  });

  it('writes what it reads, leaving the other bits alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 9, maxLength: 12 }), fc.nat(), fc.integer({ min: 1, max: 64 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (bytes, start, size, value) => {
        const pos = start % (bytes.length * 8 - size + 1);
        const before = bitString(bytes);
        const copy = bytes.slice();
        writeBits(copy, pos, size, value);
        expect(readBitsBig(copy, pos, size)).toBe(BigInt.asUintN(size, value));
        const after = bitString(copy);
        expect(after.slice(0, pos) + after.slice(pos + size)).toBe(before.slice(0, pos) + before.slice(pos + size));
      }),
      { seed: 1970, numRuns: 300 },
    );
  });

  it('reads and writes little-endian octets', () => {
    const bytes = Uint8Array.from([0x00, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0xff, 0xee, 0xdd]);
    expect(readBitsLittle(bytes, 8, 16)).toBe(0x1234);
    expect(readBitsLittleBig(bytes, 24, 56)).toBe(0xddeeff12345678n);
    const out = new Uint8Array(4);
    writeBitsLittle(out, 0, 32, 0x12345678n);
    expect([...out]).toEqual([0x78, 0x56, 0x34, 0x12]);
  });
});
