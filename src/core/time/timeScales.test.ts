import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEAP_SECONDS,
  leapSecondStartTaiMs,
  taiToTtMs,
  taiToUtcMs,
  ttToTaiMs,
  ttToUtcMs,
  utcToTaiMs,
  utcToTtMs,
} from './index.ts';

const NEW_YEAR_2017 = Date.UTC(2017, 0, 1);
const TAI_AT_NEW_YEAR_2017 = NEW_YEAR_2017 + 37_000;
const anyUtcMs = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('UTC <-> TAI across the 2016-12-31 leap second', () => {
  it('counts two SI seconds from 23:59:59 to 00:00:00', () => {
    expect(utcToTaiMs(NEW_YEAR_2017) - utcToTaiMs(NEW_YEAR_2017 - 1000)).toBe(2000);
    expect(utcToTaiMs(NEW_YEAR_2017 - 1)).toBe(NEW_YEAR_2017 - 1 + 36_000);
    expect(utcToTaiMs(NEW_YEAR_2017)).toBe(TAI_AT_NEW_YEAR_2017);
  });

  it('maps TAI back exactly on both sides and folds the leap second onto the next midnight', () => {
    expect(taiToUtcMs(TAI_AT_NEW_YEAR_2017 - 1001)).toBe(NEW_YEAR_2017 - 1); // 23:59:59.999
    expect(taiToUtcMs(TAI_AT_NEW_YEAR_2017 - 1000)).toBe(NEW_YEAR_2017); // 23:59:60.000
    expect(taiToUtcMs(TAI_AT_NEW_YEAR_2017 - 1)).toBe(NEW_YEAR_2017); // 23:59:60.999
    expect(taiToUtcMs(TAI_AT_NEW_YEAR_2017)).toBe(NEW_YEAR_2017);
    expect(taiToUtcMs(TAI_AT_NEW_YEAR_2017 + 1)).toBe(NEW_YEAR_2017 + 1);
    expect(leapSecondStartTaiMs(TAI_AT_NEW_YEAR_2017 - 1001)).toBeUndefined();
    expect(leapSecondStartTaiMs(TAI_AT_NEW_YEAR_2017 - 500)).toBe(TAI_AT_NEW_YEAR_2017 - 1000);
    expect(leapSecondStartTaiMs(TAI_AT_NEW_YEAR_2017)).toBeUndefined();
  });

  it('round-trips UTC -> TAI -> UTC exactly for every millisecond (property)', () => {
    fc.assert(fc.property(anyUtcMs, (u) => taiToUtcMs(utcToTaiMs(u)) === u), { numRuns: 5000 });
  });

  it('round-trips around every leap second of the table', () => {
    for (const e of LEAP_SECONDS) {
      for (let d = -2500; d <= 2500; d += 250) expect(taiToUtcMs(utcToTaiMs(e.utcMs + d))).toBe(e.utcMs + d);
    }
  });

  it('round-trips TAI -> UTC -> TAI except inside a leap second, and never runs backwards (property)', () => {
    const anyTai = fc.oneof(
      anyUtcMs,
      fc.integer({ min: -3000, max: 3000 }).map((d) => TAI_AT_NEW_YEAR_2017 + d),
    );
    fc.assert(
      fc.property(anyTai, fc.integer({ min: 0, max: 5000 }), (t, dt) => {
        const back = utcToTaiMs(taiToUtcMs(t));
        const inLeap = leapSecondStartTaiMs(t);
        const ok = inLeap === undefined ? back === t : back === inLeap + 1000;
        return ok && taiToUtcMs(t + dt) >= taiToUtcMs(t);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('TT', () => {
  it('is TAI + 32.184 s', () => {
    const u = Date.UTC(2026, 5, 1, 12);
    expect(utcToTtMs(u) - u).toBe(69_184);
    expect(taiToTtMs(1000)).toBe(33_184);
    expect(ttToTaiMs(33_184)).toBe(1000);
    expect(ttToUtcMs(utcToTtMs(u))).toBe(u);
    // 1992 April (TAI−UTC = 26 s): TT−UTC = 58.184 s, the figure Meeus uses in example 47.a.
    expect(utcToTtMs(Date.UTC(1992, 3, 12)) - Date.UTC(1992, 3, 12)).toBe(58_184);
  });

  it('agrees with Skyfield on TAI and TT for times around leap seconds', () => {
    const cases = [
      [2016, 12, 31, 23, 59, 59.5],
      [2016, 12, 31, 23, 59, 60.25],
      [2017, 1, 1, 0, 0, 0.75],
      [2012, 6, 30, 23, 59, 60.5],
      [1985, 7, 1, 0, 0, 0],
      [2026, 11, 25, 21, 18, 5.123],
    ];
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import json,sys\nfrom skyfield.api import load\nts=load.timescale(builtin=True)\n' +
          'for c in json.load(sys.stdin):\n t=ts.utc(*c)\n print(repr((t.tai-2440587.5)*86400000), repr((t.tt-2440587.5)*86400000))',
      ],
      { encoding: 'utf8', input: JSON.stringify(cases) },
    );
    expect(py.status, py.stderr).toBe(0);
    const rows = py.stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
    cases.forEach(([y, mo, d, h, mi, s], i) => {
      const sec = s!;
      const leap = sec >= 60;
      const base = Date.UTC(y!, mo! - 1, d, h, mi, leap ? 59 : 0) + (leap ? 0 : sec * 1000);
      const tai = utcToTaiMs(base) + (leap ? (sec - 59) * 1000 : 0);
      // Skyfield's float JD holds ~20 µs at these dates.
      expect(Math.abs(tai - rows[i]![0]!)).toBeLessThan(0.05);
      expect(Math.abs(taiToTtMs(tai) - rows[i]![1]!)).toBeLessThan(0.05);
    });
  });
});
