import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaAngleFromSun, betaAngleRad, sunPositionEci } from './index.ts';

const DEG = Math.PI / 180;

/**
 * The textbook form: β = asin(cos Γ sin Ω sin i − sin Γ cos ε cos Ω sin i + sin Γ sin ε cos i), with
 * Γ the Sun's ecliptic longitude from the Astronomical Almanac's low-precision formulae (0.01°).
 */
function textbookBeta(utcMs: number, inclination: number, raan: number): number {
  const n = (utcMs - Date.UTC(2000, 0, 1, 12)) / 86_400_000;
  const meanLongitude = (280.46 + 0.985_647_4 * n) * DEG;
  const g = (357.528 + 0.985_600_3 * n) * DEG;
  const gamma = meanLongitude + (1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * DEG;
  const eps = (23.439 - 0.000_000_4 * n) * DEG;
  return Math.asin(
    Math.cos(gamma) * Math.sin(raan) * Math.sin(inclination) -
      Math.sin(gamma) * Math.cos(eps) * Math.cos(raan) * Math.sin(inclination) +
      Math.sin(gamma) * Math.sin(eps) * Math.cos(inclination),
  );
}

describe('betaAngleRad', () => {
  it('matches the textbook formula from inclination and node (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.double({ min: 0, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (ms, iDeg, raanDeg, uDeg) => {
          const i = iDeg * DEG;
          const raan = raanDeg * DEG;
          const u = uDeg * DEG;
          // A circular orbit of radius 7000 km at argument of latitude u, speed 7.5 km/s.
          const node = { x: Math.cos(raan), y: Math.sin(raan), z: 0 };
          const inPlane = { x: -Math.sin(raan) * Math.cos(i), y: Math.cos(raan) * Math.cos(i), z: Math.sin(i) };
          const r = { x: 7000 * (Math.cos(u) * node.x + Math.sin(u) * inPlane.x), y: 7000 * (Math.cos(u) * node.y + Math.sin(u) * inPlane.y), z: 7000 * Math.sin(u) * inPlane.z };
          const v = { x: 7.5 * (-Math.sin(u) * node.x + Math.cos(u) * inPlane.x), y: 7.5 * (-Math.sin(u) * node.y + Math.cos(u) * inPlane.y), z: 7.5 * Math.cos(u) * inPlane.z };
          return Math.abs(betaAngleRad(r, v, ms) - textbookBeta(ms, i, raan)) < 0.02 * DEG;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is +90° with the Sun along the orbit normal, −90° against it, 0 in the plane', () => {
    const r = { x: 7000, y: 0, z: 0 };
    const v = { x: 0, y: 7.5, z: 0 };
    expect(betaAngleFromSun(r, v, { x: 0, y: 0, z: 1.5e8 })).toBeCloseTo(Math.PI / 2, 12);
    expect(betaAngleFromSun(r, v, { x: 0, y: 0, z: -1.5e8 })).toBeCloseTo(-Math.PI / 2, 12);
    expect(betaAngleFromSun(r, v, { x: 1.5e8, y: 0, z: 0 })).toBe(0);
    expect(() => betaAngleFromSun(r, r, { x: 1, y: 0, z: 0 })).toThrow(RangeError);
  });

  it('gives an equatorial orbit at the solstice the obliquity', () => {
    const june = Date.UTC(2026, 5, 21, 8, 24);
    const beta = betaAngleRad({ x: 7000, y: 0, z: 0 }, { x: 0, y: 7.5, z: 0 }, june);
    expect(beta / DEG).toBeCloseTo(23.436, 2);
    const sun = sunPositionEci(june);
    expect(Math.hypot(sun.x, sun.y, sun.z)).toBeGreaterThan(1.5e8);
  });
});
