import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HorizonMask } from './HorizonMask.ts';

const DEG = Math.PI / 180;
const mask = (pts: [number, number][]): HorizonMask =>
  new HorizonMask(pts.map(([az, el]) => ({ azimuthRad: az * DEG, elevationRad: el * DEG })));

describe('HorizonMask', () => {
  it('interpolates linearly between table points', () => {
    const m = mask([
      [0, 2],
      [90, 10],
      [180, 4],
      [270, 0],
    ]);
    expect(m.elevationRadAt(45 * DEG) / DEG).toBeCloseTo(6, 12);
    expect(m.elevationRadAt(90 * DEG) / DEG).toBeCloseTo(10, 12);
    expect(m.elevationRadAt(135 * DEG) / DEG).toBeCloseTo(7, 12);
    expect(m.elevationRadAt(225 * DEG) / DEG).toBeCloseTo(2, 12);
    expect(m.minElevationRad / DEG).toBeCloseTo(0, 12);
    expect(m.maxElevationRad / DEG).toBeCloseTo(10, 12);
  });

  it('wraps through north between the last and the first azimuth', () => {
    // 350 deg -> 4 deg elevation, 10 deg -> 8 deg: north (0 deg) is half way, 6 deg.
    const m = mask([
      [10, 8],
      [180, 0],
      [350, 4],
    ]);
    expect(m.elevationRadAt(0) / DEG).toBeCloseTo(6, 12);
    expect(m.elevationRadAt(2 * Math.PI) / DEG).toBeCloseTo(6, 12);
    expect(m.elevationRadAt(-5 * DEG) / DEG).toBeCloseTo(5, 12);
    expect(m.elevationRadAt(355 * DEG) / DEG).toBeCloseTo(5, 12);
    expect(m.elevationRadAt(365 * DEG) / DEG).toBeCloseTo(7, 12);
    expect(m.points.map((p) => Math.round(p.azimuthRad / DEG))).toEqual([10, 180, 350]);
  });

  it('is constant with one point and accepts points in any order and any turn', () => {
    expect(mask([[123, 7]]).elevationRadAt(4) / DEG).toBeCloseTo(7, 12);
    const a = mask([
      [-90, 3],
      [90, 9],
    ]);
    expect(a.elevationRadAt(0) / DEG).toBeCloseTo(6, 12);
    expect(a.elevationRadAt(180 * DEG) / DEG).toBeCloseTo(6, 12);
  });

  it('stays within the two table values around any azimuth', () => {
    const m = mask([
      [20, 5],
      [100, 15],
      [200, 1],
      [300, 9],
    ]);
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (az) => {
        const el = m.elevationRadAt(az) / DEG;
        expect(el).toBeGreaterThanOrEqual(1 - 1e-9);
        expect(el).toBeLessThanOrEqual(15 + 1e-9);
      }),
    );
  });

  it('rejects an empty table, duplicate azimuths and impossible values', () => {
    expect(() => mask([])).toThrow(RangeError);
    expect(() => mask([[10, 1], [10, 2]])).toThrow(/two points at azimuth/);
    expect(() => mask([[10, 91]])).toThrow(RangeError);
    expect(() => new HorizonMask([{ azimuthRad: Number.NaN, elevationRad: 0 }])).toThrow(RangeError);
  });
});
