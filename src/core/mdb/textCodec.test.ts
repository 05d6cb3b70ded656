import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from './textCodec.ts';

describe('text codec', () => {
  it('round-trips any string through UTF-8 like Node does (fixed seed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const bytes = encodeText(s, 'UTF-8');
        expect(Buffer.from(bytes ?? []).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(decodeText(bytes ?? new Uint8Array(0), 0, bytes?.length ?? 0, 'UTF-8')).toBe(s);
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('turns invalid UTF-8 into U+FFFD and refuses characters outside a single-byte charset', () => {
    expect(decodeText(Uint8Array.from([0x41, 0xc3, 0x28, 0xff]), 0, 4, 'UTF-8')).toBe('A\ufffd(\ufffd');
    expect(decodeText(Uint8Array.from([0xe9]), 0, 1, 'ISO-8859-1')).toBe('é');
    expect(encodeText('é', 'US-ASCII')).toBeNull();
  });
});
