// The batch propagator's calls: their layouts agree with one another, the deep-space resonance state
// carried between calls gives the same bytes as integrating from epoch every time (what satellite.js
// does), failed steps are zeros with a code, and misuse is a RangeError.
import { sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { createSgp4Batch, KIND_DEEP_SPACE, KIND_NEAR_EARTH, KIND_NEAR_EARTH_SIMPLE } from './Sgp4Batch.ts';
import {
  createStateBuffers,
  propagateAt,
  propagateBatchGrid,
  propagateGrid,
  propagateMinutes,
  propagateTimes,
} from './propagateBatch.ts';
import { SGP4_DECAYED, SGP4_SEMI_LATUS_RECTUM } from './stepCodes.ts';

// From the shared 2022 catalog and Vallado's verification set (SGP4-VER.TLE).
const TLES: Record<string, [string, string]> = {
  // ISS: near-earth
  iss: [
    '1 25544U 98067A   22203.46960329  .00007000  00000-0  13007-3 0  9995',
    '2 25544  51.6419 170.4364 0004956  52.9286  88.7311 15.50007527350854',
  ],
  // Vallado 28057: near-earth, ordinary drag
  n28057: [
    '1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836',
    '2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550',
  ],
  // Vallado 29238: perigee below 220 km, simplified drag equations
  n29238: [
    '1 29238U 06022G   06177.28732010  .00766286  10823-4  13334-2 0   101',
    '2 29238  51.5595 213.7903 0202579  95.2503 267.9010 15.73823839  1061',
  ],
  // Vallado 28626: geosynchronous, one-day resonance, Lyddane (inclination below 0.2 rad)
  geo: [
    '1 28626U 05008A   06176.46683397 -.00000205  00000-0  10000-3 0  2190',
    '2 28626   0.0019 286.9433 0000335  13.7918  55.6504  1.00270176  4891',
  ],
  // Vallado 21897: Molniya, half-day resonance
  molniya: [
    '1 21897U 92011A   06176.02341244 -.00001273  00000-0 -13525-3 0  3044',
    '2 21897  62.1749 198.0096 7421690 253.0462  20.1561  2.01269994104880',
  ],
  // Vallado 9880: 12-hour Molniya, half-day resonance, high inclination
  n9880: [
    '1 09880U 77021A   06176.56157475  .00000421  00000-0  10000-3 0  9814',
    '2 09880  64.5968 349.3786 7069051 270.0229  16.3320  2.00813614112380',
  ],
  // Vallado 28872: decays within the hour
  decaying: [
    '1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534',
    '2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708',
  ],
  // Vallado 33333: eccentricity 0.995, fails with code 4 on and off
  wild: [
    '1 33333U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534',
    '2 33333  96.4736 157.9986 9950000 244.0492 110.6523  4.00004038 10708',
  ],
};
const NAMES = Object.keys(TLES);
const satrecs = () => NAMES.map((n) => twoline2satrec(...TLES[n]!));
const index = (name: string): number => NAMES.indexOf(name);

function bytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe('createSgp4Batch', () => {
  it('sorts each record into near-earth, simplified near-earth or deep space as sgp4init did', () => {
    const b = createSgp4Batch(satrecs());
    expect(b.kind[index('iss')]).toBe(KIND_NEAR_EARTH);
    expect(b.kind[index('n29238')]).toBe(KIND_NEAR_EARTH_SIMPLE);
    expect(b.kind[index('geo')]).toBe(KIND_DEEP_SPACE);
    expect(b.irez[index('geo')]).toBe(1);
    expect(b.irez[index('molniya')]).toBe(2);
    expect([...b.catalogIds]).toEqual([25544, 28057, 29238, 28626, 21897, 9880, 28872, 33333]);
    // Epoch from the record's Julian date when none is given: 2022 day 203.46960329.
    expect(b.epochMs[0]).toBeCloseTo(Date.UTC(2022, 0, 1) + 202.46960329 * 86_400_000, 0);
  });

  it('refuses records sgp4init did not initialise and mismatched side arrays', () => {
    const raw = { ...twoline2satrec(...TLES['iss']!), method: undefined } as unknown as Parameters<typeof createSgp4Batch>[0][0];
    expect(() => createSgp4Batch([raw])).toThrow(TypeError);
    expect(() => createSgp4Batch(satrecs(), [1, 2])).toThrow(RangeError);
    expect(() => createSgp4Batch(satrecs(), undefined, [1])).toThrow(RangeError);
  });
});

describe('propagation calls', () => {
  it('carried resonance state gives the same bytes as a fresh start at every time, forward, back and across epoch', () => {
    // Times jump forward, back (restart), across epoch and far ahead (many 720-min steps).
    const minutes = [0, 30, 700, 725, 1500, 1440, -100, -2000, 5000, 4999.5, 100_000, 99_000, 250_000];
    for (const name of ['geo', 'molniya', 'n9880']) {
      const one = createStateBuffers(minutes.length);
      propagateMinutes(createSgp4Batch(satrecs()), index(name), minutes, one);
      const fresh = createStateBuffers(minutes.length);
      minutes.forEach((t, k) => {
        // A new batch for every time: the integration starts at epoch, as in satellite.js.
        propagateMinutes(createSgp4Batch(satrecs()), index(name), [t], fresh, k);
      });
      expect(bytes(one.positionsKm), name).toEqual(bytes(fresh.positionsKm));
      expect(bytes(one.velocitiesKmPerS), name).toEqual(bytes(fresh.velocitiesKmPerS));
      expect([...one.errors], name).toEqual([...fresh.errors]);
    }
  });

  it('agrees with satellite.js at those times (within 1 mm)', () => {
    const minutes = [0, 700, 1500, -2000, 5000, 100_000, 250_000];
    const recs = satrecs();
    const b = createSgp4Batch(recs);
    for (const name of ['geo', 'molniya', 'n9880', 'iss']) {
      const out = createStateBuffers(minutes.length);
      propagateMinutes(b, index(name), minutes, out);
      minutes.forEach((t, k) => {
        const s = sgp4(recs[index(name)]!, t);
        if (s === null) {
          expect(out.errors[k]).toBe(recs[index(name)]!.error);
          return;
        }
        expect(out.errors[k]).toBe(0);
        const p = s.position;
        expect(Math.hypot(out.positionsKm[3 * k]! - p.x, out.positionsKm[3 * k + 1]! - p.y, out.positionsKm[3 * k + 2]! - p.z)).toBeLessThan(1e-6);
      });
    }
  });

  it('gives the same states on a grid, at a list of times and one time at a time', () => {
    const b = createSgp4Batch(satrecs());
    const stepMs = 90_000;
    const count = 200;
    for (const name of NAMES) {
      const i = index(name);
      // From 10 min after each epoch, where every one of these objects is still in orbit.
      const startMs = Math.round(b.epochMs[i]!) + 600_000;
      const times = Float64Array.from({ length: count }, (_, k) => startMs + k * stepMs);
      const grid = createStateBuffers(count);
      propagateGrid(b, i, startMs, stepMs, count, grid);
      const list = createStateBuffers(count);
      propagateTimes(b, i, times, list);
      const single = new Float64Array(6 * count);
      const codes = new Uint8Array(count);
      times.forEach((ms, k) => propagateAt(b, i, ms, single, 6 * k, codes, k));
      expect([...grid.errors], name).toEqual([...list.errors]);
      expect([...codes], name).toEqual([...list.errors]);
      for (let k = 0; k < count; k++) {
        for (let c = 0; c < 3; c++) {
          // One time at a time is the list path with one element: the same bytes.
          expect(single[6 * k + c]).toBe(list.positionsKm[3 * k + c]);
          expect(single[6 * k + 3 + c]).toBe(list.velocitiesKmPerS[3 * k + c]);
          // The grid carries its angles by rotation: the same states within 1 mm (0.1 mm at e = 0.995).
          expect(Math.abs(grid.positionsKm[3 * k + c]! - list.positionsKm[3 * k + c]!), name).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('lays a range of objects out object-major, as propagateGrid does one by one', () => {
    const b = createSgp4Batch(satrecs());
    const startMs = Date.UTC(2006, 5, 26);
    const all = createStateBuffers(5 * 100);
    const failures = propagateBatchGrid(b, startMs, 60_000, 100, all, 2, 5);
    let expectedFailures = 0;
    for (let j = 0; j < 5; j++) {
      const one = createStateBuffers(100);
      expectedFailures += propagateGrid(b, 2 + j, startMs, 60_000, 100, one);
      expect(all.positionsKm.subarray(300 * j, 300 * (j + 1))).toEqual(one.positionsKm);
      expect(all.errors.subarray(100 * j, 100 * (j + 1))).toEqual(one.errors);
    }
    expect(failures).toBe(expectedFailures);
  });

  it('writes zeros and a code for a failed step, never NaN, and counts the failures', () => {
    const b = createSgp4Batch(satrecs());
    const minutes = Array.from({ length: 120 }, (_, k) => k);
    const out = createStateBuffers(minutes.length);
    out.positionsKm.fill(NaN);
    out.velocitiesKmPerS.fill(NaN);
    const failures = propagateMinutes(b, index('decaying'), minutes, out);
    // satellite.js reports decay (6) from minute 52 to 69, then orbits again: each call stands alone.
    const reference = satrecs()[index('decaying')]!;
    const expected = minutes.map((t) => (sgp4(reference, t) === null ? reference.error : 0));
    expect([...out.errors]).toEqual(expected);
    expect(expected).toContain(SGP4_DECAYED);
    expect(failures).toBe(expected.filter((c) => c !== 0).length);
    expect(out.positionsKm.every(Number.isFinite)).toBe(true);
    expect(out.velocitiesKmPerS.every(Number.isFinite)).toBe(true);
    out.errors.forEach((code, k) => {
      if (code !== 0) expect([...out.positionsKm.subarray(3 * k, 3 * k + 3)]).toEqual([0, 0, 0]);
    });
    // 33333 (e = 0.995): code 4, Vallado's semi-latus rectum case, on and off.
    const wildTimes = Array.from({ length: 60 }, (_, k) => 25 * k);
    const wild = createStateBuffers(wildTimes.length);
    propagateMinutes(b, index('wild'), wildTimes, wild);
    const wildRef = satrecs()[index('wild')]!;
    expect([...wild.errors]).toEqual(wildTimes.map((t) => (sgp4(wildRef, t) === null ? wildRef.error : 0)));
    expect([...wild.errors]).toContain(SGP4_SEMI_LATUS_RECTUM);
  });

  it('works without velocities', () => {
    const b = createSgp4Batch(satrecs());
    const withV = createStateBuffers(10);
    propagateGrid(b, 0, Date.UTC(2022, 6, 22), 60_000, 10, withV);
    const positionsKm = new Float64Array(30);
    const errors = new Uint8Array(10);
    propagateGrid(b, 0, Date.UTC(2022, 6, 22), 60_000, 10, { positionsKm, errors });
    expect(positionsKm).toEqual(withV.positionsKm);
  });

  it('refuses an index outside the batch, short buffers, and times that are not finite or absurdly far', () => {
    const b = createSgp4Batch(satrecs());
    const out = createStateBuffers(10);
    expect(() => propagateGrid(b, NAMES.length, 0, 60_000, 10, out)).toThrow(RangeError);
    expect(() => propagateGrid(b, -1, 0, 60_000, 10, out)).toThrow(RangeError);
    expect(() => propagateGrid(b, 0, 0, 60_000, 11, out)).toThrow(RangeError);
    expect(() => propagateGrid(b, 0, 0, 60_000, 5, out, 6)).toThrow(RangeError);
    expect(() => propagateGrid(b, 0, NaN, 60_000, 5, out)).toThrow(RangeError);
    expect(() => propagateMinutes(b, 0, new Float64Array(11), out)).toThrow(RangeError);
    expect(() => propagateAt(b, 0, 0, new Float64Array(5), 0, new Uint8Array(1), 0)).toThrow(RangeError);
    expect(() => propagateAt(b, 0, 0, new Float64Array(6), 0, new Uint8Array(1), 1)).toThrow(RangeError);
    expect(() => propagateBatchGrid(b, 0, 60_000, 10, out, 0, NAMES.length + 1)).toThrow(RangeError);
    expect(() => createStateBuffers(-1)).toThrow(RangeError);
    // A time SDP4's resonance integration would never reach (it steps 720 min from epoch).
    const geo = index('geo');
    expect(() => propagateMinutes(b, geo, [0, Infinity], out)).toThrow(RangeError);
    expect(() => propagateMinutes(b, geo, [NaN], out)).toThrow(RangeError);
    expect(() => propagateMinutes(b, geo, [-2e8], out)).toThrow(RangeError);
    expect(() => propagateTimes(b, geo, [b.epochMs[geo]! + 1e20], out)).toThrow(RangeError);
    expect(() => propagateGrid(b, geo, b.epochMs[geo]!, 1e15, 2, out)).toThrow(RangeError);
    expect(() => propagateAt(b, geo, Infinity, new Float64Array(6), 0, new Uint8Array(1), 0)).toThrow(RangeError);
    expect(() => propagateBatchGrid(b, 1e18, 60_000, 1, out, 0, 1)).toThrow(RangeError);
  });
});
