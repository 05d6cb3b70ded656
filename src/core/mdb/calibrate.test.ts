import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, uncalibrate } from './calibrate.ts';
import type { SplineCalibrator } from './model.ts';

describe('calibrators', () => {
  it('evaluates a polynomial as the sum of its terms', () => {
    const coefficients = [1.5, -2, 0.25, 0.001];
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        const direct = coefficients.reduce((s, c, i) => s + c * x ** i, 0);
        expect(calibrate({ kind: 'polynomial', coefficients }, x)).toBeCloseTo(direct, 6);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  const spline: SplineCalibrator = {
    kind: 'spline',
    order: 1,
    extrapolate: false,
    points: [
      { raw: 0, calibrated: 10 },
      { raw: 10, calibrated: 30 },
      { raw: 20, calibrated: 0 },
    ],
  };

  it('interpolates a linear spline and has no value outside it unless it extrapolates', () => {
    expect(calibrate(spline, 5)).toBe(20);
    expect(calibrate(spline, 15)).toBe(15);
    expect(calibrate(spline, 20)).toBe(0);
    expect(calibrate(spline, 21)).toBeNull();
    expect(calibrate({ ...spline, extrapolate: true }, 30)).toBe(-30);
    expect(calibrate({ ...spline, order: 0 }, 12)).toBe(30);
  });

  it('inverts first-degree polynomials and monotonic spline segments', () => {
    expect(uncalibrate({ kind: 'polynomial', coefficients: [-3, 0.5] }, 2)).toBe(10);
    expect(uncalibrate({ kind: 'polynomial', coefficients: [0, 1, 1] }, 2)).toBeNull();
    expect(uncalibrate(spline, 20)).toBe(5);
    expect(uncalibrate(spline, 99)).toBeNull();
  });
});
