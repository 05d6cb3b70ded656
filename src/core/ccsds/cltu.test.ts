import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCltu, encodeCltu } from './cltu.ts';
import { decodeTcFrame, encodeTcFrame } from './tcFrame.ts';

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytesOf = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

// CLTUs published by two independent implementations:
//  - a Zephyr flight-software "ccsds_profile" ZTEST suite (no randomization), and
//  - dariol83/ccsds TcEncoderTest (Apache-2.0): SCID 123, VC 1, FSN 0, data 1..10, no FECF, randomized.
const UNLOCK = 'eb90307b0007000055f07555555555555522c5c5c5c5c5c5c579';
const SET_VR = 'eb90307b00090082002a1fa63455555555a2c5c5c5c5c5c5c579';
const SHORT_DATA = 'eb90007b00191fc0186410c006000b100e16020000010319008800bbe915465555d2c5c5c5c5c5c5c579';
const RANDOMIZED = 'eb90ff429a5468e804bef6688c29a63957c20255555555555556c5c5c5c5c5c5c579';

describe('CLTU (CCSDS 231.0-B-4 §5)', () => {
  it('encodes the independent CLTUs byte for byte', () => {
    expect(hexOf(encodeCltu(bytesOf('307b000700005575')))).toBe(UNLOCK);
    expect(hexOf(encodeCltu(bytesOf('307b00090082001fa634')))).toBe(SET_VR);
    const frame = encodeTcFrame({ scid: 123, vcid: 1, frameSequenceNumber: 0, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) }, { hasFecf: false });
    expect(hexOf(encodeCltu(frame, { randomize: true }))).toBe(RANDOMIZED);
  });

  it('decodes them back to frames that pass the frame checks', () => {
    const shortData = decodeCltu(bytesOf(SHORT_DATA));
    expect(shortData.ok && shortData.blocks).toBe(4);
    if (!shortData.ok) return;
    const frame = decodeTcFrame(shortData.data, { hasSegmentHeader: true });
    expect(frame.ok && frame.frame.header.frameSequenceNumber).toBe(0x1f);
    const randomized = decodeCltu(bytesOf(RANDOMIZED), 0, { randomize: true });
    expect(randomized.ok).toBe(true);
    if (!randomized.ok) return;
    const dataFrame = decodeTcFrame(randomized.data, { hasFecf: false });
    expect(dataFrame.ok && Array.from(dataFrame.frame.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fills the last code block with 0x55 and ends with the tail sequence (§5.2)', () => {
    const cltu = encodeCltu(Uint8Array.of(0xaa));
    expect(hexOf(cltu.subarray(2, 9))).toBe('aa555555555555');
    expect(hexOf(cltu.subarray(cltu.length - 8))).toBe('c5c5c5c5c5c5c579');
    expect(cltu.length).toBe(2 + 8 + 8);
  });

  it('abandons a CLTU at a code block with an error, handing on the blocks before it (§5.3)', () => {
    const cltu = bytesOf(SHORT_DATA);
    cltu[2 + 8 + 3]! ^= 0x08; // one bit in the second code block
    const detected = decodeCltu(cltu);
    expect(detected).toMatchObject({ ok: false, error: 'uncorrectable-block', block: 1 });
    expect(!detected.ok && hexOf(detected.data)).toBe('007b00191fc018');
    const corrected = decodeCltu(cltu, 0, { correct: true });
    expect(corrected.ok && corrected.corrected).toBe(1);
    expect(corrected.ok && decodeTcFrame(corrected.data, { hasSegmentHeader: true }).ok).toBe(true);
  });

  it('reports a missing start sequence, a missing tail and an empty CLTU', () => {
    expect(decodeCltu(bytesOf('eb91'))).toMatchObject({ ok: false, error: 'no-start-sequence' });
    expect(decodeCltu(bytesOf(UNLOCK.slice(0, -16)))).toMatchObject({ ok: false, error: 'no-tail', block: 2 });
    expect(decodeCltu(bytesOf('eb90c5c5c5c5c5c5c579'))).toMatchObject({ ok: false, error: 'empty' });
    expect(() => encodeCltu(new Uint8Array(0))).toThrow(RangeError);
  });

  it('the tail sequence is not a code block, even after a single bit error (§5.2.4)', () => {
    for (let bit = 0; bit < 64; bit++) {
      const cltu = bytesOf(UNLOCK);
      const tailAt = cltu.length - 8;
      cltu[tailAt + (bit >>> 3)]! ^= 0x80 >>> (bit & 7);
      const decoded = decodeCltu(cltu, 0, { correct: true });
      expect(decoded).toMatchObject({ ok: false, error: 'uncorrectable-block', block: 2 });
      expect(!decoded.ok && hexOf(decoded.data)).toBe('307b0007000055' + '75555555555555');
    }
  });

  it('round-trips any frame, randomized or not, at any offset (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.boolean(), fc.integer({ min: 0, max: 5 }), (frame, randomize, offset) => {
        const cltu = encodeCltu(frame, { randomize });
        const buffer = new Uint8Array(offset + cltu.length + 3);
        buffer.set(cltu, offset);
        const decoded = decodeCltu(buffer, offset, { randomize });
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        expect(decoded.length).toBe(cltu.length);
        expect(hexOf(decoded.data.subarray(0, frame.length))).toBe(hexOf(frame));
      }),
      { seed: 231, numRuns: 300 },
    );
  });

  it('detects any single bit error in the code blocks (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), (frame, pick) => {
        const cltu = encodeCltu(frame);
        const blocksBits = (cltu.length - 10) * 8;
        let bit = pick % blocksBits;
        if ((bit & 63) === 63) bit -= 1; // the filler bit is outside the code word
        cltu[2 + (bit >>> 3)]! ^= 0x80 >>> (bit & 7);
        expect(decodeCltu(cltu)).toMatchObject({ ok: false, error: 'uncorrectable-block', block: Math.floor(bit / 64) });
      }),
      { seed: 2310, numRuns: 500 },
    );
  });

  it('never throws on random bytes after a start sequence (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (tail, correct) => {
        const decoded = decodeCltu(Uint8Array.from([0xeb, 0x90, ...tail]), 0, { correct });
        if (decoded.ok) expect(decoded.length).toBeLessThanOrEqual(tail.length + 2);
        else expect(['uncorrectable-block', 'no-tail', 'empty']).toContain(decoded.error);
      }),
      { seed: 2311, numRuns: 300 },
    );
  });
});
