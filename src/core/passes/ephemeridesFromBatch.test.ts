// The pass search on the batch propagator: the same passes and failures as on the scalar Propagator
// (the plain search of before) on real catalog samples, GEO always-visible and never-visible cases
// included; skipping far-below samples changes nothing but the work; the motion bound holds, and a
// wrong one is caught.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itrfToGeodetic } from '../frames/index.ts';
import { parseElements } from '../orbit/index.ts';
import type { ElementSet } from '../orbit/index.ts';
import { batchFromElements } from '../orbit/batch/index.ts';
import type { EphemerisSource } from './EphemerisSource.ts';
import { ephemerisFromBatch, ephemeridesFromElements, motionBoundOf } from './ephemeridesFromBatch.ts';
import { ephemerisFromElements } from './ephemerisFromElements.ts';
import { findPasses } from './findPasses.ts';
import type { PassSearchResult } from './findPasses.ts';
import { HorizonMask } from './HorizonMask.ts';
import type { PassStation } from './PassStation.ts';

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;

function catalog(name: string): ElementSet[] {
  const path = resolve('../shared/data/tle', name, '3le.txt');
  return parseElements(readFileSync(path, 'utf8'), { file: path }).elements;
}

const payloads = catalog('spacetrack-payloads-2026-06');
const full2022 = catalog('spacetrack-full-catalog-2022-07');
const FROM_2026 = Date.UTC(2026, 5, 10);
const FROM_2022 = Date.UTC(2022, 6, 22);

function station(name: string, latDeg: number, lonDeg: number, altM: number, extra: Partial<PassStation> = {}): PassStation {
  return { name, geodetic: { latitudeRad: latDeg * DEG, longitudeRad: lonDeg * DEG, altitudeKm: altM / 1000 }, ...extra };
}

const STATIONS: PassStation[] = [
  station('SVALBARD', 78.23, 15.41, 500),
  station('MADRID', 40.43, -4.25, 800, {
    horizonMask: new HorizonMask([
      { azimuthRad: 0, elevationRad: 4 * DEG },
      { azimuthRad: 90 * DEG, elevationRad: 12 * DEG },
      { azimuthRad: 200 * DEG, elevationRad: 2 * DEG },
    ]),
  }),
  station('CANBERRA', -35.4, 148.98, 690, { minElevationRad: 10 * DEG }),
];

/**
 * Same passes in the same order with the same flags; times and elevations as close as two SGP4
 * codes that agree to a micrometre can be: AOS and LOS within the search's 1 ms, TCA within its 10 ms.
 */
function expectSamePasses(batch: PassSearchResult, scalar: PassSearchResult): void {
  expect(batch.passes.map((p) => [p.objectId, p.stationName, p.aosCut, p.losCut])).toEqual(
    scalar.passes.map((p) => [p.objectId, p.stationName, p.aosCut, p.losCut]),
  );
  let worstAos = 0;
  let worstLos = 0;
  let worstTca = 0;
  let worstEl = 0;
  batch.passes.forEach((p, i) => {
    const q = scalar.passes[i]!;
    worstAos = Math.max(worstAos, Math.abs(p.aosMs - q.aosMs));
    worstLos = Math.max(worstLos, Math.abs(p.losMs - q.losMs));
    worstTca = Math.max(worstTca, Math.abs(p.tcaMs - q.tcaMs));
    worstEl = Math.max(worstEl, Math.abs(p.maxElevationRad - q.maxElevationRad));
  });
  expect(worstAos).toBeLessThan(1);
  expect(worstLos).toBeLessThan(1);
  expect(worstTca).toBeLessThan(10);
  // Within the TCA tolerance the elevation is flat, but not to the last bit: 1e-6 rad is 0.2 arcsec.
  expect(worstEl).toBeLessThan(1e-6);
  expect(batch.failures.map((f) => [f.objectId, f.utcMs, f.error.code, f.error.message])).toEqual(
    scalar.failures.map((f) => [f.objectId, f.utcMs, f.error.code, f.error.message]),
  );
}

/** Wraps sources to count their propagations. */
function counted(sources: readonly EphemerisSource[]): { sources: EphemerisSource[]; calls: () => number } {
  let calls = 0;
  return {
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      scanStepMs: s.scanStepMs,
      ...(s.motionBound === undefined ? {} : { motionBound: s.motionBound }),
      stateItrfAt: (t: number, out: Float64Array, offset: number) => {
        calls++;
        return s.stateItrfAt(t, out, offset);
      },
    })),
    calls: () => calls,
  };
}

describe('the pass search on the batch propagator', () => {
  // Every 60th 2026 payload (Starlink, OneWeb, sun-synchronous, ...) and the payloads that decay
  // during the week, whose searches stop there.
  const decaying = [43184, 44537, 45569, 46461, 46696];
  const leo = [...payloads.filter((_, i) => i % 60 === 0), ...payloads.filter((es) => decaying.includes(es.catalogId))];
  const week = [FROM_2026, FROM_2026 + 7 * DAY_MS] as const;

  it('finds the passes and failures of the scalar search on 2026 payloads over a week, with masks and minimum elevations', () => {
    const scalar = findPasses(leo.map((es) => ephemerisFromElements(es)), STATIONS, ...week);
    const batch = findPasses(ephemeridesFromElements(leo), STATIONS, ...week);
    expect(leo.length).toBeGreaterThan(270);
    expect(scalar.passes.length).toBeGreaterThan(20_000);
    // The decays fall inside the week, not at its start (one more of the sample is gone before it).
    const inside = scalar.failures.filter((f) => f.utcMs > FROM_2026).map((f) => f.objectId);
    expect(inside.sort()).toEqual([...decaying].sort());
    expectSamePasses(batch, scalar);
  });

  it('gives exactly the same result with and without skipping, with far fewer looks when stations are few', () => {
    const plain = counted(ephemeridesFromElements(leo));
    const skipping = counted(ephemeridesFromElements(leo));
    const a = findPasses(plain.sources, [STATIONS[0]!], ...week, { skipFarBelow: false });
    const b = findPasses(skipping.sources, [STATIONS[0]!], ...week);
    expect(b).toEqual(a);
    expect(skipping.calls()).toBeLessThan(0.85 * plain.calls());
    // Three stations, masks and failures included.
    expect(findPasses(ephemeridesFromElements(leo), STATIONS, ...week)).toEqual(
      findPasses(ephemeridesFromElements(leo), STATIONS, ...week, { skipFarBelow: false }),
    );
  });

  it('matches the scalar search on the 2022 catalog: debris, low perigees, deep space with both resonances', () => {
    const sample = full2022.filter((_, i) => i % 100 === 0);
    const window = [FROM_2022, FROM_2022 + 2 * DAY_MS] as const;
    expect(sample.filter((es) => es.meanMotionRevPerDay < 6.4).length).toBeGreaterThan(25);
    const scalar = findPasses(sample.map((es) => ephemerisFromElements(es)), STATIONS, ...window);
    const batch = findPasses(ephemeridesFromElements(sample), STATIONS, ...window);
    expectSamePasses(batch, scalar);
    expect(batch).toEqual(findPasses(ephemeridesFromElements(sample), STATIONS, ...window, { skipFarBelow: false }));
  });

  it('sees a GEO object the whole window from below it and never from the other side of the Earth', () => {
    const geo = full2022.filter((es) => Math.abs(es.meanMotionRevPerDay - 1.0027) < 0.001 && es.eccentricity < 0.001 && es.inclinationDeg < 0.1).slice(0, 3);
    expect(geo).toHaveLength(3);
    const window = [FROM_2022, FROM_2022 + 3 * DAY_MS] as const;
    for (const es of geo) {
      const [source] = ephemeridesFromElements([es]);
      const state = new Float64Array(6);
      expect(source!.stateItrfAt(FROM_2022, state, 0)).toBeUndefined();
      const lon = itrfToGeodetic({ x: state[0]!, y: state[1]!, z: state[2]! }).longitudeRad / DEG;
      const stations = [station('BELOW', 0, lon, 0, { minElevationRad: 5 * DEG }), station('ANTIPODE', 0, lon + 180, 0)];
      const plain = counted([source!]);
      const batch = findPasses(plain.sources, stations, ...window);
      const scalar = findPasses([ephemerisFromElements(es)], stations, ...window);
      expectSamePasses(batch, scalar);
      expect(batch.passes.map((p) => [p.stationName, p.aosMs, p.losMs, p.aosCut, p.losCut])).toEqual([['BELOW', window[0], window[1], true, true]]);
      expect(batch.passes[0]!.maxElevationRad).toBeGreaterThan(80 * DEG);
      // From the antipode the object is never near: far fewer samples than the plain scan takes.
      const hidden = counted([source!]);
      expect(findPasses(hidden.sources, [stations[1]!], ...window).passes).toEqual([]);
      const unskipped = counted([source!]);
      findPasses(unskipped.sources, [stations[1]!], ...window, { skipFarBelow: false });
      expect(hidden.calls()).toBeLessThan(unskipped.calls() / 4);
    }
  });

  it('bounds the motion of every object of the samples: radius and ITRF angular rate every minute of the window', () => {
    const objects = [...leo, ...full2022.filter((_, i) => i % 50 === 0)];
    const batch = batchFromElements(objects);
    const state = new Float64Array(6);
    let checked = 0;
    let worstRadius = 0;
    let worstRate = 0;
    objects.forEach((es, i) => {
      const source = ephemerisFromBatch(batch, i, es);
      const bound = motionBoundOf(batch, i);
      const from = es.epochMs < FROM_2026 - 365 * DAY_MS ? FROM_2022 : FROM_2026;
      for (let t = from; t <= from + 7 * DAY_MS; t += 60_000) {
        if (source.stateItrfAt(t, state, 0) !== undefined) break;
        const [x, y, z, vx, vy, vz] = state as unknown as number[];
        const r2 = x! * x! + y! * y! + z! * z!;
        const h = Math.hypot(y! * vz! - z! * vy!, z! * vx! - x! * vz!, x! * vy! - y! * vx!);
        worstRadius = Math.max(worstRadius, Math.sqrt(r2) / bound.maxRadiusKm);
        worstRate = Math.max(worstRate, h / r2 / bound.maxAngularRateRadPerS);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(1_000_000);
    // Fractions of the bounds reached: below 1, and not so far below that the bound skips nothing.
    expect(worstRadius).toBeLessThan(1);
    expect(worstRadius).toBeGreaterThan(0.9);
    expect(worstRate).toBeLessThan(1);
    expect(worstRate).toBeGreaterThan(0.8);
  });

  it('searches an object again without skipping when its state breaks a (wrong) bound', () => {
    const sources = ephemeridesFromElements(leo.slice(0, 20));
    const wrong = sources.map((s) => ({ ...s, stateItrfAt: s.stateItrfAt.bind(s), statesItrfOnGrid: s.statesItrfOnGrid!.bind(s), motionBound: { maxRadiusKm: 6500, maxAngularRateRadPerS: 1e-4 } }));
    expect(findPasses(wrong, STATIONS, ...week)).toEqual(findPasses(sources, STATIONS, ...week, { skipFarBelow: false }));
  });

  it('gives on a grid, in one call, the states it gives one time at a time (to rounding), up to the first unreachable time', () => {
    const sources = ephemeridesFromElements(leo);
    const step = 97_531.25;
    const count = Math.ceil((7 * DAY_MS) / step);
    const grid = new Float64Array(6 * count);
    const one = new Float64Array(6);
    const ends: number[] = [];
    let worst = 0;
    const stops: string[] = [];
    for (const source of sources) {
      const end = source.statesItrfOnGrid!(FROM_2026, step, count, grid);
      ends.push(end);
      for (let k = 0; k <= Math.min(end, count - 1); k++) {
        const error = source.stateItrfAt(FROM_2026 + k * step, one, 0);
        if (k === end) {
          stops.push(error?.code ?? 'reached');
          break;
        }
        if (error !== undefined) stops.push(`unreachable at ${k}`);
        // The grid's times are worked out as start + k·step inside the propagator: the last bits differ.
        for (let i = 0; i < 6; i++) worst = Math.max(worst, Math.abs((grid[6 * k + i] ?? 0) - (one[i] ?? 0)));
      }
    }
    expect(worst).toBeLessThan(1e-8);
    // The decaying payloads (and one gone before the week) stop early; the others reach its end.
    expect(stops.every((code) => code.startsWith('SGP4_'))).toBe(true);
    expect(ends.filter((end) => end < count).length).toBe(stops.length);
    expect(stops.length).toBeGreaterThanOrEqual(decaying.length);
    expect(stops.length).toBeLessThanOrEqual(decaying.length + 1);
    expect(() => sources[0]!.statesItrfOnGrid!(FROM_2026, step, count + 1, grid)).toThrow(RangeError);
  });

  it('refuses a batch object that is not the element set given', () => {
    const batch = batchFromElements(leo.slice(0, 2));
    expect(() => ephemerisFromBatch(batch, 0, leo[1]!)).toThrow(RangeError);
  });
});
