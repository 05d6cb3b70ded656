import { describe, expect, it } from 'vitest';
import { hermiteExtremum, hermiteZero } from './hermiteGuess.ts';

// The Hermite cubic through two ends is exact for a cubic: these use known cubics on [0, 1].
describe('hermiteZero', () => {
  it('finds the root of a cubic exactly', () => {
    // p(u) = (u - 0.3)(u + 1)(u - 2): root 0.3 in [0, 1]
    const p = (u: number): number => (u - 0.3) * (u + 1) * (u - 2);
    const dp = (u: number): number => (u + 1) * (u - 2) + (u - 0.3) * (u - 2) + (u - 0.3) * (u + 1);
    expect(hermiteZero(p(0), dp(0), p(1), dp(1))).toBeCloseTo(0.3, 12);
  });

  it('finds a falling root and a linear one', () => {
    // p(u) = 0.8 - u^3: root 0.8^(1/3)
    expect(hermiteZero(0.8, 0, -0.2, -3)).toBeCloseTo(Math.cbrt(0.8), 12);
    expect(hermiteZero(-1, 4, 3, 4)).toBeCloseTo(0.25, 12);
  });
});

describe('hermiteExtremum', () => {
  it('finds where the rate of a cubic is zero', () => {
    // p(u) = -(u - 0.6)^2 peaks at 0.6; p(u) = -u^3 + 0.2u^2 + 0.3u peaks at (0.4 + sqrt(3.76)) / 6
    expect(hermiteExtremum(-0.36, 1.2, -0.16, -0.8)).toBeCloseTo(0.6, 12);
    const p = (u: number): number => -(u ** 3) + 0.2 * u ** 2 + 0.3 * u;
    const dp = (u: number): number => -3 * u ** 2 + 0.4 * u + 0.3;
    expect(hermiteExtremum(p(0), dp(0), p(1), dp(1))).toBeCloseTo((0.4 + Math.sqrt(3.76)) / 6, 12);
    // and a trough: p(u) = (u - 0.25)^2
    expect(hermiteExtremum(0.0625, -0.5, 0.5625, 1.5)).toBeCloseTo(0.25, 12);
  });
});
