import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClcw, encodeClcw } from './clcw.ts';

describe('CLCW (CCSDS 232.0-B-4 §4.2)', () => {
  it('decodes a word worked out field by field', () => {
    // 0 00 010 01 | 000011 00 | 1 0 1 0 1 10 0 | 0x2A
    // type 0, version 0, status 2, COP-1, VCID 3, no RF, lockout, retransmit, FARM-B 2, V(R) 42.
    const word = 0b0_00_010_01_000011_00_1_0_1_0_1_10_0_00101010;
    expect(decodeClcw(word)).toEqual({
      controlWordType: 0,
      version: 0,
      statusField: 2,
      copInEffect: 1,
      vcid: 3,
      noRfAvailable: true,
      noBitLock: false,
      lockout: true,
      wait: false,
      retransmit: true,
      farmBCounter: 2,
      reportValue: 42,
    });
    expect(encodeClcw(decodeClcw(word))).toBe(word);
  });

  it('defaults to COP-1 and writes spare bits as zero (§4.2.1.7, §4.2.1.14)', () => {
    expect(encodeClcw({ vcid: 0, reportValue: 0 })).toBe(0x01000000);
    expect(encodeClcw({ vcid: 63, reportValue: 255, wait: true })).toBe(0x01fc10ff);
    expect(() => encodeClcw({ vcid: 64, reportValue: 0 })).toThrow(RangeError);
  });

  it('round-trips any word whose spare bits are zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (raw) => {
        const word = (raw & ~0x00030100) >>> 0; // clear the spare bits 14-15 and 23
        expect(encodeClcw(decodeClcw(word))).toBe(word);
      }),
      { seed: 232, numRuns: 500 },
    );
  });
});
