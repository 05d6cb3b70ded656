import fc from 'fast-check';
import { jday, sunPos } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../math/index.ts';
import { moonPositionEci, sunPositionEci } from './index.ts';

const DEG = Math.PI / 180;
const ARCSEC = DEG / 3600;
const AU_KM = 149_597_870.7;

/** Right ascension and declination (rad) of a TEME vector, turned to the true equinox of date. */
function raDecOfDate(v: Vec3, eqEquinoxRad: number): { ra: number; dec: number; distance: number } {
  const distance = Math.hypot(v.x, v.y, v.z);
  let ra = Math.atan2(v.y, v.x) + eqEquinoxRad;
  if (ra < 0) ra += 2 * Math.PI;
  return { ra, dec: Math.asin(v.z / distance), distance };
}

/** TT (given as a calendar instant) → UTC ms, with the TT−UTC of that date. */
function ttToUtc(ttMs: number, ttMinusUtcS: number): number {
  return ttMs - ttMinusUtcS * 1000;
}

describe('sunPositionEci', () => {
  it('reproduces Meeus example 25.b (1992-10-13 0h TD, VSOP87): apparent RA/Dec and distance', () => {
    // TT−UTC = 26 + 32.184 s in 1992 October. Meeus: α = 13h13m30.749s, δ = −7°47′01.74″,
    // R = 0.99760775 AU; nutation in longitude Δψ = +15.908″, obliquity ε = 23.4401443°.
    const sun = sunPositionEci(ttToUtc(Date.UTC(1992, 9, 13), 58.184));
    const ee = 15.908 * ARCSEC * Math.cos(23.440_144_3 * DEG);
    const { ra, dec, distance } = raDecOfDate(sun, ee);
    const alpha = (13 + 13 / 60 + 30.749 / 3600) * 15 * DEG;
    const delta = -(7 + 47 / 60 + 1.74 / 3600) * DEG;
    expect(Math.abs(ra - alpha) * Math.cos(dec)).toBeLessThan(1 * ARCSEC);
    expect(Math.abs(dec - delta)).toBeLessThan(1 * ARCSEC);
    // The distance is that of the apparent Sun (light time) from astronomy-engine's truncated
    // VSOP87: 4.5e-6 AU from Meeus's full series, which moves the Sun's disc by 0.004″.
    expect(Math.abs(distance / AU_KM - 0.997_607_75)).toBeLessThan(1e-5);
  });

  it("agrees with satellite.js sunPos (Vallado's low-precision Sun, 0.01 deg) over 1990-2050", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2050, 0, 1) }), (ms) => {
        const ours = sunPositionEci(ms);
        const { rsun } = sunPos(jday(new Date(ms)));
        const cos = (ours.x * rsun.x + ours.y * rsun.y + ours.z * rsun.z) / (Math.hypot(ours.x, ours.y, ours.z) * Math.hypot(rsun.x, rsun.y, rsun.z));
        const angle = Math.acos(Math.min(1, cos));
        return angle < 0.012 * DEG && Math.abs(Math.hypot(ours.x, ours.y, ours.z) / AU_KM - Math.hypot(rsun.x, rsun.y, rsun.z)) < 2e-4;
      }),
      { numRuns: 300 },
    );
  });
});

describe('moonPositionEci', () => {
  it('reproduces Meeus example 47.a (1992-04-12 0h TD): RA/Dec of date and distance', () => {
    // Meeus: α = 134.688470°, δ = +13.768368°, Δ = 368409.7 km; Δψ = +0.004610°,
    // ε = 23.440636°. His truncated ELP-2000/82 series is good to ~10″ in longitude, 4″ in latitude.
    const moon = moonPositionEci(ttToUtc(Date.UTC(1992, 3, 12), 58.184));
    const ee = 0.004_61 * DEG * Math.cos(23.440_636 * DEG);
    const { ra, dec, distance } = raDecOfDate(moon, ee);
    expect(Math.abs(ra - 134.688_47 * DEG) * Math.cos(dec)).toBeLessThan(10 * ARCSEC);
    expect(Math.abs(dec - 13.768_368 * DEG)).toBeLessThan(5 * ARCSEC);
    // astronomy-engine's lunar theory (Montenbruck & Pfleger) gives 368394.9 km: 15 km short.
    expect(Math.abs(distance - 368_409.7)).toBeLessThan(20);
  });

  it('stays between perigee and apogee', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2026, 2, 1); ms += 86_400_000 / 3) {
      const m = moonPositionEci(ms);
      const d = Math.hypot(m.x, m.y, m.z);
      expect(d).toBeGreaterThan(356_000);
      expect(d).toBeLessThan(407_000);
    }
  });
});
