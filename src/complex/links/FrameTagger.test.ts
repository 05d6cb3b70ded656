import { describe, expect, it } from 'vitest';
import { encodeTmFrame } from '../../core/ccsds/index.ts';
import { FrameTagger, QUALITY_SCID_MISMATCH, QUALITY_UNEXPECTED_LENGTH, QUALITY_UNKNOWN_SPACECRAFT, frameScid } from './index.ts';

const frame = (scid: number): Uint8Array =>
  encodeTmFrame({ scid, vcid: 0, mcFrameCount: 0, vcFrameCount: 0, firstHeaderPointer: 0x7fe, dataField: new Uint8Array(24) }, { frameLength: 32 });

describe('FrameTagger', () => {
  it('reads the 10-bit SCID after the 2-bit version (132.0-B-3 §4.1.2.2)', () => {
    for (const scid of [0, 1, 42, 0x155, 0x3ff]) expect(frameScid(frame(scid))).toBe(scid);
    // 0b00_1111111111_000_0: SCID all ones, version and VCID zero.
    expect(frameScid(Uint8Array.of(0x3f, 0xf0))).toBe(0x3ff);
    expect(frameScid(Uint8Array.of(0x3f))).toBeNull();
  });

  it('names the spacecraft from the SCID, or scid-<n> with a flag when unknown', () => {
    const t = new FrameTagger({ name: 'L', station: 'S', spacecraftIds: new Map([[42, 'ZEN-T']]), frameLength: 32 });
    expect(t.tag(frame(42), 5, 9, 0x1ff)).toEqual({ source: 'L', station: 'S', spacecraft: 'ZEN-T', receptionTimeMs: 5, sequence: 9, qualityFlags: 0xff, bytes: frame(42) });
    expect(t.tag(frame(7), 5, 9).spacecraft).toBe('scid-7');
    expect(t.tag(frame(7), 5, 9).qualityFlags).toBe(QUALITY_UNKNOWN_SPACECRAFT);
    expect(t.tag(Uint8Array.of(1), 5, 9)).toMatchObject({ spacecraft: 'unknown', qualityFlags: QUALITY_UNEXPECTED_LENGTH | QUALITY_UNKNOWN_SPACECRAFT });
  });

  it('keeps a tagged link\'s spacecraft and flags frames of another SCID', () => {
    const t = new FrameTagger({ name: 'L', station: 'S', spacecraft: 'ZEN-T', spacecraftIds: new Map([[42, 'ZEN-T']]) });
    expect(t.tag(frame(42), 0, 0).qualityFlags).toBe(0);
    expect(t.tag(frame(43), 0, 0)).toMatchObject({ spacecraft: 'ZEN-T', qualityFlags: QUALITY_SCID_MISMATCH });
    // Without a SCID table nothing can be checked.
    expect(new FrameTagger({ name: 'L', station: 'S', spacecraft: 'X' }).tag(frame(43), 0, 0).qualityFlags).toBe(0);
  });
});
