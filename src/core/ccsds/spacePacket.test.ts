import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSpacePacket, encodeIdlePacket, encodeSpacePacket, isIdlePacket } from './spacePacket.ts';
import type { SecondaryHeaderDecoder } from './spacePacket.ts';

// A mission secondary header of 4 octets: big-endian seconds.
const secondsHeader: SecondaryHeaderDecoder<number> = (data) =>
  data.length < 4 ? null : { value: new DataView(data.buffer, data.byteOffset, 4).getUint32(0), length: 4 };

describe('space packets (CCSDS 133.0-B-2 §4.1)', () => {
  it('builds a packet and reads it back through a secondary-header hook', () => {
    const packet = encodeSpacePacket({
      apid: 42,
      sequenceCount: 7,
      secondaryHeader: Uint8Array.of(0x1c, 0xae, 0x0c, 0x90),
      userData: Uint8Array.of(1, 2, 3),
    });
    // 6 header octets + 4 + 3; data length field = 7 - 1.
    expect(Array.from(packet)).toEqual([0x08, 0x2a, 0xc0, 0x07, 0x00, 0x06, 0x1c, 0xae, 0x0c, 0x90, 1, 2, 3]);
    const decoded = decodeSpacePacket(packet, 0, secondsHeader);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.secondaryHeader).toBe(0x1cae0c90);
    expect(Array.from(decoded.userData)).toEqual([1, 2, 3]);
  });

  it('gives the whole data field when no secondary header decoder is given', () => {
    const packet = encodeSpacePacket({ apid: 1, sequenceCount: 0, secondaryHeader: Uint8Array.of(9), userData: Uint8Array.of(8) });
    const decoded = decodeSpacePacket(packet);
    expect(decoded.ok && Array.from(decoded.userData)).toEqual([9, 8]);
  });

  it('reports a secondary header the hook rejects, a truncated packet and a wrong version (§4.1.3.2)', () => {
    const packet = encodeSpacePacket({ apid: 1, sequenceCount: 0, secondaryHeader: Uint8Array.of(1, 2), userData: Uint8Array.of(3) });
    expect(decodeSpacePacket(packet, 0, secondsHeader)).toMatchObject({ ok: false, error: 'bad-secondary-header' });
    expect(decodeSpacePacket(packet.subarray(0, packet.length - 1))).toMatchObject({ ok: false, error: 'truncated' });
    const wrong = packet.slice();
    wrong[0] = (wrong[0] ?? 0) | 0x20;
    expect(decodeSpacePacket(wrong)).toMatchObject({ ok: false, error: 'bad-version' });
    expect(decodeSpacePacket(packet.subarray(0, 4))).toMatchObject({ ok: false, error: 'short-header', header: null });
  });

  it('refuses an empty data field (§4.1.4: at least one octet)', () => {
    expect(() => encodeSpacePacket({ apid: 1, sequenceCount: 0, userData: new Uint8Array(0) })).toThrow(RangeError);
  });

  it('builds idle packets of the requested length with APID 0x7FF (§4.1.3.3.4.4)', () => {
    const idle = encodeIdlePacket(20, 5);
    expect(idle.length).toBe(20);
    const decoded = decodeSpacePacket(idle);
    expect(decoded.ok && isIdlePacket(decoded.header)).toBe(true);
    expect(decoded.ok && decoded.header.sequenceCount).toBe(5);
    expect(() => encodeIdlePacket(6)).toThrow(RangeError);
  });

  it('round-trips packets (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7ff }),
        fc.integer({ min: 0, max: 0x3fff }),
        fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        (apid, sequenceCount, secondaryHeader, userData) => {
          const packet = encodeSpacePacket({ apid, sequenceCount, userData, ...(secondaryHeader ? { secondaryHeader } : {}) });
          const decoded = decodeSpacePacket(packet, 0, secondsHeader);
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.header.apid).toBe(apid);
          expect(decoded.header.sequenceCount).toBe(sequenceCount);
          expect(decoded.header.secondaryHeaderFlag).toBe(secondaryHeader !== undefined);
          expect(Array.from(decoded.userData)).toEqual(Array.from(userData));
        },
      ),
      { seed: 1330, numRuns: 300 },
    );
  });
});
