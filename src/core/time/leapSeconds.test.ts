import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  LEAP_SECONDS,
  LEAP_SECONDS_DATES,
  LEAP_SECONDS_EXPIRES_MS,
  leapTableExpired,
  leapTableWarning,
  minuteHasLeapSecond,
  taiMinusUtcSeconds,
} from './index.ts';

describe('leap-second table', () => {
  it('has NTP stamps that fall on the dates the list writes beside them', () => {
    expect(LEAP_SECONDS).toHaveLength(LEAP_SECONDS_DATES.length);
    LEAP_SECONDS.forEach((e, i) => {
      expect(new Date(e.utcMs).toISOString().slice(0, 10)).toBe(LEAP_SECONDS_DATES[i]);
    });
  });

  it('starts at 10 s on 1972-01-01, steps by one second each time, on 1 January or 1 July', () => {
    expect(LEAP_SECONDS[0]).toEqual({ utcMs: Date.UTC(1972, 0, 1), taiMinusUtcS: 10 });
    for (let i = 1; i < LEAP_SECONDS.length; i++) {
      expect(LEAP_SECONDS[i]!.taiMinusUtcS).toBe(LEAP_SECONDS[i - 1]!.taiMinusUtcS + 1);
      expect(LEAP_SECONDS_DATES[i]).toMatch(/-(01|07)-01$/);
    }
    expect(LEAP_SECONDS.at(-1)).toEqual({ utcMs: Date.UTC(2017, 0, 1), taiMinusUtcS: 37 });
  });

  it('matches the leap-second table Skyfield ships (independent copy)', () => {
    const py = spawnSync(
      '/usr/bin/python3',
      ['-c', 'from skyfield.api import load\nts=load.timescale(builtin=True)\nprint(list(ts.leap_dates), list(ts.leap_offsets))'],
      { encoding: 'utf8' },
    );
    expect(py.status, py.stderr).toBe(0);
    const [dates, offsets] = py.stdout
      .trim()
      .split('] [')
      .map((s) => s.replace(/[[\]]/g, '').split(',').map(Number)) as [number[], number[]];
    // Skyfield lists the steps only; its first is 1972-07-01 (11 s), after the initial 10 s.
    const steps = dates.map((jd, i) => ({ utcMs: Math.round((jd - 2440587.5) * 86_400_000), taiMinusUtcS: offsets[i]! }));
    expect(steps).toEqual(LEAP_SECONDS.slice(1));
  });

  it('gives TAI−UTC on either side of each step', () => {
    expect(taiMinusUtcSeconds(Date.UTC(2016, 11, 31, 23, 59, 59, 999))).toBe(36);
    expect(taiMinusUtcSeconds(Date.UTC(2017, 0, 1))).toBe(37);
    expect(taiMinusUtcSeconds(Date.UTC(1999, 0, 1) - 1)).toBe(31);
    expect(taiMinusUtcSeconds(Date.UTC(1999, 0, 1))).toBe(32);
    expect(taiMinusUtcSeconds(Date.UTC(2026, 5, 1))).toBe(37);
    // Before 1972 the first value is held (documented approximation).
    expect(taiMinusUtcSeconds(Date.UTC(1965, 0, 1))).toBe(10);
  });

  it('knows which minutes end with a 61st second', () => {
    expect(minuteHasLeapSecond(Date.UTC(2016, 11, 31, 23, 59))).toBe(true);
    expect(minuteHasLeapSecond(Date.UTC(2015, 5, 30, 23, 59))).toBe(true);
    expect(minuteHasLeapSecond(Date.UTC(2016, 11, 31, 23, 58))).toBe(false);
    expect(minuteHasLeapSecond(Date.UTC(2017, 5, 30, 23, 59))).toBe(false);
    expect(minuteHasLeapSecond(Date.UTC(1971, 11, 31, 23, 59))).toBe(false);
  });

  it('expires on 2027-06-28 and only then warns', () => {
    expect(new Date(LEAP_SECONDS_EXPIRES_MS).toISOString()).toBe('2027-06-28T00:00:00.000Z');
    const before = Date.UTC(2027, 5, 27, 23, 59, 59, 999);
    expect(leapTableExpired(before)).toBe(false);
    expect(leapTableWarning(before)).toBeUndefined();
    expect(leapTableExpired(LEAP_SECONDS_EXPIRES_MS)).toBe(true);
    expect(leapTableWarning(Date.UTC(2028, 0, 1))).toMatch(/expired on 2027-06-28.*update Zenith/);
  });
});
