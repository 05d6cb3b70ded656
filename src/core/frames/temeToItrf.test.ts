import fc from 'fast-check';
import { eciToEcf, gstime } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { eopAt, itrfToTeme, itrfToTemeAt, parseEop, temeToItrf, temeToItrfAt } from './index.ts';
import type { Vec3 } from '../math/index.ts';

const ARCSEC = Math.PI / (180 * 3600);

function maxDiff(a: Vec3, b: Vec3): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.z - b.z));
}

describe('temeToItrf', () => {
  // AIAA 2006-6753 (Rev 2) Appendix C / Vallado example 3-15: 2004-04-06 07:51:28.386009 UTC.
  const utcMs = Date.UTC(2004, 3, 6, 7, 51, 28, 386) + 0.009;
  const rTeme = { x: 5094.1801621, y: 6127.6446595, z: 6380.3445327 };
  const vTeme = { x: -4.746131487, y: 0.785818041, z: 5.531931288 };
  const eo = { ut1MinusUtcS: -0.4399619, xpRad: -0.140682 * ARCSEC, ypRad: 0.333309 * ARCSEC, lodS: 0.0015563 };

  const rItrf = { x: -1033.479383, y: 7901.2952754, z: 6380.3565958 };
  const vItrf = { x: -3.22563652, y: -2.87245145, z: 5.531924446 };

  it("reproduces Vallado's TEME -> ITRF worked example to the precision of its time argument", () => {
    // Vallado's figures were computed from a single-float Julian date (~20 µs steps near JD 2.45e6,
    // 1.7e-9 rad of GMST, 13 mm at this radius); from the exact instant we land 8.5 mm away.
    const { position, velocity } = temeToItrfAt(rTeme, vTeme, utcMs, eo);
    expect(maxDiff(position, rItrf)).toBeLessThan(1.5e-5);
    expect(maxDiff(velocity, vItrf)).toBeLessThan(5e-9);
  });

  it("reproduces Vallado's figures to their last digit (0.1 mm) when given the same float-JD instant", () => {
    // As in Skyfield's test of this example: jd_ut1 = julian_date(2004,4,6,7,51,28.386) + dUT1/86400.
    const jdUt1 = 2_453_101.827_411_875 + -0.439961 / 86_400;
    const ut1Ms = (jdUt1 - 2_440_587.5) * 86_400_000;
    const { position, velocity } = temeToItrfAt(rTeme, vTeme, ut1Ms, { ...eo, ut1MinusUtcS: 0 });
    expect(maxDiff(position, rItrf)).toBeLessThan(1e-7);
    expect(maxDiff(velocity, vItrf)).toBeLessThan(5e-9);
  });

  it('takes the same values from an EOP table as given explicitly', () => {
    const table = parseEop(
      'DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE\n' +
        '2004-04-06,53101,-0.140682,0.333309,-0.4399619,0.0015563,0,0,0,0,32,O\n' +
        '2004-04-07,53102,-0.140682,0.333309,-0.4399619,0.0015563,0,0,0,0,32,O\n',
    );
    const fromTable = temeToItrf(rTeme, vTeme, utcMs, table);
    const given = temeToItrfAt(rTeme, vTeme, utcMs, eopAt(table, utcMs));
    expect(fromTable).toEqual(given);
    expect(maxDiff(fromTable.position, temeToItrfAt(rTeme, vTeme, utcMs, eo).position)).toBeLessThan(1e-9);
  });

  it('without EOP equals satellite.js eciToEcf with gstime(UTC)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.double({ min: -1, max: 1, noNaN: true }), (ms, k) => {
        const r = { x: 7000 * k, y: 42_164 * (1 - k), z: 1234.5 };
        const ours = temeToItrf(r, { x: 0, y: 0, z: 0 }, ms).position;
        // satellite.js's GMST comes from a single-float JD (~3e-9 rad).
        return maxDiff(ours, eciToEcf(r, gstime(new Date(ms)))) < 2e-4;
      }),
      { numRuns: 1000 },
    );
  });

  it('is undone exactly by itrfToTeme, with and without Earth orientation (property)', () => {
    const coord = fc.double({ min: -50_000, max: 50_000, noNaN: true });
    const speed = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, speed, speed, speed, fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (x, y, z, vx, vy, vz, ms) => {
        const r = { x, y, z };
        const v = { x: vx, y: vy, z: vz };
        const a = temeToItrfAt(r, v, ms, eo);
        const back = itrfToTemeAt(a.position, a.velocity, ms, eo);
        const plain = temeToItrf(r, v, ms);
        const plainBack = itrfToTeme(plain.position, plain.velocity, ms);
        return maxDiff(back.position, r) < 1e-9 && maxDiff(back.velocity, v) < 1e-12 && maxDiff(plainBack.position, r) < 1e-9 && maxDiff(plainBack.velocity, v) < 1e-12;
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a point fixed on the Earth zero ITRF velocity', () => {
    // A GEO-like point co-rotating at the GMST82 rate has v_TEME = ω × r.
    const ms = Date.UTC(2026, 5, 1);
    const itrf = { x: 42_164, y: 0, z: 0 };
    const teme = itrfToTeme(itrf, { x: 0, y: 0, z: 0 }, ms);
    const again = temeToItrf(teme.position, teme.velocity, ms + 0);
    expect(maxDiff(again.velocity, { x: 0, y: 0, z: 0 })).toBeLessThan(1e-12);
    expect(Math.hypot(teme.velocity.x, teme.velocity.y)).toBeCloseTo(42_164 * 7.292115146706979e-5, 12);
  });
});
