// reEpoch against SGP4 propagation of the original set (the orbit must be the same around the new
// epoch), the mean-element round trip through satellite.js's initialisation, and the longitude slot
// of every geosynchronous object of the CelesTrak GEO snapshot.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sgp4 } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { itrfToGeodetic, temeToItrf } from '../frames/index.ts';
import type { ElementSet } from './ElementSet.ts';
import { elementSetToSatrec } from './elementSetToSatrec.ts';
import { parseElements } from './parseElements.ts';
import { Propagator } from './Propagator.ts';
import { isGeosynchronous, kozaiMeanMotion, reEpoch } from './reEpoch.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DEG = Math.PI / 180;

function read(path: string): ElementSet[] {
  return parseElements(readFileSync(resolve(path), 'utf8')).elements;
}
const payloads = read('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const catalog2022 = read('../shared/data/tle/spacetrack-full-catalog-2022-07/3le.txt');
const geo = read('../shared/data/tle/celestrak-geo-2026-05/geo.tle');
const fleet = read('missions/demo/fleet.tle');

function distanceKm(a: Propagator, b: Propagator, atMs: number): number {
  const pa = a.propagateAt(atMs);
  const pb = b.propagateAt(atMs);
  if (!pa.ok || !pb.ok) throw new Error(`propagation failed at ${new Date(atMs).toISOString()}`);
  return Math.hypot(pa.position.x - pb.position.x, pa.position.y - pb.position.y, pa.position.z - pb.position.z);
}

/**
 * The largest distance between SGP4 of the original and of its re-epoched set, over one revolution
 * either side of the new epoch and over the day after it (5-minute steps).
 */
function disagreement(es: ElementSet, days: number): { revolutionKm: number; dayKm: number } {
  const newEpochMs = es.epochMs + days * DAY_MS;
  const result = reEpoch(es, newEpochMs);
  if (!result.ok) throw result.error;
  expect(result.elements.epochMs).toBe(newEpochMs);
  const original = Propagator.fromElements(es);
  const moved = Propagator.fromElements(result.elements);
  const periodMin = 1440 / es.meanMotionRevPerDay;
  let revolutionKm = 0;
  let dayKm = 0;
  for (let m = -periodMin; m <= 1440; m += 5) {
    const d = distanceKm(original, moved, newEpochMs + m * MINUTE_MS);
    if (Math.abs(m) <= periodMin) revolutionKm = Math.max(revolutionKm, d);
    dayKm = Math.max(dayKm, d);
  }
  return { revolutionKm, dayKm };
}

function worst(sets: readonly ElementSet[], days: number): { revolutionKm: number; dayKm: number } {
  let revolutionKm = 0;
  let dayKm = 0;
  for (const es of sets) {
    const d = disagreement(es, days);
    revolutionKm = Math.max(revolutionKm, d.revolutionKm);
    dayKm = Math.max(dayKm, d.dayKm);
  }
  return { revolutionKm, dayKm };
}

/** Every `step`-th set of those that pass the filter. */
function sample(sets: readonly ElementSet[], step: number, keep: (es: ElementSet) => boolean): ElementSet[] {
  return sets.filter(keep).filter((_, i) => i % step === 0);
}

/** Sub-satellite longitude (deg) of SGP4 at `atMs`, and its circular mean over the day from `atMs`. */
function longitudeDeg(p: Propagator, atMs: number): number {
  const s = p.propagateAt(atMs);
  if (!s.ok) throw s.error;
  return itrfToGeodetic(temeToItrf(s.position, s.velocity, atMs).position).longitudeRad / DEG;
}
function dayMeanLongitudeDeg(p: Propagator, fromMs: number): number {
  let x = 0;
  let y = 0;
  for (let k = 0; k < 96; k++) {
    const lon = longitudeDeg(p, fromMs + k * 15 * MINUTE_MS) * DEG;
    x += Math.cos(lon);
    y += Math.sin(lon);
  }
  return Math.atan2(y, x) / DEG;
}
function angleGapDeg(a: number, b: number): number {
  return Math.abs((((a - b) % 360) + 540) % 360 - 180);
}

const nearEarth = (es: ElementSet): boolean => es.meanMotionRevPerDay > 6.4 && Math.abs(es.bstar) <= 2e-4;

describe('reEpoch of near-earth orbits (SGP4 mean elements)', () => {
  it('gives the orbit SGP4 propagates from the original, within 0.05 km over a revolution 3 days on', () => {
    const sets = sample(payloads, 60, nearEarth);
    expect(sets.length).toBeGreaterThan(100);
    const w = worst(sets, 3);
    expect(w.revolutionKm).toBeLessThan(0.05);
    expect(w.dayKm).toBeLessThan(0.5);
  });

  it('and within 0.5 km over a revolution, 5 km over a day, 30 days on (2026 and 2022 catalogs, |B*| <= 2e-4)', () => {
    const w = worst([...sample(payloads, 80, nearEarth), ...sample(catalog2022, 80, nearEarth)], 30);
    expect(w.revolutionKm).toBeLessThan(0.5);
    expect(w.dayKm).toBeLessThan(5);
  });

  it('keeps the demo fleet LEO orbits within 1 km over a day even half a year on', () => {
    for (const es of fleet.filter((e) => !isGeosynchronous(e))) {
      const w = disagreement(es, 170);
      expect(w.dayKm, es.name).toBeLessThan(1);
    }
  });

  it('hands back the very mean elements SGP4 had at the new epoch (Kozai mean motion recovered)', () => {
    for (const es of [...sample(payloads, 400, nearEarth), ...fleet.filter((e) => !isGeosynchronous(e))]) {
      const minutes = 45 * 1440;
      const before = sgp4(elementSetToSatrec(es), minutes);
      const result = reEpoch(es, es.epochMs + minutes * MINUTE_MS);
      if (before === null || !result.ok) throw new Error(`${es.name} cannot be propagated`);
      const after = sgp4(elementSetToSatrec(result.elements), 0);
      if (after === null) throw new Error(`${es.name}: the new set cannot be propagated`);
      const a = before.meanElements;
      const b = after.meanElements;
      expect(Math.abs(b.nm - a.nm) / a.nm).toBeLessThan(1e-12);
      expect(Math.abs(b.em - a.em)).toBeLessThan(1e-12);
      expect(Math.abs(b.im - a.im)).toBeLessThan(1e-12);
      for (const [x, y] of [[a.Om, b.Om], [a.om, b.om], [a.mm, b.mm]] as const) {
        expect(angleGapDeg(x / DEG, y / DEG)).toBeLessThan(1e-9);
      }
      // The drag terms are the original's.
      expect(result.elements.bstar).toBe(es.bstar);
      expect(result.elements.meanMotionDot).toBe(es.meanMotionDot);
    }
  });

  it('inverts the recovery of the original mean motion that sgp4init does', () => {
    for (const es of sample(payloads, 500, () => true)) {
      const satrec = elementSetToSatrec(es);
      const kozai = (es.meanMotionRevPerDay * 2 * Math.PI) / 1440;
      expect(Math.abs(kozaiMeanMotion(satrec.no, es.eccentricity, es.inclinationDeg * DEG) - kozai) / kozai).toBeLessThan(1e-13);
    }
  });

  it('counts the revolutions flown and keeps what names the object', () => {
    const [eo] = fleet;
    if (eo === undefined) throw new Error('no fleet');
    const result = reEpoch(eo, eo.epochMs + 10 * DAY_MS);
    if (!result.ok) throw result.error;
    const e = result.elements;
    // 14.308 rev/day for 10 days: 143 revolutions.
    expect(e.revAtEpoch).toBe(eo.revAtEpoch + 143);
    expect([e.catalogId, e.name, e.internationalDesignator, e.classification]).toEqual([eo.catalogId, eo.name, eo.internationalDesignator, eo.classification]);
    expect(e.source).toBeUndefined();
    expect(result.method).toBe('mean-elements');
  });
});

describe('reEpoch of deep-space orbits', () => {
  it('follows SDP4 of the original within 100 km 30 days on (12-h resonant and eccentric orbits of 2022)', () => {
    const deep = sample(catalog2022, 20, (es) => es.meanMotionRevPerDay > 1.1 && es.meanMotionRevPerDay < 6.4 && Math.abs(es.bstar) <= 2e-4);
    expect(deep.length).toBeGreaterThan(50);
    const w = worst(deep, 30);
    expect(w.revolutionKm).toBeLessThan(100);
  });

  it('keeps every geosynchronous object in its longitude slot: the day-mean longitude within 0.1 deg, 170 days on', () => {
    const sets = geo.filter((_, i) => i % 3 === 0);
    for (const es of sets) {
      expect(isGeosynchronous(es), es.name).toBe(true);
      const result = reEpoch(es, es.epochMs + 170 * DAY_MS);
      if (!result.ok) throw result.error;
      expect(result.method).toBe('longitude-slot');
      const e = result.elements;
      expect([e.meanMotionRevPerDay, e.eccentricity, e.inclinationDeg, e.raanDeg, e.argOfPericenterDeg]).toEqual([
        es.meanMotionRevPerDay, es.eccentricity, es.inclinationDeg, es.raanDeg, es.argOfPericenterDeg,
      ]);
      const before = dayMeanLongitudeDeg(Propagator.fromElements(es), es.epochMs);
      const after = dayMeanLongitudeDeg(Propagator.fromElements(e), e.epochMs);
      expect(angleGapDeg(before, after), es.name).toBeLessThan(0.1);
    }
  });

  it('keeps BELINTERSAT-1 (the demo GEO) at 51.5 E, where SDP4 alone lets it drift by degrees', () => {
    const belintersat = geo.find((es) => es.catalogId === 41238);
    if (belintersat === undefined) throw new Error('BELINTERSAT-1 is not in the snapshot');
    const newEpochMs = belintersat.epochMs + 170 * DAY_MS;
    const result = reEpoch(belintersat, newEpochMs);
    if (!result.ok) throw result.error;
    const original = Propagator.fromElements(belintersat);
    const moved = Propagator.fromElements(result.elements);
    expect(longitudeDeg(original, belintersat.epochMs)).toBeCloseTo(51.5, 0);
    expect(angleGapDeg(longitudeDeg(moved, newEpochMs), longitudeDeg(original, belintersat.epochMs))).toBeLessThan(0.2);
    // Unkept, the triaxiality resonance pulls it towards 75 E.
    expect(angleGapDeg(longitudeDeg(original, newEpochMs), longitudeDeg(original, belintersat.epochMs))).toBeGreaterThan(2);
  });
});

describe('reEpoch failures', () => {
  it('reports an orbit that has decayed by the new epoch as a PropagationError value', () => {
    const fast = payloads.find((es) => es.bstar > 2e-3 && es.meanMotionRevPerDay > 15.9);
    if (fast === undefined) throw new Error('no high-drag object in the snapshot');
    const result = reEpoch(fast, fast.epochMs + 3 * 365 * DAY_MS);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toMatch(/^SGP4_/);
      expect(result.error.catalogId).toBe(fast.catalogId);
    }
  });

  it('refuses a time that is not a number', () => {
    const [eo] = fleet;
    if (eo === undefined) throw new Error('no fleet');
    expect(() => reEpoch(eo, Number.NaN)).toThrow(RangeError);
  });
});
