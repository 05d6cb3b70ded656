// The sample grid of Vallado's driver: start..stop by step, plus stop when the step misses it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepGrid, stepGridLength } from './stepGrid.ts';

describe('stepGrid', () => {
  it('ends on stop when the step lands on it, and adds stop when it does not', () => {
    expect(stepGrid(0, 4320, 360)).toEqual([0, 360, 720, 1080, 1440, 1800, 2160, 2520, 2880, 3240, 3600, 3960, 4320]);
    // Vallado's case 04632: -5184 to -4896 by 120 gives -5184, -5064, -4944 and then -4896.
    expect(stepGrid(-5184, -4896, 120)).toEqual([-5184, -5064, -4944, -4896]);
    expect(stepGrid(-1440, 0, 60)).toHaveLength(25);
    expect(stepGrid(7, 7, 1)).toEqual([7]);
    // Found by the property below (seed 1692387550): a start of -0 is kept as it is.
    expect(Object.is(stepGrid(-0, 5.000000000000001e-10, 0.5)[0], -0)).toBe(true);
  });

  it('does not drift or duplicate stop through rounding', () => {
    const g = stepGrid(0, 1, 0.1);
    expect(g).toHaveLength(11);
    expect(g.at(-1)).toBe(1);
    expect(g[3]).toBe(0.30000000000000004); // 3 * 0.1, not a running sum
  });

  it('rejects a non-positive step, a reversed interval and absurd sizes', () => {
    expect(() => stepGrid(0, 10, 0)).toThrow(RangeError);
    expect(() => stepGrid(0, 10, -1)).toThrow(RangeError);
    expect(() => stepGrid(10, 0, 1)).toThrow(RangeError);
    expect(() => stepGrid(0, 1e9, 1)).toThrow(RangeError);
    expect(() => stepGrid(0, Number.NaN, 1)).toThrow(RangeError);
  });

  it('is increasing, starts at start, ends at stop, with steps of at most step; stepGridLength agrees', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0.5, max: 1e3, noNaN: true }),
        (start, span, step) => {
          const g = stepGrid(start, start + span, step);
          expect(g.length).toBe(stepGridLength(start, start + span, step));
          expect(g[0]).toBe(span <= step * 1e-9 ? start + span : start);
          expect(g.at(-1)).toBe(start + span);
          const gaps = g.slice(1).map((v, i) => v - g[i]!);
          expect(gaps.every((d) => d > 0 && d <= step * (1 + 1e-9) + 1e-9)).toBe(true);
        },
      ),
    );
  });
});
