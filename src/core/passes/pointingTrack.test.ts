import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { geodeticToItrf, temeToItrf, topocentric } from '../frames/index.ts';
import { Propagator, parseElements } from '../orbit/index.ts';
import type { EphemerisSource } from './EphemerisSource.ts';
import { ephemerisFromElements } from './ephemerisFromElements.ts';
import { pointingTrack } from './pointingTrack.ts';

const DEG = Math.PI / 180;

describe('pointingTrack', () => {
  const path = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
  const es = parseElements(readFileSync(path, 'utf8').split(/\r?\n/).slice(0, 3).join('\n'), { file: path }).elements[0]!;
  const station = { name: 'WALLOPS', geodetic: { latitudeRad: 37.94 * DEG, longitudeRad: -75.47 * DEG, altitudeKm: 0.01 } };
  const fromMs = Date.UTC(2026, 5, 10, 12);

  it('samples every step and ends exactly at the end time', () => {
    const track = pointingTrack(ephemerisFromElements(es), station, fromMs, fromMs + 95_000, 10_000);
    expect(track.failure).toBeUndefined();
    expect(track.samples.map((s) => s.utcMs - fromMs)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95].map((s) => s * 1000));
    expect(pointingTrack(ephemerisFromElements(es), station, fromMs, fromMs + 20_000, 10_000).samples).toHaveLength(3);
  });

  it('gives the look angles of the frames topocentric function', () => {
    const track = pointingTrack(ephemerisFromElements(es), station, fromMs, fromMs + 3_600_000, 60_000);
    const propagator = Propagator.fromElements(es);
    const itrf = geodeticToItrf(station.geodetic);
    for (const s of track.samples) {
      const teme = propagator.propagateAt(s.utcMs);
      if (!teme.ok) throw teme.error;
      const { position, velocity } = temeToItrf(teme.position, teme.velocity, s.utcMs);
      const ref = topocentric(station.geodetic, itrf, position, velocity);
      expect(s.elevationRad).toBeCloseTo(ref.elevationRad, 12);
      expect(s.azimuthRad).toBeCloseTo(ref.azimuthRad, 9);
      expect(s.rangeKm).toBeCloseTo(ref.rangeKm, 8);
      expect(s.rangeRateKmPerS).toBeCloseTo(ref.rangeRateKmPerS, 10);
    }
  });

  it('stops at the first time the object cannot be reached', () => {
    const real = ephemerisFromElements(es);
    const failAt = fromMs + 35_000;
    const failing: EphemerisSource = {
      ...real,
      stateItrfAt: (t, out, offset) => (t >= failAt ? new ZenithError('SGP4_DECAYED', 'decayed') : real.stateItrfAt(t, out, offset)),
    };
    const track = pointingTrack(failing, station, fromMs, fromMs + 60_000, 10_000);
    expect(track.samples).toHaveLength(4);
    expect(track.failure?.utcMs).toBe(fromMs + 40_000);
    expect(track.failure?.error.code).toBe('SGP4_DECAYED');
  });

  it('rejects misuse', () => {
    const src = ephemerisFromElements(es);
    expect(() => pointingTrack(src, station, fromMs, fromMs - 1, 1000)).toThrow(RangeError);
    expect(() => pointingTrack(src, station, fromMs, fromMs + 1000, 0)).toThrow(RangeError);
    expect(() => pointingTrack(src, station, fromMs, fromMs + 86_400_000 * 365, 1)).toThrow(RangeError);
  });
});
