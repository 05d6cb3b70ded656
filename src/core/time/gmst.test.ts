import fc from 'fast-check';
import { gstime } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { gmstRad } from './index.ts';

const DEG = Math.PI / 180;

describe('gmstRad (IAU 1982)', () => {
  it('reproduces Vallado example 3-5: 1992-08-20 12:14 UT1 -> 152.578787810 deg', () => {
    const g = gmstRad(Date.UTC(1992, 7, 20, 12, 14)) / DEG;
    // Vallado prints 152.578787810; the formula evaluated in exact rational arithmetic
    // (Python fractions) gives 152.57878785165747, which we hold to 1e-10 deg.
    expect(Math.abs(g - 152.57878781)).toBeLessThan(1e-7);
    expect(Math.abs(g - 152.57878785165747)).toBeLessThan(1e-10);
  });

  it('reproduces Meeus examples 12.a and 12.b (1987-04-10)', () => {
    // 12.a: 0h UT -> 13h10m46.3668s; 12.b: 19:21:00 UT -> 128.7378734 deg.
    const hms = (13 + 10 / 60 + 46.3668 / 3600) * 15;
    expect(gmstRad(Date.UTC(1987, 3, 10)) / DEG).toBeCloseTo(hms, 6);
    expect(gmstRad(Date.UTC(1987, 3, 10, 19, 21)) / DEG).toBeCloseTo(128.7378734, 6);
  });

  it('matches satellite.js gstime to 5e-9 rad (its single-float JD) over 1970-2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        let d = gmstRad(ms) - gstime(new Date(ms));
        d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
        return Math.abs(d) < 5e-9;
      }),
      { numRuns: 2000 },
    );
  });

  it('stays in [0, 2pi) and advances one sidereal turn per sidereal day', () => {
    const t = Date.UTC(2026, 0, 1);
    const siderealDayMs = 86_164_090.5;
    const a = gmstRad(t);
    const b = gmstRad(t + siderealDayMs);
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
    for (const ms of [-1e12, 0, 1e12, 4e12]) {
      const g = gmstRad(ms);
      expect(g).toBeGreaterThanOrEqual(0);
      expect(g).toBeLessThan(2 * Math.PI);
    }
  });
});
