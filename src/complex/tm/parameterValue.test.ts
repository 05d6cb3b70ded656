import { describe, expect, it } from 'vitest';
import { toJsonScalar, toParameterValue } from './index.ts';

describe('parameter values for the archive and the bus', () => {
  it('keeps scalars for the archive and turns aggregates and arrays into JSON text', () => {
    const bytes = Uint8Array.of(0xde, 0xad);
    for (const v of [1.5, 7n, 'text', true, bytes, null, Number.NaN]) expect(toParameterValue(v)).toBe(v);
    expect(toParameterValue({ x: 1, y: [2n, Uint8Array.of(1)], z: Number.POSITIVE_INFINITY })).toBe('{"x":1,"y":["2","01"],"z":null}');
    expect(toParameterValue([1, 2, 3])).toBe('[1,2,3]');
  });

  it('gives JSON what it can carry: 64-bit integers as decimal text, bytes as hex, NaN as null', () => {
    expect(toJsonScalar(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(toJsonScalar(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(toJsonScalar(Number.NaN)).toBeNull();
    expect(toJsonScalar(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(toJsonScalar(-0.25)).toBe(-0.25);
    expect(toJsonScalar('SAFE')).toBe('SAFE');
    expect(toJsonScalar(false)).toBe(false);
    expect(toJsonScalar(null)).toBeNull();
  });
});
