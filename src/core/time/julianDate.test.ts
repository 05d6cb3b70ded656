import { jday } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { julianDate, julianDateSplit, modifiedJulianDate, msFromModifiedJulianDate, ttDaysSinceJ2000 } from './index.ts';

describe('Julian dates', () => {
  it('matches worked values', () => {
    expect(julianDate(Date.UTC(2000, 0, 1, 12))).toBe(2_451_545.0);
    // Meeus, Astronomical Algorithms, example 7.a: 1957 October 4.81 = JD 2436116.31.
    expect(julianDate(Date.UTC(1957, 9, 4) + 0.81 * 86_400_000)).toBeCloseTo(2_436_116.31, 9);
    expect(modifiedJulianDate(Date.UTC(2017, 0, 1))).toBe(57_754);
    expect(msFromModifiedJulianDate(57_754.5)).toBe(Date.UTC(2017, 0, 1, 12));
  });

  it('agrees with satellite.js jday', () => {
    for (const ms of [Date.UTC(2004, 3, 6, 7, 51, 28, 386), Date.UTC(1980, 0, 1), Date.UTC(2026, 10, 25, 21, 18, 5, 5)]) {
      expect(julianDate(ms)).toBeCloseTo(jday(new Date(ms)), 8);
    }
  });

  it('splits without losing precision', () => {
    const ms = Date.UTC(2026, 5, 1, 18, 0, 0, 1);
    const { jd0, dayFraction } = julianDateSplit(ms);
    expect(jd0).toBe(2_461_192.5);
    expect(dayFraction).toBe((18 * 3_600_000 + 1) / 86_400_000);
    expect(julianDateSplit(-1).dayFraction).toBeGreaterThan(0.99);
  });

  it('counts TT days from J2000.0', () => {
    // 2000-01-01T11:58:55.816 UTC is J2000.0 (TT−UTC = 64.184 s then).
    expect(ttDaysSinceJ2000(Date.UTC(2000, 0, 1, 11, 58, 55, 816))).toBe(0);
  });
});
