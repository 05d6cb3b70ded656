import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { jday, propagate, shadowFraction, sunPos, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../math/index.ts';
import { SHADOW_EARTH_RADIUS_KM, SUN_RADIUS_KM, betaAngleRad, eclipse, eclipseFromSun, sunPositionEci } from './index.ts';
import type { EclipseState } from './index.ts';

const AU_KM = 149_597_870.7;
const SUN: Vec3 = { x: AU_KM, y: 0, z: 0 };

/**
 * Vallado's SHADOW algorithm (Fundamentals of Astrodynamics, algorithm 34), written from the cone
 * geometry: the umbra and penumbra are the cones tangent to both the Sun and the Earth.
 */
function valladoShadow(r: Vec3, sun: Vec3): { state: EclipseState; margin: number } {
  const sunDistance = Math.hypot(sun.x, sun.y, sun.z);
  const rNorm = Math.hypot(r.x, r.y, r.z);
  const dot = (r.x * sun.x + r.y * sun.y + r.z * sun.z) / sunDistance;
  if (dot >= 0) return { state: 'sunlit', margin: Infinity };
  const alongAxis = -dot; // distance behind the Earth along the anti-Sun axis
  const offAxis = Math.sqrt(Math.max(0, rNorm * rNorm - alongAxis * alongAxis));
  const alphaUmb = Math.asin((SUN_RADIUS_KM - SHADOW_EARTH_RADIUS_KM) / sunDistance);
  const alphaPen = Math.asin((SUN_RADIUS_KM + SHADOW_EARTH_RADIUS_KM) / sunDistance);
  // Cone radii at this distance, measured perpendicular to the axis (Vallado's penvert/umbvert).
  const penVert = Math.tan(alphaPen) * (SHADOW_EARTH_RADIUS_KM / Math.sin(alphaPen) + alongAxis);
  const umbVert = Math.tan(alphaUmb) * (SHADOW_EARTH_RADIUS_KM / Math.sin(alphaUmb) - alongAxis);
  if (offAxis > penVert) return { state: 'sunlit', margin: offAxis - penVert };
  if (offAxis > umbVert) return { state: 'penumbra', margin: Math.min(penVert - offAxis, offAxis - umbVert) };
  return { state: 'umbra', margin: umbVert - offAxis };
}

describe('eclipseFromSun (conical shadow)', () => {
  it('is lit on the day side, dark straight behind the Earth', () => {
    expect(eclipseFromSun({ x: 7000, y: 0, z: 0 }, SUN)).toEqual({ state: 'sunlit', sunlitFraction: 1 });
    expect(eclipseFromSun({ x: -7000, y: 0, z: 0 }, SUN)).toEqual({ state: 'umbra', sunlitFraction: 0 });
    expect(eclipseFromSun({ x: -42_164, y: 0, z: 0 }, SUN).state).toBe('umbra');
    expect(eclipseFromSun({ x: 0, y: 7000, z: 0 }, SUN).state).toBe('sunlit');
    // Inside the Earth (a decayed object): no sunlight, never NaN.
    expect(eclipseFromSun({ x: 0, y: 0, z: 0 }, SUN)).toEqual({ state: 'umbra', sunlitFraction: 0 });
  });

  it('sees half the Sun when the Sun centre sits on the Earth limb', () => {
    // Behind the Earth at 7000 km from its centre, offset so that the Earth's limb crosses the Sun's centre.
    const r = 7000;
    let lo = 0;
    let hi = r;
    for (let i = 0; i < 200; i++) {
      const y = (lo + hi) / 2;
      const pos = { x: -Math.sqrt(r * r - y * y), y, z: 0 };
      const toSun = { x: SUN.x - pos.x, y: -pos.y, z: 0 };
      const sep = Math.acos((toSun.x * -pos.x + toSun.y * -pos.y) / (Math.hypot(toSun.x, toSun.y) * r));
      if (sep < Math.asin(SHADOW_EARTH_RADIUS_KM / r)) lo = y;
      else hi = y;
    }
    const e = eclipseFromSun({ x: -Math.sqrt(r * r - lo * lo), y: lo, z: 0 }, SUN);
    expect(e.state).toBe('penumbra');
    expect(e.sunlitFraction).toBeCloseTo(0.5, 2);
  });

  it("classifies every point as Vallado's cone geometry does (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 400_000, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (behind, k, phi) => {
        // Points behind the Earth, within ±1000 km of its limb radius off the axis.
        const off = SHADOW_EARTH_RADIUS_KM + 1000 * k;
        const r = { x: -behind, y: off * Math.cos(phi), z: off * Math.sin(phi) };
        if (Math.hypot(r.x, r.y, r.z) <= SHADOW_EARTH_RADIUS_KM + 1) return true;
        const ref = valladoShadow(r, SUN);
        if (ref.margin < 1e-6) return true; // on a boundary to a millimetre: either answer is right
        return eclipseFromSun(r, SUN).state === ref.state;
      }),
      { numRuns: 20_000 },
    );
  });

  it('matches satellite.js shadowFraction given the same Sun (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 6600, max: 50_000, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (r, yk, zk) => {
        const pos = { x: -r, y: r * yk, z: r * zk * 0.2 };
        const sun = { x: AU_KM * 0.99, y: AU_KM * 0.05, z: AU_KM * 0.02 };
        const ours = eclipseFromSun(pos, sun);
        // satellite.js takes the Sun's direction from the Earth's centre, ignoring its parallax
        // (up to 6% of the Sun's radius at GEO), so it is given the satellite-to-Sun vector; its
        // Earth radius is 6378.135 km (WGS-72); it returns the fraction of the disc covered.
        const fromSat = { x: (sun.x - pos.x) / AU_KM, y: (sun.y - pos.y) / AU_KM, z: (sun.z - pos.z) / AU_KM };
        const theirs = shadowFraction(fromSat, pos);
        return Math.abs(1 - ours.sunlitFraction - theirs) < 3e-4;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('eclipse over a real orbit', () => {
  const lines = readFileSync(resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt'), 'utf8').split(/\r?\n/);
  const at = lines.indexOf('0 ISS (ZARYA)');
  const satrec = twoline2satrec(lines[at + 1]!, lines[at + 2]!);
  const start = Math.round((satrec.jdsatepoch - 2_440_587.5) * 86_400_000);

  /** Times (ms) at which the state changes, by 1 s steps over eight hours. */
  function transitions(state: (r: Vec3, ms: number) => string): { ms: number; to: string }[] {
    const out: { ms: number; to: string }[] = [];
    let previous = '';
    for (let ms = start; ms < start + 8 * 3_600_000; ms += 1000) {
      const pv = propagate(satrec, new Date(ms));
      if (pv === null) throw new Error('propagation failed');
      const s = state(pv.position, ms);
      if (previous !== '' && s !== previous) out.push({ ms, to: s });
      previous = s;
    }
    return out;
  }

  it('enters and leaves the shadow within 1 s of satellite.js (its own 0.01 deg Sun)', () => {
    const ours = transitions((r, ms) => eclipse(r, ms).state);
    const theirs = transitions((r, ms) => {
      const f = shadowFraction(sunPos(jday(new Date(ms))).rsun, r);
      return f >= 1 ? 'umbra' : f > 0 ? 'penumbra' : 'sunlit';
    });
    expect(ours.length).toBeGreaterThan(18); // ~5 orbits × 4 transitions
    expect(ours.map((t) => t.to)).toEqual(theirs.map((t) => t.to));
    ours.forEach((t, i) => {
      expect(Math.abs(t.ms - theirs[i]!.ms)).toBeLessThanOrEqual(1000);
    });
  });

  it('lasts as long as the circular-orbit formula with the beta angle says', () => {
    // Time in shadow per orbit of a circular orbit (cylindrical shadow, to the middle of the
    // penumbra): T/π · acos( sqrt(h² + 2Rh) / ((R + h) cos β) ).
    let ms = start;
    const state = (t: number): EclipseState => {
      const pv = propagate(satrec, new Date(t));
      if (pv === null) throw new Error('propagation failed');
      return eclipse(pv.position, t).state;
    };
    while (state(ms) !== 'sunlit') ms += 1000;
    while (state(ms) === 'sunlit') ms += 1000;
    const entry = ms;
    let dark = 0;
    while (state(ms) !== 'sunlit') {
      const s = state(ms);
      dark += s === 'umbra' ? 1000 : 500;
      ms += 1000;
    }
    const pv = propagate(satrec, new Date(entry));
    if (pv === null) throw new Error('propagation failed');
    const r = Math.hypot(pv.position.x, pv.position.y, pv.position.z);
    const h = r - SHADOW_EARTH_RADIUS_KM;
    const beta = betaAngleRad(pv.position, pv.velocity, entry);
    const periodMs = (2 * Math.PI * 60_000) / satrec.no;
    const predicted = (periodMs / Math.PI) * Math.acos(Math.sqrt(h * h + 2 * SHADOW_EARTH_RADIUS_KM * h) / (r * Math.cos(beta)));
    // The orbit is not quite circular (±10 km) and the Earth is not a cylinder's worth of shadow.
    expect(Math.abs(dark - predicted)).toBeLessThan(20_000);
    expect(sunPositionEci(entry).x).not.toBe(0);
  });
});
