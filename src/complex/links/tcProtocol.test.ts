import { describe, expect, it } from 'vitest';
import { CLTU_HEADER_LENGTH, MSG_CLTU, decodeCltuMessage, encodeCltuMessage } from './tcProtocol.ts';

describe('uplink CLTU messages', () => {
  it('lays out length, type, sequence and time big-endian, and reads them back', () => {
    const cltu = Uint8Array.of(0xeb, 0x90, 1, 2, 3);
    const sequence = 2 ** 40 + 7;
    const sentTimeMs = Date.UTC(2026, 10, 25, 12, 0, 0, 125);
    const message = encodeCltuMessage({ sequence, sentTimeMs, cltu });
    const view = new DataView(message.buffer);
    // Worked out by hand: the length counts what follows it, the sequence is a u64 at octet 8.
    expect(view.getUint32(0)).toBe(CLTU_HEADER_LENGTH + 5);
    expect(message[4]).toBe(MSG_CLTU);
    expect(view.getUint32(8)).toBe(256);
    expect(view.getUint32(12)).toBe(7);
    expect(view.getFloat64(16)).toBe(sentTimeMs);
    expect([...message.subarray(24)]).toEqual([...cltu]);
    const back = decodeCltuMessage(message.subarray(4));
    expect(back).toEqual({ sequence, sentTimeMs, cltu });
  });

  it('refuses what cannot travel and reads nothing from other messages', () => {
    expect(() => encodeCltuMessage({ sequence: -1, sentTimeMs: 0, cltu: Uint8Array.of(1) })).toThrow(RangeError);
    expect(() => encodeCltuMessage({ sequence: 0, sentTimeMs: Number.NaN, cltu: Uint8Array.of(1) })).toThrow(RangeError);
    expect(() => encodeCltuMessage({ sequence: 0, sentTimeMs: 0, cltu: new Uint8Array(0) })).toThrow(RangeError);
    const body = encodeCltuMessage({ sequence: 1, sentTimeMs: 0, cltu: Uint8Array.of(9) }).slice(4);
    body[0] = 0x01;
    expect(decodeCltuMessage(body)).toBeNull();
    expect(decodeCltuMessage(new Uint8Array(CLTU_HEADER_LENGTH))).toBeNull();
    const huge = encodeCltuMessage({ sequence: 1, sentTimeMs: 0, cltu: Uint8Array.of(9) }).slice(4);
    huge.fill(0xff, 4, 12);
    expect(decodeCltuMessage(huge)).toBeNull();
  });
});
