import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodeticToItrf, topocentric } from '../frames/index.ts';
import {
  LOOK_AZIMUTH,
  LOOK_ELEVATION,
  LOOK_ELEVATION_RATE,
  LOOK_RANGE,
  LOOK_RANGE_RATE,
  LOOK_SIZE,
  SINE_ELEVATION,
  SINE_ELEVATION_RATE,
  StationFrame,
} from './StationFrame.ts';

const DEG = Math.PI / 180;

describe('StationFrame.look', () => {
  const station = { latitudeRad: 52.2 * DEG, longitudeRad: -1.3 * DEG, altitudeKm: 0.15 };
  const itrf = geodeticToItrf(station);
  const frame = new StationFrame(station.latitudeRad, station.longitudeRad, itrf);
  const look = new Float64Array(LOOK_SIZE);
  const coord = fc.double({ min: -9000, max: 9000, noNaN: true });
  const speed = fc.double({ min: -8, max: 8, noNaN: true });

  it('agrees with the frames topocentric look angles', () => {
    fc.assert(
      fc.property(coord, coord, coord, speed, speed, speed, (x, y, z, vx, vy, vz) => {
        fc.pre(Math.hypot(x - itrf.x, y - itrf.y, z - itrf.z) > 1);
        frame.look(new Float64Array([x, y, z, vx, vy, vz]), 0, look);
        const ref = topocentric(station, itrf, { x, y, z }, { x: vx, y: vy, z: vz });
        expect(look[LOOK_ELEVATION]).toBeCloseTo(ref.elevationRad, 12);
        expect(Math.cos((look[LOOK_AZIMUTH] ?? 0) - ref.azimuthRad)).toBeCloseTo(1, 12);
        expect(look[LOOK_RANGE]).toBeCloseTo(ref.rangeKm, 8);
        expect(look[LOOK_RANGE_RATE]).toBeCloseTo(ref.rangeRateKmPerS, 10);
      }),
    );
  });

  it('gives the elevation rate that a central difference of the elevation gives', () => {
    fc.assert(
      fc.property(coord, coord, coord, speed, speed, speed, (x, y, z, vx, vy, vz) => {
        fc.pre(Math.hypot(x - itrf.x, y - itrf.y, z - itrf.z) > 100);
        // Straight up or down the elevation has a kink, where a difference quotient is no reference.
        fc.pre(Math.abs(topocentric(station, itrf, { x, y, z }, { x: vx, y: vy, z: vz }).elevationRad) < 80 * DEG);
        const h = 0.01;
        const el = (t: number): number => {
          frame.look(new Float64Array([x + vx * t, y + vy * t, z + vz * t, vx, vy, vz]), 0, look);
          return look[LOOK_ELEVATION] ?? NaN;
        };
        const numeric = (el(h) - el(-h)) / (2 * h);
        frame.look(new Float64Array([0, 0, 0, x, y, z, vx, vy, vz]), 3, look);
        expect(look[LOOK_ELEVATION_RATE]).toBeCloseTo(numeric, 9);
      }),
    );
  });

  it('reads an object straight up at the zenith, with a finite elevation rate', () => {
    const up = { x: itrf.x + 500 * Math.cos(station.latitudeRad) * Math.cos(station.longitudeRad), y: itrf.y + 500 * Math.cos(station.latitudeRad) * Math.sin(station.longitudeRad), z: itrf.z + 500 * Math.sin(station.latitudeRad) };
    frame.look(new Float64Array([up.x, up.y, up.z, 1, 2, 3]), 0, look);
    expect(look[LOOK_ELEVATION]).toBeCloseTo(Math.PI / 2, 12);
    expect(Number.isFinite(look[LOOK_ELEVATION_RATE])).toBe(true);
    expect(look[LOOK_RANGE]).toBeCloseTo(500, 9);
  });
});

describe('StationFrame.sineLook', () => {
  const station = { latitudeRad: -33.15 * DEG, longitudeRad: -70.67 * DEG, altitudeKm: 0.72 };
  const itrf = geodeticToItrf(station);
  const frame = new StationFrame(station.latitudeRad, station.longitudeRad, itrf);
  const coord = fc.double({ min: -9000, max: 9000, noNaN: true });
  const speed = fc.double({ min: -8, max: 8, noNaN: true });

  it('is the sine of the elevation look() gives, and the rate of that sine', () => {
    const look = new Float64Array(LOOK_SIZE);
    const sine = new Float64Array(2);
    fc.assert(
      fc.property(coord, coord, coord, speed, speed, speed, (x, y, z, vx, vy, vz) => {
        fc.pre(Math.hypot(x - itrf.x, y - itrf.y, z - itrf.z) > 1);
        const state = new Float64Array([x, y, z, vx, vy, vz]);
        frame.look(state, 0, look);
        frame.sineLook(state, 0, sine);
        const el = look[LOOK_ELEVATION] ?? 0;
        expect(sine[SINE_ELEVATION]).toBeCloseTo(Math.sin(el), 12);
        expect(sine[SINE_ELEVATION_RATE]).toBeCloseTo(Math.cos(el) * (look[LOOK_ELEVATION_RATE] ?? 0), 12);
      }),
    );
  });

  it('calls an object at the station straight overhead rather than dividing by zero', () => {
    const sine = new Float64Array(2);
    frame.sineLook(new Float64Array([itrf.x, itrf.y, itrf.z, 1, 2, 3]), 0, sine);
    expect(Array.from(sine)).toEqual([1, 0]);
  });
});

describe('StationFrame.sineElevationAcceleration', () => {
  const station = { latitudeRad: 64.86 * DEG, longitudeRad: -147.85 * DEG, altitudeKm: 0.3 };
  const itrf = geodeticToItrf(station);
  const frame = new StationFrame(station.latitudeRad, station.longitudeRad, itrf);
  const coord = fc.double({ min: -9000, max: 9000, noNaN: true });
  const speed = fc.double({ min: -8, max: 8, noNaN: true });
  const accel = fc.double({ min: -0.01, max: 0.01, noNaN: true });

  it('is the rate of the sine rate along a motion of that acceleration (central difference)', () => {
    const sine = new Float64Array(2);
    const rateAt = (state: Float64Array, a: Float64Array, dt: number): number => {
      const moved = new Float64Array(6);
      for (let i = 0; i < 3; i++) {
        moved[i] = (state[i] ?? 0) + (state[3 + i] ?? 0) * dt + 0.5 * (a[i] ?? 0) * dt * dt;
        moved[3 + i] = (state[3 + i] ?? 0) + (a[i] ?? 0) * dt;
      }
      frame.sineLook(moved, 0, sine);
      return sine[SINE_ELEVATION_RATE] ?? 0;
    };
    fc.assert(
      fc.property(coord, coord, coord, speed, speed, speed, accel, accel, accel, (x, y, z, vx, vy, vz, ax, ay, az) => {
        fc.pre(Math.hypot(x - itrf.x, y - itrf.y, z - itrf.z) > 100);
        const state = new Float64Array([x, y, z, vx, vy, vz]);
        const a = new Float64Array([ax, ay, az]);
        const h = 0.01;
        const difference = (rateAt(state, a, h) - rateAt(state, a, -h)) / (2 * h);
        const analytic = frame.sineElevationAcceleration(state, 0, a, 0);
        expect(Math.abs(analytic - difference)).toBeLessThan(1e-9 + 1e-6 * Math.abs(difference));
      }),
    );
  });

  it('is 0 for an object at the station', () => {
    expect(frame.sineElevationAcceleration(new Float64Array([itrf.x, itrf.y, itrf.z, 1, 2, 3]), 0, new Float64Array(3), 0)).toBe(0);
  });
});
