import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSpacePacketHeader, encodeSpacePacketHeader, spacePacketLength } from './spacePacketHeader.ts';
import type { PacketType, SequenceFlags } from './spacePacketHeader.ts';

describe('space packet primary header (CCSDS 133.0-B-2 §4.1.3)', () => {
  it('decodes the first header of the CTIM capture, worked out bit by bit', () => {
    // 08 01 = 000 0 1 000 0000 0001: version 0, TM, secondary header, APID 1;
    // CF E0 = 11 00 1111 1110 0000: unsegmented, count 0x0FE0; 00 6B: 108 data octets.
    const header = decodeSpacePacketHeader(Uint8Array.of(0x08, 0x01, 0xcf, 0xe0, 0x00, 0x6b));
    expect(header).toEqual({
      version: 0,
      type: 0,
      secondaryHeaderFlag: true,
      apid: 1,
      sequenceFlags: 3,
      sequenceCount: 0x0fe0,
      dataLength: 0x6b,
    });
    expect(spacePacketLength(header!)).toBe(114);
  });

  it('reads a telecommand header with every field at its maximum', () => {
    const header = decodeSpacePacketHeader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(header).toEqual({
      version: 7,
      type: 1,
      secondaryHeaderFlag: true,
      apid: 0x7ff,
      sequenceFlags: 3,
      sequenceCount: 16383,
      dataLength: 65535,
    });
    // §4.1.3.5.3: a data length of 65535 means 65536 octets of data.
    expect(spacePacketLength(header!)).toBe(65542);
  });

  it('returns null when fewer than six octets remain', () => {
    expect(decodeSpacePacketHeader(new Uint8Array(5))).toBeNull();
    expect(decodeSpacePacketHeader(new Uint8Array(8), 3)).toBeNull();
    expect(decodeSpacePacketHeader(new Uint8Array(8), 2)).not.toBeNull();
  });

  it('refuses out-of-range fields when encoding', () => {
    expect(() => encodeSpacePacketHeader({ apid: 0x800, sequenceCount: 0, dataLength: 0 })).toThrow(RangeError);
    expect(() => encodeSpacePacketHeader({ apid: 1, sequenceCount: 16384, dataLength: 0 })).toThrow(RangeError);
    expect(() => encodeSpacePacketHeader({ apid: 1, sequenceCount: 0, dataLength: 65536 })).toThrow(RangeError);
    expect(() => encodeSpacePacketHeader({ apid: 1, sequenceCount: 0, dataLength: 0 }, new Uint8Array(6), 1)).toThrow(RangeError);
  });

  it('round-trips every field combination (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.integer({ min: 0, max: 7 }),
          type: fc.constantFrom<PacketType>(0, 1),
          secondaryHeaderFlag: fc.boolean(),
          apid: fc.integer({ min: 0, max: 0x7ff }),
          sequenceFlags: fc.constantFrom<SequenceFlags>(0, 1, 2, 3),
          sequenceCount: fc.integer({ min: 0, max: 0x3fff }),
          dataLength: fc.integer({ min: 0, max: 0xffff }),
        }),
        fc.integer({ min: 0, max: 4 }),
        (header, offset) => {
          const buffer = new Uint8Array(offset + 6);
          encodeSpacePacketHeader(header, buffer, offset);
          expect(decodeSpacePacketHeader(buffer, offset)).toEqual(header);
        },
      ),
      { seed: 133, numRuns: 500 },
    );
  });
});
