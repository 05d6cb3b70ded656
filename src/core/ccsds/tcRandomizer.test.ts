import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomizeTc } from './tcRandomizer.ts';

describe('TC pseudo-randomizer (CCSDS 231.0-B-4 §6)', () => {
  it('starts with the sequence of h(x) = x^8+x^6+x^4+x^3+x^2+x+1 from all ones', () => {
    // First 40 bits as printed in the standard: 1111 1111 0011 1001 1001 1110 0101 1010 0110 1000.
    expect(Buffer.from(randomizeTc(new Uint8Array(5))).toString('hex')).toBe('ff399e5a68');
  });

  it('has period 255 and undoes itself (property)', () => {
    const sequence = randomizeTc(new Uint8Array(255 * 2));
    expect(Buffer.from(sequence.subarray(255)).equals(Buffer.from(sequence.subarray(0, 255)))).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(randomizeTc(randomizeTc(bytes))).toEqual(bytes);
      }),
      { seed: 6, numRuns: 200 },
    );
  });
});
