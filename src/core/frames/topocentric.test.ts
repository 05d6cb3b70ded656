import fc from 'fast-check';
import { ecfToLookAngles } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { geodeticToItrf, makeStation, topocentric } from './index.ts';

const DEG = Math.PI / 180;
const zero = { x: 0, y: 0, z: 0 };

describe('topocentric', () => {
  const station = makeStation('Kiruna', { latitudeRad: 67.8571 * DEG, longitudeRad: 20.9644 * DEG, altitudeKm: 0.402 });

  it('measures azimuth from north, clockwise, and elevation from the ellipsoid normal', () => {
    const g = station.geodetic;
    const up = geodeticToItrf({ ...g, altitudeKm: g.altitudeKm + 500 });
    expect(topocentric(g, station.itrf, up, zero).elevationRad).toBeCloseTo(Math.PI / 2, 12);
    expect(topocentric(g, station.itrf, up, zero).rangeKm).toBeCloseTo(500, 9);
    // A point slightly north along the meridian at the same height sits on the horizon, due north.
    const north = geodeticToItrf({ ...g, latitudeRad: g.latitudeRad + 1e-6 });
    const n = topocentric(g, station.itrf, north, zero);
    expect(n.azimuthRad).toBeCloseTo(0, 5);
    expect(n.elevationRad).toBeCloseTo(0, 5);
    const east = topocentric(g, station.itrf, geodeticToItrf({ ...g, longitudeRad: g.longitudeRad + 1e-6 }), zero);
    expect(east.azimuthRad).toBeCloseTo(90 * DEG, 5);
    const west = topocentric(g, station.itrf, geodeticToItrf({ ...g, longitudeRad: g.longitudeRad - 1e-6 }), zero);
    expect(west.azimuthRad).toBeCloseTo(270 * DEG, 5);
  });

  it('agrees with satellite.js ecfToLookAngles (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 6600, max: 50_000, noNaN: true }),
        (latDeg, lonDeg, ra, sinDec, radius) => {
          const g = { latitudeRad: latDeg * DEG, longitudeRad: lonDeg * DEG, altitudeKm: 0.3 };
          const cosDec = Math.sqrt(1 - sinDec * sinDec);
          const sat = { x: radius * cosDec * Math.cos(ra), y: radius * cosDec * Math.sin(ra), z: radius * sinDec };
          const ours = topocentric(g, geodeticToItrf(g), sat, zero);
          const theirs = ecfToLookAngles({ latitude: g.latitudeRad, longitude: g.longitudeRad, height: 0.3 }, sat);
          let dAz = ours.azimuthRad - theirs.azimuth;
          dAz -= 2 * Math.PI * Math.round(dAz / (2 * Math.PI));
          const cosEl = Math.cos(ours.elevationRad);
          // satellite.js takes asin(up/range), which loses digits near the zenith; we use atan2.
          const elTolerance = cosEl < 0.01 ? 1e-7 : 1e-9;
          return (
            Math.abs(dAz) * cosEl < 1e-9 &&
            Math.abs(ours.elevationRad - theirs.elevation) < elTolerance &&
            Math.abs(ours.rangeKm - theirs.rangeSat) < 1e-6
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the range rate that the range itself changes by, positive when receding', () => {
    const r0 = { x: 3000, y: 1000, z: 6500 };
    const v = { x: 1.5, y: -6.2, z: 2.4 };
    const h = 1e-3;
    const at = (t: number): number =>
      topocentric(station.geodetic, station.itrf, { x: r0.x + v.x * t, y: r0.y + v.y * t, z: r0.z + v.z * t }, v).rangeKm;
    const rate = topocentric(station.geodetic, station.itrf, r0, v).rangeRateKmPerS;
    expect(rate).toBeCloseTo((at(h) - at(-h)) / (2 * h), 8);
    const away = { x: r0.x - station.itrf.x, y: r0.y - station.itrf.y, z: r0.z - station.itrf.z };
    expect(topocentric(station.geodetic, station.itrf, r0, away).rangeRateKmPerS).toBeGreaterThan(0);
  });

  it('refuses stations off the globe with a named error', () => {
    expect(() => makeStation('X', { latitudeRad: 91 * DEG, longitudeRad: 0, altitudeKm: 0 })).toThrow(ZenithError);
    expect(() => makeStation('X', { latitudeRad: 0, longitudeRad: Number.NaN, altitudeKm: 0 })).toThrow(/longitude NaN deg/);
    expect(() => makeStation('X', { latitudeRad: 0, longitudeRad: 0, altitudeKm: 500 })).toThrow(/altitude 500000 m is out of range/);
    expect(makeStation('Fiji', { latitudeRad: -17.7 * DEG, longitudeRad: 181.6 * DEG, altitudeKm: 0 }).itrf.y).toBeLessThan(0);
  });
});
