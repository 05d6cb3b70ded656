import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TC_UNLOCK_COMMAND, decodeTcFrame, decodeTcFrameHeader, encodeTcFrame, tcSetVrCommand } from './tcFrame.ts';

const bytesOf = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('TC transfer frame (CCSDS 232.0-B-4 §4.1)', () => {
  // Frames taken out of CLTUs published in an independent flight-software test suite (a Zephyr
  // "ccsds_profile" ZTEST suite): an Unlock, a Set V(R) 0x1F and a data frame with a segment header.
  it('decodes an independent Unlock control frame (bypass + control command, §4.1.2.3)', () => {
    const decoded = decodeTcFrame(bytesOf('307b000700005575'));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.frame.header).toEqual({ version: 0, bypass: true, controlCommand: true, scid: 123, vcid: 0, frameLength: 8, frameSequenceNumber: 0 });
    expect(Array.from(decoded.frame.data)).toEqual(Array.from(TC_UNLOCK_COMMAND));
    expect(encodeTcFrame({ bypass: true, controlCommand: true, scid: 123, vcid: 0, frameSequenceNumber: 0, data: TC_UNLOCK_COMMAND })).toEqual(bytesOf('307b000700005575'));
  });

  it('encodes a Set V(R) frame byte for byte like the independent one', () => {
    const frame = encodeTcFrame({ bypass: true, controlCommand: true, scid: 123, vcid: 0, frameSequenceNumber: 0, data: tcSetVrCommand(0x1f) });
    expect(Buffer.from(frame).toString('hex')).toBe('307b00090082001fa634');
  });

  it('decodes a data frame with a segment header (§4.1.3.2) followed by CLTU fill', () => {
    const withFill = bytesOf('007b00191fc018' + '10c006000b100e' + '02000001031900' + '00bbe915465555');
    const decoded = decodeTcFrame(withFill, { hasSegmentHeader: true });
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.frame.header).toMatchObject({ scid: 123, vcid: 0, frameLength: 26, frameSequenceNumber: 0x1f, bypass: false });
    expect(decoded.frame.segmentHeader).toEqual({ sequenceFlags: 3, mapId: 0 });
    expect(decoded.frame.trailing).toBe(2);
    expect(decoded.frame.data.length).toBe(26 - 5 - 1 - 2);
  });

  it('lays out the header fields as §4.1.2 says, worked out by hand', () => {
    const frame = encodeTcFrame({ scid: 0x3ff, vcid: 0x2a, frameSequenceNumber: 0xab, data: new Uint8Array(3) }, { hasFecf: false });
    // 00 0 0 00 1111111111 | 101010 0000000111 | 10101011
    expect(Array.from(frame.subarray(0, 5))).toEqual([0x03, 0xff, 0xa8, 0x07, 0xab]);
    expect(decodeTcFrameHeader(frame)).toMatchObject({ scid: 0x3ff, vcid: 0x2a, frameLength: 8, frameSequenceNumber: 0xab });
  });

  it('reports short, truncated, corrupted and wrong-version frames', () => {
    const frame = encodeTcFrame({ scid: 1, vcid: 1, frameSequenceNumber: 1, data: Uint8Array.of(1, 2, 3) });
    expect(decodeTcFrame(frame.subarray(0, 4))).toEqual({ ok: false, error: 'short-header' });
    expect(decodeTcFrame(frame.subarray(0, frame.length - 1))).toEqual({ ok: false, error: 'bad-length' });
    const flipped = frame.slice();
    flipped[6]! ^= 0x10;
    expect(decodeTcFrame(flipped)).toEqual({ ok: false, error: 'bad-crc' });
    const v2 = encodeTcFrame({ scid: 1, vcid: 1, frameSequenceNumber: 1, data: Uint8Array.of(1) }, { hasFecf: false });
    v2[0]! |= 0x40;
    expect(decodeTcFrame(v2, { hasFecf: false })).toEqual({ ok: false, error: 'bad-version' });
    expect(() => encodeTcFrame({ scid: 1, vcid: 64, frameSequenceNumber: 0, data: new Uint8Array(1) })).toThrow(RangeError);
    expect(() => encodeTcFrame({ scid: 1, vcid: 1, frameSequenceNumber: 0, data: new Uint8Array(1018) })).toThrow(RangeError);
  });

  it('round-trips every field (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ bypass: fc.boolean(), scid: fc.integer({ min: 0, max: 0x3ff }), vcid: fc.integer({ min: 0, max: 63 }), frameSequenceNumber: fc.integer({ min: 0, max: 255 }) }),
        fc.option(fc.record({ sequenceFlags: fc.integer({ min: 0, max: 3 }), mapId: fc.integer({ min: 0, max: 63 }) }), { nil: undefined }),
        fc.uint8Array({ minLength: 0, maxLength: 1000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 20 }),
        (fields, segmentHeader, data, hasFecf, fill) => {
          const options = { hasFecf, hasSegmentHeader: segmentHeader !== undefined };
          const frame = encodeTcFrame({ ...fields, data, ...(segmentHeader ? { segmentHeader } : {}) }, options);
          const padded = new Uint8Array(frame.length + fill).fill(0x55);
          padded.set(frame);
          const decoded = decodeTcFrame(padded, options);
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.frame.header).toMatchObject({ ...fields, controlCommand: false, frameLength: frame.length });
          expect(decoded.frame.segmentHeader).toEqual(segmentHeader ?? null);
          expect(Buffer.from(decoded.frame.data).equals(Buffer.from(data))).toBe(true);
          expect(decoded.frame.trailing).toBe(fill);
        },
      ),
      { seed: 2320, numRuns: 300 },
    );
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.boolean(), fc.boolean(), (bytes, hasFecf, hasSegmentHeader) => {
        const decoded = decodeTcFrame(bytes, { hasFecf, hasSegmentHeader });
        if (decoded.ok) expect(decoded.frame.header.frameLength).toBeLessThanOrEqual(bytes.length);
      }),
      { seed: 2321, numRuns: 500 },
    );
  });
});
