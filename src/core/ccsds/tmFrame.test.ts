import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Ccitt } from './crc16Ccitt.ts';
import { FHP_IDLE_DATA, decodeTmFrame, decodeTmFrameHeader, encodeTmFrame, tmDataFieldLength } from './tmFrame.ts';

describe('TM transfer frame (CCSDS 132.0-B-3 §4.1)', () => {
  it('lays out the primary header as §4.1.2 says, worked out by hand', () => {
    const layout = { frameLength: 20 };
    const frame = encodeTmFrame(
      { scid: 0x2ab, vcid: 5, mcFrameCount: 0x12, vcFrameCount: 0x34, firstHeaderPointer: FHP_IDLE_DATA, ocf: 0x01020304, dataField: new Uint8Array(tmDataFieldLength(layout, { ocf: true })) },
      layout,
    );
    // 00 1010101011 101 1 -> 0x2ABB; counts; 0 0 0 11 11111111110 -> 0x1FFE.
    expect(Array.from(frame.subarray(0, 6))).toEqual([0x2a, 0xbb, 0x12, 0x34, 0x1f, 0xfe]);
    expect(Array.from(frame.subarray(14, 18))).toEqual([1, 2, 3, 4]);
    expect(crc16Ccitt(frame)).toBe(0);
    expect(decodeTmFrameHeader(frame)).toEqual({
      version: 0,
      scid: 0x2ab,
      vcid: 5,
      ocfFlag: true,
      mcFrameCount: 0x12,
      vcFrameCount: 0x34,
      secondaryHeaderFlag: false,
      synchronizationFlag: false,
      packetOrderFlag: false,
      segmentLengthId: 3,
      firstHeaderPointer: 0x7fe,
    });
  });

  it('writes the secondary header ID octet as version 00 + length minus one (§4.1.3.2)', () => {
    const layout = { frameLength: 24, hasFecf: false };
    const dataField = new Uint8Array(tmDataFieldLength(layout, { secondaryHeaderLength: 3 }));
    const frame = encodeTmFrame({ scid: 1, vcid: 0, mcFrameCount: 0, vcFrameCount: 0, firstHeaderPointer: 0, secondaryHeader: Uint8Array.of(7, 8, 9), dataField }, layout);
    expect(Array.from(frame.subarray(4, 10))).toEqual([0x98, 0x00, 0x03, 7, 8, 9]);
    const decoded = decodeTmFrame(frame, layout);
    expect(decoded.ok && Array.from(decoded.frame.secondaryHeader ?? [])).toEqual([7, 8, 9]);
    expect(decoded.ok && decoded.frame.dataField.length).toBe(24 - 6 - 4);
  });

  it('refuses wrong lengths and a wrong CRC before looking at the header (§4.1.6)', () => {
    const layout = { frameLength: 16 };
    const frame = encodeTmFrame({ scid: 3, vcid: 1, mcFrameCount: 0, vcFrameCount: 0, firstHeaderPointer: 0, dataField: new Uint8Array(8) }, layout);
    expect(decodeTmFrame(frame.subarray(0, 15), layout)).toEqual({ ok: false, error: 'bad-length' });
    const bad = frame.slice();
    bad[0] = (bad[0] ?? 0) | 0x40; // version 01 *and* a CRC error: the CRC is what is reported
    expect(decodeTmFrame(bad, layout)).toEqual({ ok: false, error: 'bad-crc' });
    const noCrc = { frameLength: 16, hasFecf: false };
    expect(decodeTmFrame(bad, noCrc)).toEqual({ ok: false, error: 'bad-version' });
    const badSecondary = frame.slice(0, 14);
    badSecondary[4] = 0x80; // secondary header flag
    badSecondary[6] = 0x3f; // claims 64 octets
    expect(decodeTmFrame(badSecondary, { frameLength: 14, hasFecf: false })).toEqual({ ok: false, error: 'bad-secondary-header' });
  });

  it('refuses a data field of the wrong size and out-of-range fields', () => {
    const layout = { frameLength: 16 };
    const base = { scid: 3, vcid: 1, mcFrameCount: 0, vcFrameCount: 0, firstHeaderPointer: 0, dataField: new Uint8Array(8) };
    expect(() => encodeTmFrame({ ...base, dataField: new Uint8Array(7) }, layout)).toThrow(RangeError);
    expect(() => encodeTmFrame({ ...base, vcid: 8 }, layout)).toThrow(RangeError);
    expect(() => encodeTmFrame({ ...base, scid: 1024 }, layout)).toThrow(RangeError);
    expect(() => encodeTmFrame({ ...base, vcFrameCount: 256 }, layout)).toThrow(RangeError);
    expect(() => encodeTmFrame(base, { frameLength: 4096 })).toThrow(RangeError);
  });

  it('round-trips every field (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          scid: fc.integer({ min: 0, max: 0x3ff }),
          vcid: fc.integer({ min: 0, max: 7 }),
          mcFrameCount: fc.integer({ min: 0, max: 255 }),
          vcFrameCount: fc.integer({ min: 0, max: 255 }),
          firstHeaderPointer: fc.integer({ min: 0, max: 0x7ff }),
          synchronizationFlag: fc.boolean(),
          packetOrderFlag: fc.boolean(),
          segmentLengthId: fc.integer({ min: 0, max: 3 }),
        }),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 63 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        fc.integer(),
        (fields, secondaryHeader, ocf, hasFecf, dataLength, seed) => {
          const overhead = 6 + (secondaryHeader ? secondaryHeader.length + 1 : 0) + (ocf === undefined ? 0 : 4) + (hasFecf ? 2 : 0);
          const layout = { frameLength: overhead + dataLength, hasFecf };
          const dataField = Uint8Array.from({ length: dataLength }, (_, i) => (seed + i * 31) & 0xff);
          const init = { ...fields, dataField, ...(secondaryHeader ? { secondaryHeader } : {}), ...(ocf === undefined ? {} : { ocf }) };
          const decoded = decodeTmFrame(encodeTmFrame(init, layout), layout);
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.frame.header).toMatchObject({ ...fields, version: 0, ocfFlag: ocf !== undefined, secondaryHeaderFlag: secondaryHeader !== undefined });
          expect(decoded.frame.ocf).toBe(ocf ?? null);
          expect(Array.from(decoded.frame.dataField)).toEqual(Array.from(dataField));
          expect(decoded.frame.secondaryHeader === null ? null : Array.from(decoded.frame.secondaryHeader)).toEqual(secondaryHeader ? Array.from(secondaryHeader) : null);
        },
      ),
      { seed: 1320, numRuns: 300 },
    );
  });
});

describe('frame error control catches every 1-, 2- and 3-bit error (132.0-B-3 §4.1.6)', () => {
  // The CRC is linear: crc(m ^ e) = crc(m) ^ crc0(e), where crc0 is the CRC with a zero preset.
  // An error pattern is missed iff crc0(e) = 0, and crc0 of a sum of single-bit errors is the XOR
  // of their syndromes. So all 1-bit errors are caught iff no syndrome is 0, all 2-bit errors iff
  // the syndromes are distinct, and all 3-bit errors iff no XOR of two equals a third.
  it('proves it for the largest frame (2048 octets) from the single-bit syndromes', () => {
    const bits = 2048 * 8;
    const syndromes = new Uint16Array(bits);
    const pattern = new Uint8Array(2048);
    // The last bit's syndrome comes from the CRC itself; a bit one place earlier has the syndrome
    // of one more shift of the register. Spot checks against the CRC follow.
    pattern[2047] = 1;
    syndromes[bits - 1] = crc16Ccitt(pattern, 0, 2048, 0);
    pattern[2047] = 0;
    for (let i = bits - 2; i >= 0; i--) {
      const next = syndromes[i + 1]!;
      syndromes[i] = ((next << 1) & 0xffff) ^ (next & 0x8000 ? 0x1021 : 0);
    }
    for (const i of [0, 1, 777, 8000, bits - 9, bits - 2]) {
      pattern[i >>> 3] = 0x80 >>> (i & 7);
      expect(syndromes[i]).toBe(crc16Ccitt(pattern, 0, 2048, 0));
      pattern[i >>> 3] = 0;
    }
    const positionOf = new Int32Array(65536).fill(-1);
    for (let i = 0; i < bits; i++) {
      const s = syndromes[i]!;
      expect(s).not.toBe(0);
      if (positionOf[s] !== -1) throw new Error(`2-bit error ${positionOf[s]},${i} undetected`);
      positionOf[s] = i;
    }
    let undetected = 0;
    for (let i = 0; i < bits; i++) {
      const si = syndromes[i]!;
      for (let j = i + 1; j < bits; j++) if (positionOf[si ^ syndromes[j]!]! > j) undetected++;
    }
    expect(undetected).toBe(0);
  });

  it('rejects frames with random 1- to 3-bit errors (property, through the decoder)', () => {
    const layout = { frameLength: 1115 };
    const frame = encodeTmFrame({ scid: 42, vcid: 0, mcFrameCount: 0, vcFrameCount: 0, firstHeaderPointer: 0, dataField: new Uint8Array(1107).fill(0xa5) }, layout);
    expect(decodeTmFrame(frame, layout).ok).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1115 * 8 - 1 }), { minLength: 1, maxLength: 3 }), (positions) => {
        const bad = frame.slice();
        for (const p of positions) bad[p >>> 3] = (bad[p >>> 3] ?? 0) ^ (0x80 >>> (p & 7));
        expect(decodeTmFrame(bad, layout)).toEqual({ ok: false, error: 'bad-crc' });
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});
