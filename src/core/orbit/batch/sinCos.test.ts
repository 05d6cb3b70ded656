// The batch propagator's sin/cos against V8's Math.sin/Math.cos (fdlibm): the same values to a couple
// of ulp, over the range of angles SGP4 produces and at the quadrant boundaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COS4, COS6, COS8, SIN3, SIN5, SIN7, SIN9, SMALL_ANGLE, sinCos } from './sinCos.ts';

const ULP_1 = 2.220446049250313e-16;

function viaBuffer(x: number): [number, number] {
  const buf = new Float64Array(3);
  buf[2] = x;
  sinCos(buf, 0);
  return [buf[0]!, buf[1]!];
}

describe('sinCos', () => {
  it('agrees with Math.sin and Math.cos within 2 ulp of 1 for |x| up to 1e6 rad', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const [s, c] = viaBuffer(x);
        expect(Math.abs(s - Math.sin(x))).toBeLessThanOrEqual(2 * ULP_1);
        expect(Math.abs(c - Math.cos(x))).toBeLessThanOrEqual(2 * ULP_1);
      }),
      { numRuns: 5_000 },
    );
  });

  it('is exact enough around every multiple of π/4 (where the quadrant changes)', () => {
    for (let k = -64; k <= 64; k++) {
      for (const eps of [-1e-9, -1e-15, 0, 1e-15, 1e-9]) {
        const x = (k * Math.PI) / 4 + eps;
        const [s, c] = viaBuffer(x);
        expect(Math.abs(s - Math.sin(x))).toBeLessThanOrEqual(2 * ULP_1);
        expect(Math.abs(c - Math.cos(x))).toBeLessThanOrEqual(2 * ULP_1);
      }
    }
  });

  it('hands angles beyond 1e6 rad and non-finite ones to Math', () => {
    for (const x of [1.5e6, -3e9, 1e300, Infinity, NaN]) {
      const [s, c] = viaBuffer(x);
      expect(Object.is(s, Math.sin(x))).toBe(true);
      expect(Object.is(c, Math.cos(x))).toBe(true);
    }
  });

  it('reads the angle at offset + 2 and writes only offset and offset + 1', () => {
    const buf = new Float64Array([7, 7, 7, 7, 0.5, 7]);
    sinCos(buf, 2);
    expect([...buf]).toEqual([7, 7, Math.sin(0.5), Math.cos(0.5), 0.5, 7]);
  });

  it('gives a short series for small angles that matches Math within 3 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: -SMALL_ANGLE, max: SMALL_ANGLE, noNaN: true }), (x) => {
        const z = x * x;
        const s = x + x * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
        const c = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
        expect(Math.abs(s - Math.sin(x))).toBeLessThanOrEqual(Math.max(Math.abs(x), 1e-300) * 3 * ULP_1);
        expect(Math.abs(c - Math.cos(x))).toBeLessThanOrEqual(3 * ULP_1);
      }),
      { numRuns: 5_000 },
    );
  });
});
