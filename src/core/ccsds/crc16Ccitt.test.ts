import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Ccitt } from './crc16Ccitt.ts';

interface CrcVectors {
  readonly vectors: { readonly input_hex: string; readonly crc: string; readonly source: string }[];
}
const vectors = (JSON.parse(readFileSync(resolve('../shared/data/test-vectors/crc16-ccitt-false.json'), 'utf8')) as CrcVectors).vectors;

/** An independent bit-serial implementation (one bit at a time, straight from the polynomial). */
function bitwiseCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const feedback = ((crc >>> 15) ^ (byte >>> bit)) & 1;
      crc = (crc << 1) & 0xffff;
      if (feedback) crc ^= 0x1021;
    }
  }
  return crc;
}

describe('crc16Ccitt (CCSDS 132.0-B-3 §4.1.6, 232.0-B-4 §4.1.4.2)', () => {
  it.each(vectors)('matches the reference vector $input_hex -> $crc', (vector) => {
    expect(vectors.length).toBeGreaterThanOrEqual(6);
    const bytes = Uint8Array.from(Buffer.from(vector.input_hex, 'hex'));
    expect(crc16Ccitt(bytes)).toBe(Number.parseInt(vector.crc, 16));
  });

  it('gives residue 0 over a buffer that ends with its own CRC', () => {
    const bytes = Uint8Array.from(Buffer.from('313233343536373839', 'hex'));
    const crc = crc16Ccitt(bytes);
    expect(crc16Ccitt(Uint8Array.from([...bytes, crc >>> 8, crc & 0xff]))).toBe(0);
  });

  it('agrees with a bit-serial implementation and can be computed in pieces (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        expect(crc16Ccitt(bytes)).toBe(bitwiseCrc(bytes));
        expect(crc16Ccitt(bytes, at, bytes.length, crc16Ccitt(bytes, 0, at))).toBe(crc16Ccitt(bytes));
      }),
      { seed: 1021, numRuns: 300 },
    );
  });
});
