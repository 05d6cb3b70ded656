// OEM KVN output (CCSDS 502.0-B-3 §5): header keywords, one metadata block per segment, data lines of
// epoch + six numbers, and epochs that keep the sub-millisecond part.
import { describe, expect, it } from 'vitest';
import { formatOemEpoch, formatOemHeader, formatOemSegment, type OemState } from './formatOemKvn.ts';

const T0 = Date.UTC(2000, 5, 27, 18, 50, 19, 733);

describe('formatOemKvn', () => {
  it('writes epochs as YYYY-MM-DDThh:mm:ss.ffffff, carrying a rounded microsecond into the millisecond', () => {
    expect(formatOemEpoch(T0 + 0.568)).toBe('2000-06-27T18:50:19.733568');
    expect(formatOemEpoch(T0)).toBe('2000-06-27T18:50:19.733000');
    expect(formatOemEpoch(T0 + 0.9999)).toBe('2000-06-27T18:50:19.734000');
    expect(formatOemEpoch(Date.UTC(2016, 11, 31, 23, 59, 59, 999) + 0.9996)).toBe('2017-01-01T00:00:00.000000');
  });

  it('writes the §5.2.2 header', () => {
    expect(formatOemHeader(Date.UTC(2026, 0, 2, 3, 4, 5, 6), 'ZENITH').split('\n')).toEqual([
      'CCSDS_OEM_VERS = 3.0',
      'CREATION_DATE = 2026-01-02T03:04:05.006000',
      'ORIGINATOR = ZENITH',
      '',
    ]);
  });

  it('writes one segment: metadata in §5.2.3 order, then one line per state', () => {
    const states: OemState[] = [
      { utcMs: T0, position: { x: 7022.46529266, y: -1400.08296755, z: 0.03995155 }, velocity: { x: 1.893841015, y: 6.405893759, z: 4.53480725 } },
      { utcMs: T0 + 60_000, position: { x: -1, y: 2, z: -3 }, velocity: { x: 0.5, y: -0.25, z: 0 } },
    ];
    const text = formatOemSegment({
      objectName: 'VANGUARD 1\nINJECTED = 1',
      objectId: '1958-002B',
      refFrame: 'ITRF',
      states,
      comments: ['NORAD_CAT_ID 5'],
    });
    expect(text.split('\n')).toEqual([
      '',
      'META_START',
      'COMMENT NORAD_CAT_ID 5',
      'OBJECT_NAME = VANGUARD 1 INJECTED = 1',
      'OBJECT_ID = 1958-002B',
      'CENTER_NAME = EARTH',
      'REF_FRAME = ITRF',
      'TIME_SYSTEM = UTC',
      'START_TIME = 2000-06-27T18:50:19.733000',
      'STOP_TIME = 2000-06-27T18:51:19.733000',
      'META_STOP',
      '',
      '2000-06-27T18:50:19.733000 7022.46529266 -1400.08296755 0.03995155 1.893841015 6.405893759 4.534807250',
      '2000-06-27T18:51:19.733000 -1.00000000 2.00000000 -3.00000000 0.500000000 -0.250000000 0.000000000',
      '',
    ]);
  });

  it('refuses a segment without states', () => {
    expect(() => formatOemSegment({ objectName: 'X', objectId: '1', refFrame: 'TEME', states: [] })).toThrow(RangeError);
  });
});
