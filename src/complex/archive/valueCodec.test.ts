import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, numericValue } from './index.ts';

describe('parameter value codec', () => {
  it('round-trips every kind of value exactly', () => {
    const value = fc.oneof(
      fc.double(),
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
      fc.string(),
      fc.boolean(),
      fc.uint8Array({ maxLength: 64 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(value, (v) => {
        const back = decodeValue(encodeValue(v));
        if (typeof v === 'number' && Number.isNaN(v)) expect(Number.isNaN(back)).toBe(true);
        else if (typeof v === 'number' && Object.is(v, -0)) expect(back).toBe(0);
        else expect(back).toEqual(v);
      }),
    );
  });
  it('keeps numbers readable as JSON numbers', () => {
    expect(encodeValue(7.25)).toBe('7.25');
    expect(encodeValue(Number.NEGATIVE_INFINITY)).toBe('{"f":"-Infinity"}');
    expect(encodeValue(new Uint8Array([0xde, 0xad]))).toBe('{"b":"3q0="}');
  });
  it('refuses text it did not write', () => {
    expect(() => decodeValue('{"x":1}')).toThrow(TypeError);
  });
  it('plots numbers, integers and flags, not text, bytes or NaN', () => {
    expect([7.5, 12n, true, false, 'ON', new Uint8Array(1), Number.NaN, null].map(numericValue)).toEqual([7.5, 12, 1, 0, null, null, null, null]);
  });
});
