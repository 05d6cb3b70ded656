import { describe, expect, it } from 'vitest';
import { absoluteTimeToUtcMs, utcMsToAbsoluteTime } from './absoluteTime.ts';
import type { AbsoluteTimeType, EpochName } from './model.ts';

function timeType(epoch: EpochName | number, scale = 1, offset = 0): AbsoluteTimeType {
  return {
    kind: 'absoluteTime',
    name: 't',
    qualifiedName: '/t',
    role: 'parameter',
    units: [],
    encoding: null,
    alarm: null,
    validRange: null,
    scale,
    offset,
    epoch,
    source: { file: 'x', line: 1, path: 't' },
  };
}

const DAY_S = 86_400;

describe('absolute times', () => {
  it('counts TAI seconds from 1958 and removes the 37 leap seconds of 2017', () => {
    // 1958-01-01 to 2017-01-01 is 21550 days; TAI - UTC = 37 s since 2017-01-01.
    expect(absoluteTimeToUtcMs(timeType('TAI'), 21_550 * DAY_S + 37)).toBe(Date.UTC(2017, 0, 1));
  });

  it('counts GPS seconds from 1980-01-06 with 18 leap seconds in 2017', () => {
    const days = (Date.UTC(2017, 0, 1) - Date.UTC(1980, 0, 6)) / 86_400_000;
    expect(absoluteTimeToUtcMs(timeType('GPS'), days * DAY_S + 18)).toBe(Date.UTC(2017, 0, 1));
  });

  it('applies scale and offset, and date epochs in UTC', () => {
    expect(absoluteTimeToUtcMs(timeType('UNIX', 0.001, 10), 5000)).toBe(15_000);
    expect(absoluteTimeToUtcMs(timeType(Date.UTC(2000, 0, 1)), 60)).toBe(Date.UTC(2000, 0, 1, 0, 1));
  });

  it('inverts the conversion for every epoch', () => {
    const t = Date.UTC(2024, 5, 30, 12, 34, 56, 789);
    for (const epoch of ['TAI', 'GPS', 'J2000', 'UNIX'] as const) {
      const type = timeType(epoch, 2, 1);
      const raw = utcMsToAbsoluteTime(type, t);
      expect(raw).not.toBeNull();
      expect(absoluteTimeToUtcMs(type, raw ?? 0)).toBeCloseTo(t, 3);
    }
  });
});
