import { describe, expect, it } from 'vitest';
import { crc16Ccitt, decodeCltu, decodeSpacePacket, decodeTcFrame } from '../../core/ccsds/index.ts';
import { encodeCommand } from '../../core/mdb/index.ts';
import { testMdb } from './tcTestKit.ts';
import { SequenceCounts, TcFramer, finishPacket, maxPacketLength, requestIdOf } from './uplinkEncoding.ts';

describe('telecommand packet', () => {
  const raw = encodeCommand(testMdb(), '/ZEN/SET_HEATER', { heater: 2, setpoint: 21.5, apid: 0x123 });

  it('gets its sequence count and length, keeping every other bit the database wrote', () => {
    const packet = finishPacket('SET_HEATER', raw, 0x2abc);
    const decoded = decodeSpacePacket(packet);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.header).toMatchObject({ version: 0, type: 1, secondaryHeaderFlag: true, apid: 0x123, sequenceFlags: 3, sequenceCount: 0x2abc });
    // Length field = octets after the primary header minus one (133.0-B-2 §4.1.3.5.3).
    expect(decoded.header.dataLength).toBe(raw.length - 7);
    expect([...packet.subarray(6)]).toEqual([...raw.subarray(6)]);
    expect(requestIdOf(packet)).toEqual({ apid: 0x123, sequenceCount: 0x2abc });
    expect(raw[2]).toBe(0xc0);
  });

  it('appends a packet error control CRC that checks to zero over the whole packet', () => {
    const packet = finishPacket('SET_HEATER', raw, 1, { packetCrc: true });
    expect(packet.length).toBe(raw.length + 2);
    expect(crc16Ccitt(packet)).toBe(0);
    expect(((packet[4] ?? 0) << 8) | (packet[5] ?? 0)).toBe(packet.length - 7);
  });

  it('refuses bytes that are not a telecommand packet', () => {
    const tm = raw.slice();
    tm[0] = (tm[0] ?? 0) & ~0x10;
    expect(() => finishPacket('X', tm, 0)).toThrow(expect.objectContaining({ code: 'TC_NOT_A_PACKET' }) as Error);
    expect(() => finishPacket('X', Uint8Array.of(0x18, 0, 0, 0, 0), 0)).toThrow(expect.objectContaining({ code: 'TC_NOT_A_PACKET' }) as Error);
    expect(() => finishPacket('X', raw, 16384)).toThrow(RangeError);
  });
});

describe('sequence counts', () => {
  it('count per APID, wrap at 2^14 and continue after a recorded one', () => {
    const counts = new SequenceCounts();
    expect([counts.take(1), counts.take(1), counts.take(2), counts.take(1)]).toEqual([0, 1, 0, 2]);
    counts.issued(1, 16383, 10);
    expect([counts.take(1), counts.take(1)]).toEqual([0, 1]);
    // Recovery: the latest in time wins; within one millisecond, the one ahead modulo 2^14.
    const again = new SequenceCounts();
    again.issued(7, 41, 100);
    again.issued(7, 5, 90);
    expect(again.take(7)).toBe(42);
    again.issued(9, 16383, 100);
    again.issued(9, 1, 100);
    again.issued(9, 0, 100);
    expect(again.take(9)).toBe(2);
  });
});

describe('TC frames and CLTUs', () => {
  it('frame each packet type-BD with its SCID and VCID, counting N(S) modulo 256', () => {
    const framer = new TcFramer({ scid: 101, vcid: 3 });
    const packet = finishPacket('SET_HEATER', encodeCommand(testMdb(), '/ZEN/SET_HEATER', { heater: 1, apid: 100 }), 5);
    const numbers: number[] = [];
    for (let i = 0; i < 258; i++) {
      const up = framer.frame(packet);
      numbers.push(up.frameSequenceNumber);
      if (i === 0 || i === 257) {
        const cltu = decodeCltu(up.cltu);
        if (!cltu.ok) throw new Error(cltu.error);
        const frame = decodeTcFrame(cltu.data);
        if (!frame.ok) throw new Error(frame.error);
        expect(frame.frame.header).toMatchObject({ bypass: true, controlCommand: false, scid: 101, vcid: 3, frameSequenceNumber: i % 256 });
        expect(frame.frame.data).toEqual(packet);
        expect(cltu.data.subarray(0, up.frame.length)).toEqual(up.frame);
      }
    }
    expect(numbers.slice(254, 258)).toEqual([254, 255, 0, 1]);
  });

  it('adds a segment header when the channel has MAP IDs, and randomizes when asked', () => {
    const packet = Uint8Array.of(0x18, 0x01, 0xc0, 0x00, 0x00, 0x00, 0xaa);
    const up = new TcFramer({ scid: 5, mapId: 9, randomize: true, hasFecf: false }).frame(packet);
    const plain = decodeCltu(up.cltu);
    const cltu = decodeCltu(up.cltu, 0, { randomize: true });
    if (!cltu.ok || !plain.ok) throw new Error('CLTU');
    expect(plain.data.subarray(0, up.frame.length)).not.toEqual(up.frame);
    const frame = decodeTcFrame(cltu.data, { hasFecf: false, hasSegmentHeader: true });
    if (!frame.ok) throw new Error(frame.error);
    expect(frame.frame.segmentHeader).toEqual({ sequenceFlags: 3, mapId: 9 });
    expect(frame.frame.data).toEqual(packet);
    // 1024-octet frame: header 5, segment header 1, no FECF (232.0-B-4 §4.1.1, §4.1.3.2).
    expect(maxPacketLength({ scid: 5, mapId: 9, hasFecf: false })).toBe(1018);
    expect(maxPacketLength({ scid: 5 })).toBe(1017);
  });

  it('refuses identifiers that do not fit their fields', () => {
    expect(() => new TcFramer({ scid: 1024 })).toThrow(RangeError);
    expect(() => new TcFramer({ scid: 1, vcid: 64 })).toThrow(RangeError);
    expect(() => new TcFramer({ scid: 1, mapId: 64 })).toThrow(RangeError);
  });
});
