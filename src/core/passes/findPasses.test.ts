import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { geodeticToItrf, temeToItrf, topocentric } from '../frames/index.ts';
import { Propagator, parseElements } from '../orbit/index.ts';
import type { ElementSet } from '../orbit/index.ts';
import type { EphemerisSource } from './EphemerisSource.ts';
import { ephemerisFromElements } from './ephemerisFromElements.ts';
import { findPasses } from './findPasses.ts';
import type { Pass } from './findPasses.ts';
import { HorizonMask } from './HorizonMask.ts';
import type { PassStation } from './PassStation.ts';

const DEG = Math.PI / 180;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The element sets of the first `records` 3LE records of a file in ../shared/data/tle. */
function elementsOf(path: string, records: number): ElementSet[] {
  const text = readFileSync(resolve('../shared/data/tle', path), 'utf8').split(/\r?\n/).slice(0, 3 * records).join('\n');
  return parseElements(text, { file: path }).elements;
}

function station(name: string, latDeg: number, lonDeg: number, altM: number, extra: Partial<PassStation> = {}): PassStation {
  return { name, geodetic: { latitudeRad: latDeg * DEG, longitudeRad: lonDeg * DEG, altitudeKm: altM / 1000 }, ...extra };
}

interface Window {
  aosMs: number;
  losMs: number;
  maxElevationRad: number;
}

/**
 * The reference: elevation every second from the Propagator, the frames' TEME -> ITRF and
 * topocentric functions (none of the pass search's own code), crossings interpolated linearly.
 * One list of windows per station.
 */
function bruteForce(
  es: ElementSet,
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  threshold: (azRad: number) => number,
): Window[][] {
  const propagator = Propagator.fromElements(es);
  return stations.map(() => [] as Window[]).map((out, s) => {
    const st = stations[s]!;
    const stationItrf = geodeticToItrf(st.geodetic);
    let open: Window | undefined;
    let prevT = fromMs;
    let prevF = 0;
    for (let t = fromMs; t <= toMs; t += 1000) {
      const teme = propagator.propagateAt(t);
      if (!teme.ok) throw teme.error;
      const { position, velocity } = temeToItrf(teme.position, teme.velocity, t);
      const look = topocentric(st.geodetic, stationItrf, position, velocity);
      const f = look.elevationRad - threshold(look.azimuthRad);
      const crossing = t === fromMs ? t : prevT + ((t - prevT) * prevF) / (prevF - f);
      if (open === undefined && f > 0) open = { aosMs: crossing, losMs: toMs, maxElevationRad: look.elevationRad };
      else if (open !== undefined && f <= 0) {
        open.losMs = crossing;
        out.push(open);
        open = undefined;
      }
      if (open !== undefined) open.maxElevationRad = Math.max(open.maxElevationRad, look.elevationRad);
      prevT = t;
      prevF = f;
    }
    if (open !== undefined) out.push(open);
    return out;
  });
}

/** Every reference window has one pass within `toleranceMs`, and nothing else is found. */
function expectSamePasses(ours: Pass[], reference: Window[], toleranceMs: number, es: ElementSet, st: PassStation): void {
  expect(ours.map((p) => Math.round(p.aosMs / 1000))).toEqual(reference.map((w) => Math.round(w.aosMs / 1000)));
  ours.forEach((p, i) => {
    const w = reference[i];
    if (w === undefined) return;
    expect(Math.abs(p.aosMs - w.aosMs)).toBeLessThan(toleranceMs);
    expect(Math.abs(p.losMs - w.losMs)).toBeLessThan(toleranceMs);
    // Our maximum is refined between the reference's 1 s samples, so never lower; and it is the
    // elevation at TCA.
    expect(p.maxElevationRad).toBeGreaterThanOrEqual(w.maxElevationRad - 1e-9);
    expect(elevationAt(es, st, p.tcaMs)).toBeCloseTo(p.maxElevationRad, 6);
    expect(p.tcaMs).toBeGreaterThanOrEqual(p.aosMs);
    expect(p.tcaMs).toBeLessThanOrEqual(p.losMs);
  });
}

describe('findPasses', () => {
  const leo = elementsOf('spacetrack-payloads-2026-06/3le.txt', 4000).filter((_, i) => i % 1000 === 7);
  const fairbanks = station('FAIRBANKS', 64.86, -147.85, 200);
  const hartrao = station('HARTRAO', -25.89, 27.69, 1415);
  const fromMs = Date.UTC(2026, 5, 10);

  it('finds the passes a one-second scan finds, AOS and LOS to the millisecond', () => {
    expect(leo).toHaveLength(4);
    const toMs = fromMs + DAY_MS;
    const stations = [fairbanks, hartrao];
    const result = findPasses(leo.map((e) => ephemerisFromElements(e)), stations, fromMs, toMs);
    expect(result.failures).toEqual([]);
    let count = 0;
    for (const es of leo) {
      const reference = bruteForce(es, stations, fromMs, toMs, () => 0);
      stations.forEach((st, s) => {
        const ours = result.passes.filter((p) => p.objectId === es.catalogId && p.stationName === st.name);
        expectSamePasses(ours, reference[s] ?? [], 100, es, st);
        count += ours.length;
      });
    }
    expect(count).toBeGreaterThan(30);
    // Sorted by AOS.
    expect(result.passes.map((p) => p.aosMs)).toEqual([...result.passes.map((p) => p.aosMs)].sort((a, b) => a - b));
  });

  it('applies the minimum elevation of each station, or the default', () => {
    const toMs = fromMs + DAY_MS / 2;
    const high = { ...hartrao, name: 'HARTRAO-15', minElevationRad: 15 * DEG };
    const result = findPasses([ephemerisFromElements(leo[1] ?? leo[0]!)], [fairbanks, high], fromMs, toMs, { minElevationRad: 5 * DEG });
    const es = leo[1]!;
    const [at5] = bruteForce(es, [fairbanks], fromMs, toMs, () => 5 * DEG);
    const [at15] = bruteForce(es, [high], fromMs, toMs, () => 15 * DEG);
    expectSamePasses(result.passes.filter((p) => p.stationName === 'FAIRBANKS'), at5 ?? [], 100, es, fairbanks);
    expectSamePasses(result.passes.filter((p) => p.stationName === 'HARTRAO-15'), at15 ?? [], 100, es, high);
  });

  it('cuts passes where a horizon mask hides the object', () => {
    // A wall of 25 deg from 60 to 200 deg azimuth, 2 deg elsewhere, with sloped sides.
    const mask = new HorizonMask(
      [
        [0, 2],
        [50, 2],
        [60, 25],
        [200, 25],
        [210, 2],
      ].map(([az = 0, el = 0]) => ({ azimuthRad: az * DEG, elevationRad: el * DEG })),
    );
    const masked = { ...fairbanks, horizonMask: mask };
    const toMs = fromMs + DAY_MS;
    const result = findPasses(leo.map((e) => ephemerisFromElements(e)), [masked], fromMs, toMs, { minElevationRad: 1 * DEG });
    const threshold = (az: number): number => Math.max(1 * DEG, mask.elevationRadAt(az));
    let count = 0;
    for (const es of leo) {
      const ours = result.passes.filter((p) => p.objectId === es.catalogId);
      expectSamePasses(ours, bruteForce(es, [masked], fromMs, toMs, threshold)[0] ?? [], 100, es, masked);
      // At AOS and LOS the object stands on the mask (or on the minimum elevation).
      for (const p of ours) {
        if (!p.aosCut) expect(elevationAt(es, masked, p.aosMs) - threshold(p.aosAzimuthRad)).toBeCloseTo(0, 5);
        if (!p.losCut) expect(elevationAt(es, masked, p.losMs) - threshold(p.losAzimuthRad)).toBeCloseTo(0, 5);
      }
      count += ours.length;
    }
    expect(count).toBeGreaterThan(10);
    // The wall did cut passes: some start or end on it, 20+ deg up.
    expect(result.passes.some((p) => threshold(p.aosAzimuthRad) > 20 * DEG || threshold(p.losAzimuthRad) > 20 * DEG)).toBe(true);
  });

  it('gives an always-visible GEO one window over the whole interval and a hidden one none', () => {
    const geo = elementsOf('celestrak-geo-2026-05/geo.tle', 200).filter((e) => e.name?.startsWith('ASTRA 1KR') === true);
    expect(geo).toHaveLength(1);
    const darmstadt = station('DARMSTADT', 49.87, 8.62, 144);
    const hawaii = station('HAWAII', 19.82, -155.47, 100);
    const toMs = fromMs + 7 * DAY_MS;
    const result = findPasses(geo.map((e) => ephemerisFromElements(e)), [darmstadt, hawaii], fromMs, toMs);
    expect(result.failures).toEqual([]);
    expect(result.passes).toHaveLength(1);
    const p = result.passes[0]!;
    expect(p.stationName).toBe('DARMSTADT');
    expect([p.aosMs, p.losMs, p.aosCut, p.losCut]).toEqual([fromMs, toMs, true, true]);
    // The cut ends carry the azimuths of the window's edges.
    expect(p.aosAzimuthRad).toBeCloseTo(azimuthAt(geo[0]!, darmstadt, fromMs), 9);
    expect(p.losAzimuthRad).toBeCloseTo(azimuthAt(geo[0]!, darmstadt, toMs), 9);
    // About 32 deg above the southern horizon, as a dish at Darmstadt points for 19.2 deg E.
    expect(p.maxElevationRad / DEG).toBeGreaterThan(30);
    expect(p.maxElevationRad / DEG).toBeLessThan(34);
    expect(p.aosAzimuthRad / DEG).toBeGreaterThan(160);
    expect(p.aosAzimuthRad / DEG).toBeLessThan(175);
    // The maximum is at least the highest point of a 10-minute scan of the week.
    let best = -Infinity;
    for (let t = fromMs; t <= toMs; t += 600_000) best = Math.max(best, elevationAt(geo[0]!, darmstadt, t));
    expect(p.maxElevationRad).toBeGreaterThanOrEqual(best - 1e-8);
  });

  it('flags passes cut by the window edges and keeps their real ends inside', () => {
    const es = leo[1]!;
    const whole = findPasses([ephemerisFromElements(es)], [fairbanks], fromMs, fromMs + DAY_MS).passes;
    expect(whole.length).toBeGreaterThan(3);
    const a = whole[1]!;
    const b = whole[2]!;
    const midA = (a.aosMs + a.losMs) / 2;
    const midB = (b.aosMs + b.losMs) / 2;
    const cut = findPasses([ephemerisFromElements(es)], [fairbanks], midA, midB).passes;
    expect(cut).toHaveLength(2);
    expect(cut[0]).toMatchObject({ aosMs: midA, aosCut: true, losCut: false });
    expect(cut[1]).toMatchObject({ losMs: midB, aosCut: false, losCut: true });
    expect(cut[0]!.aosAzimuthRad).toBeCloseTo(azimuthAt(es, fairbanks, midA), 9);
    expect(cut[1]!.losAzimuthRad).toBeCloseTo(azimuthAt(es, fairbanks, midB), 9);
    expect(Math.abs(cut[0]!.losMs - a.losMs)).toBeLessThan(2);
    expect(Math.abs(cut[1]!.aosMs - b.aosMs)).toBeLessThan(2);
    // A cut pass peaks inside what is left of it.
    expect(cut[0]!.tcaMs).toBeGreaterThanOrEqual(midA);
    expect(cut[0]!.maxElevationRad).toBeLessThanOrEqual(a.maxElevationRad + 1e-9);
  });

  it('ends the search of an object at a propagation failure and reports it, other objects go on', () => {
    const es = leo[1]!;
    const real = ephemerisFromElements(es);
    const whole = findPasses([real], [fairbanks], fromMs, fromMs + DAY_MS).passes;
    expect(whole.length).toBeGreaterThan(4);
    const victim = whole[3]!;
    const failAt = (victim.aosMs + victim.losMs) / 2;
    const failing: EphemerisSource = {
      ...real,
      id: 999_999_999,
      stateItrfAt: (utcMs, out, offset) =>
        utcMs >= failAt ? new ZenithError('SGP4_DECAYED', 'decayed', { objectId: 999_999_999 }) : real.stateItrfAt(utcMs, out, offset),
    };
    const result = findPasses([failing, real], [fairbanks], fromMs, fromMs + DAY_MS);
    expect(result.failures).toHaveLength(1);
    const failure = result.failures[0]!;
    expect(failure.objectId).toBe(999_999_999);
    expect(failure.error.code).toBe('SGP4_DECAYED');
    expect(failure.utcMs).toBeGreaterThanOrEqual(failAt);
    const dead = result.passes.filter((p) => p.objectId === 999_999_999);
    expect(dead).toHaveLength(4);
    expect(dead.slice(0, 3).map((p) => p.losMs)).toEqual(whole.slice(0, 3).map((p) => p.losMs));
    // The pass in progress is cut at the last time reached, within a second of the failure.
    const last = dead[3]!;
    expect(last).toMatchObject({ aosCut: false, losCut: true });
    expect(Math.abs(last.aosMs - victim.aosMs)).toBeLessThan(2);
    expect(last.losMs).toBeLessThan(failAt);
    expect(failAt - last.losMs).toBeLessThanOrEqual(1000);
    expect(last.losAzimuthRad).toBeCloseTo(azimuthAt(es, fairbanks, last.losMs), 9);
    expect(failure.utcMs - failAt).toBeLessThanOrEqual(1000);
    expect(result.passes.filter((p) => p.objectId === es.catalogId)).toHaveLength(whole.length);
    for (const p of result.passes) expect(Object.values(p).some((v) => typeof v === 'number' && !Number.isFinite(v))).toBe(false);
  });

  it('reports a real SGP4 decay as a failure with its code, not NaN', () => {
    // Vallado's 28872, in the last stage of decay: his driver's output stops after 50 min.
    const file = resolve('../shared/data/sgp4-verification/SGP4-VER.TLE');
    const parsed = parseElements(readFileSync(file, 'utf8'), { file, checksums: 'ignore', ranges: 'ignore' });
    const doomed = parsed.elements.find((e) => e.catalogId === 28_872)!;
    const result = findPasses([ephemerisFromElements(doomed)], [fairbanks, hartrao], doomed.epochMs, doomed.epochMs + DAY_MS);
    expect(result.failures).toHaveLength(1);
    const failure = result.failures[0]!;
    expect(failure.error.code).toBe('SGP4_DECAYED');
    const minutes = (failure.utcMs - doomed.epochMs) / 60_000;
    expect(minutes).toBeGreaterThan(50);
    expect(minutes).toBeLessThan(55);
    for (const p of result.passes) expect(p.losMs).toBeLessThan(failure.utcMs);
  });

  it('rejects misuse', () => {
    const src = ephemerisFromElements(leo[0]!);
    expect(() => findPasses([src], [fairbanks], fromMs, fromMs)).toThrow(RangeError);
    expect(() => findPasses([src], [fairbanks], fromMs, Number.NaN)).toThrow(RangeError);
    expect(() => findPasses([src], [fairbanks], fromMs, fromMs + HOUR_MS, { toleranceMs: 0 })).toThrow(RangeError);
    expect(() => findPasses([{ ...src, scanStepMs: 0 }], [fairbanks], fromMs, fromMs + HOUR_MS)).toThrow(RangeError);
    expect(() => findPasses([src], [station('X', 95, 0, 0)], fromMs, fromMs + HOUR_MS)).toThrow(RangeError);
  });

  it('reports progress per object', () => {
    const seen: [number, number][] = [];
    findPasses(leo.map((e) => ephemerisFromElements(e)), [fairbanks], fromMs, fromMs + HOUR_MS, { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });
});

const propagators = new WeakMap<ElementSet, Propagator>();

function lookAt(es: ElementSet, st: PassStation, utcMs: number): { elevationRad: number; azimuthRad: number } {
  let propagator = propagators.get(es);
  if (propagator === undefined) propagators.set(es, (propagator = Propagator.fromElements(es)));
  const teme = propagator.propagateAt(utcMs);
  if (!teme.ok) throw teme.error;
  const { position, velocity } = temeToItrf(teme.position, teme.velocity, utcMs);
  return topocentric(st.geodetic, geodeticToItrf(st.geodetic), position, velocity);
}

function elevationAt(es: ElementSet, st: PassStation, utcMs: number): number {
  return lookAt(es, st, utcMs).elevationRad;
}

function azimuthAt(es: ElementSet, st: PassStation, utcMs: number): number {
  return lookAt(es, st, utcMs).azimuthRad;
}
