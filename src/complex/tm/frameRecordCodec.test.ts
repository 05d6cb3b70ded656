import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../archive/index.ts';
import { decodeFrameRecord, encodeFrameRecord } from './index.ts';

const frame: FrameRecord = {
  source: 'MINSK-tm',
  sequence: 2 ** 53 - 1,
  receptionTimeMs: Date.UTC(2026, 10, 25) + 0.25,
  station: 'MINSK',
  spacecraft: 'ZEN-ÉO',
  qualityFlags: 0x401,
  bytes: Uint8Array.from({ length: 300 }, (_, i) => i & 0xff),
};

describe('tm.frame payload', () => {
  it('carries a frame and its reception metadata unchanged', () => {
    expect(decodeFrameRecord(encodeFrameRecord(frame))).toEqual(frame);
    const empty = { ...frame, source: 'x', bytes: new Uint8Array(0) };
    expect(decodeFrameRecord(encodeFrameRecord(empty))).toEqual(empty);
  });

  it('refuses what is not one, naming what it found', () => {
    const data = encodeFrameRecord(frame);
    expect(() => decodeFrameRecord(data.subarray(0, 10))).toThrow(/found 10 octets/);
    const v2 = data.slice();
    v2[0] = 2;
    expect(() => decodeFrameRecord(v2)).toThrow(/found version 2/);
    expect(() => decodeFrameRecord(data.subarray(0, 21 + 2 + 5))).toThrow(/truncated name/);
    try {
      decodeFrameRecord(v2);
    } catch (error) {
      expect(error).toMatchObject({ code: 'TM_FRAME_MESSAGE' });
    }
  });
});
