import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eciToEcf, gstime, propagate, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { parseElements } from '../orbit/index.ts';
import { STATE_SIZE } from './EphemerisSource.ts';
import { ephemerisFromElements, scanStepMsFor } from './ephemerisFromElements.ts';

describe('scanStepMsFor', () => {
  it('is 1/16 of the period for a circular orbit, capped at 1/16 day', () => {
    expect(scanStepMsFor(16, 0)).toBeCloseTo(86_400_000 / 16 / 16, 6);
    expect(scanStepMsFor(1.0027, 0)).toBeCloseTo(86_400_000 / 1.0027 / 16, 3);
    expect(scanStepMsFor(0.5, 0)).toBe(86_400_000 / 16);
  });

  it('shrinks with the angular rate at perigee for an eccentric orbit', () => {
    // Molniya: 2 rev/day, e = 0.74: the perigee rate is sqrt(1.74 / 0.26^3) = 9.93 times the mean.
    expect(scanStepMsFor(2, 0.74)).toBeCloseTo(43_200_000 / 16 / Math.sqrt(1.74 / 0.26 ** 3), 3);
  });

  it('rejects impossible orbits', () => {
    expect(() => scanStepMsFor(0, 0)).toThrow(RangeError);
    expect(() => scanStepMsFor(15, 1)).toThrow(RangeError);
  });
});

describe('ephemerisFromElements', () => {
  const path = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(0, 30);
  const elements = parseElements(lines.join('\n'), { file: path }).elements;

  it('gives the ITRF state satellite.js computes for the TLE (propagate + eciToEcf)', () => {
    const out = new Float64Array(STATE_SIZE + 2);
    for (let i = 0; i < elements.length; i++) {
      const es = elements[i]!;
      const source = ephemerisFromElements(es);
      expect(source.id).toBe(es.catalogId);
      expect(source.name).toBe(es.name);
      const satrec = twoline2satrec(lines[3 * i + 1]!, lines[3 * i + 2]!);
      for (const hours of [-12, 0, 7.5, 48]) {
        const utcMs = Math.round(es.epochMs + hours * 3_600_000);
        expect(source.stateItrfAt(utcMs, out, 2)).toBeUndefined();
        const pv = propagate(satrec, new Date(utcMs));
        if (pv === null) throw new Error('satellite.js failed');
        const ecf = eciToEcf(pv.position, gstime(new Date(utcMs)));
        // satellite.js goes through a Julian date (~40 µs of resolution): agree to 0.5 m.
        expect(out[2]).toBeCloseTo(ecf.x, 3);
        expect(out[3]).toBeCloseTo(ecf.y, 3);
        expect(out[4]).toBeCloseTo(ecf.z, 3);
        // Earth-fixed velocity: the inertial one rotated, less ω × r.
        const w = 7.292115146706979e-5;
        const v = eciToEcf(pv.velocity, gstime(new Date(utcMs)));
        expect(out[5]).toBeCloseTo(v.x + w * ecf.y, 6);
        expect(out[6]).toBeCloseTo(v.y - w * ecf.x, 6);
        expect(out[7]).toBeCloseTo(v.z, 6);
      }
    }
  });

  it('returns the propagation error, leaving the buffer alone, when SGP4 fails', () => {
    // Vallado's 28872, in the last stage of decay: SGP4 stops it within the hour (error 6).
    const file = resolve('../shared/data/sgp4-verification/SGP4-VER.TLE');
    const parsed = parseElements(readFileSync(file, 'utf8'), { file, checksums: 'ignore', ranges: 'ignore' });
    const es = parsed.elements.find((e) => e.catalogId === 28_872)!;
    const source = ephemerisFromElements(es);
    const out = new Float64Array(STATE_SIZE).fill(7);
    expect(source.stateItrfAt(es.epochMs + 3_600_000, out, 0)?.code).toBe('SGP4_DECAYED');
    expect([...out]).toEqual([7, 7, 7, 7, 7, 7]);
  });
});
