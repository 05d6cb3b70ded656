// Propagator against satellite.js's own TLE path (twoline2satrec + sgp4), its error reporting, and
// the promise that no element set, however wild, makes it return NaN.
import fc from 'fast-check';
import { sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { PropagationError } from './PropagationError.ts';
import { Propagator } from './Propagator.ts';

/** ms of UTC for a TLE epoch `yyddd.dddddddd` (worked out by hand, not through any parser). */
function tleEpochMs(year: number, dayOfYear: number): number {
  return Date.UTC(year, 0, 1) + (dayOfYear - 1) * 86_400_000;
}

// Vallado's case 00005 (SGP4-VER.TLE), near-earth, eccentric.
const L1_5 = '1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753';
const L2_5 = '2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667';
const ES_5: ElementSet = {
  name: undefined,
  internationalDesignator: '1958-002B',
  catalogId: 5,
  classification: 'U',
  epochMs: tleEpochMs(2000, 179.78495062),
  meanMotionRevPerDay: 10.82419157,
  eccentricity: 0.1859667,
  inclinationDeg: 34.2682,
  raanDeg: 348.7242,
  argOfPericenterDeg: 331.7664,
  meanAnomalyDeg: 19.3264,
  bstar: 0.28098e-4,
  meanMotionDot: 0.00000023,
  meanMotionDdot: 0,
  ephemerisType: 0,
  elementSetNo: 475,
  revAtEpoch: 41366,
};

// Vallado's case 28626 (XM-3), geosynchronous deep-space resonance (SDP4).
const L1_GEO = '1 28626U 05008A   06176.46683397 -.00000205  00000-0  10000-3 0  2190';
const L2_GEO = '2 28626   0.0019 286.9433 0000335  13.7918  55.6504  1.00270176  4891';
const ES_GEO: ElementSet = {
  ...ES_5,
  internationalDesignator: '2005-008A',
  catalogId: 28626,
  epochMs: tleEpochMs(2006, 176.46683397),
  meanMotionRevPerDay: 1.00270176,
  eccentricity: 0.0000335,
  inclinationDeg: 0.0019,
  raanDeg: 286.9433,
  argOfPericenterDeg: 13.7918,
  meanAnomalyDeg: 55.6504,
  bstar: 0.1e-3,
  meanMotionDot: -0.00000205,
  revAtEpoch: 489,
};

// Vallado's case 28872 (MINOTAUR R/B): decays between 50 and 55 minutes after epoch.
const ES_DECAY: ElementSet = {
  ...ES_5,
  catalogId: 28872,
  epochMs: tleEpochMs(2005, 333.02012661),
  meanMotionRevPerDay: 16.46015938,
  eccentricity: 0.0303955,
  inclinationDeg: 96.4736,
  raanDeg: 157.9986,
  argOfPericenterDeg: 244.0492,
  meanAnomalyDeg: 110.6523,
  bstar: 0.24476e-3,
  meanMotionDot: 0.25992681,
};

function distance(a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

describe('Propagator', () => {
  it.each([
    ['near-earth 00005', ES_5, L1_5, L2_5, 'near-earth'],
    ['deep-space 28626', ES_GEO, L1_GEO, L2_GEO, 'deep-space'],
  ] as const)('matches satellite.js twoline2satrec for %s within 1 mm', (_label, es, l1, l2, method) => {
    const ours = Propagator.fromElements(es);
    expect(ours.method).toBe(method);
    const reference = twoline2satrec(l1, l2);
    for (const t of [-1440, -90, 0, 0.5, 360, 1440, 4320]) {
      const mine = ours.propagateMinutes(t);
      const theirs = sgp4(reference, t);
      if (!mine.ok || theirs === null) throw new Error(`no state at ${t}`);
      expect(distance(mine.position, theirs.position)).toBeLessThan(1e-6);
      expect(distance(mine.velocity, theirs.velocity)).toBeLessThan(1e-6);
    }
  });

  it('propagateAt counts minutes from the element epoch, sub-millisecond part included', () => {
    const p = Propagator.fromElements(ES_5);
    const at = p.propagateAt(ES_5.epochMs + 90.25 * 60_000);
    const byMinutes = p.propagateMinutes(90.25);
    expect(at).toEqual(byMinutes);
    expect(p.minutesSinceEpoch(ES_5.epochMs - 30_000)).toBeCloseTo(-0.5, 12);
  });

  it('reports decay as SGP4_DECAYED (Vallado error 6) at the first time below the surface', () => {
    const p = Propagator.fromElements(ES_DECAY);
    const before = p.propagateMinutes(50);
    expect(before.ok).toBe(true);
    const after = p.propagateMinutes(55);
    expect(after.ok).toBe(false);
    if (after.ok) return;
    expect(after.error).toBeInstanceOf(PropagationError);
    expect(after.error.code).toBe('SGP4_DECAYED');
    expect(after.error.sgp4Code).toBe(6);
    expect(after.error.catalogId).toBe(28872);
    expect(after.error.minutesSinceEpoch).toBe(55);
    // The record is reusable: an earlier time still propagates after the failure.
    expect(p.propagateMinutes(10).ok).toBe(true);
  });

  it('reports a hyperbolic element set as SGP4_ECCENTRICITY (Vallado error 1)', () => {
    const p = Propagator.fromElements({ ...ES_5, eccentricity: 1.2 });
    const r = p.propagateMinutes(0);
    expect(r.ok ? 'ok' : r.error.code).toBe('SGP4_ECCENTRICITY');
  });

  it('refuses non-finite times and element fields as programming errors', () => {
    const p = Propagator.fromElements(ES_5);
    expect(() => p.propagateMinutes(Number.NaN)).toThrow(RangeError);
    expect(() => p.propagateAt(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => Propagator.fromElements({ ...ES_5, bstar: Number.NaN })).toThrow(RangeError);
  });

  it('never returns a non-finite state, whatever the elements and time', () => {
    fc.assert(
      fc.property(
        fc.record({
          meanMotionRevPerDay: fc.double({ min: -1, max: 40, noNaN: true }),
          eccentricity: fc.double({ min: -0.1, max: 1.5, noNaN: true }),
          inclinationDeg: fc.double({ min: -10, max: 200, noNaN: true }),
          bstar: fc.double({ min: -1, max: 1, noNaN: true }),
        }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (fields, t) => {
          const p = Propagator.fromElements({ ...ES_5, ...fields });
          const r = p.propagateMinutes(t);
          if (r.ok) {
            const values = [r.position.x, r.position.y, r.position.z, r.velocity.x, r.velocity.y, r.velocity.z];
            return values.every(Number.isFinite);
          }
          return r.error instanceof PropagationError && r.error.minutesSinceEpoch === t;
        },
      ),
      { numRuns: 1000 },
    );
  });
});
