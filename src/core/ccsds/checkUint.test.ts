import { describe, expect, it } from 'vitest';
import { checkUint } from './checkUint.ts';

describe('checkUint', () => {
  it('passes integers inside the field and names the field otherwise', () => {
    expect(checkUint('APID', 2047, 2047)).toBe(2047);
    expect(() => checkUint('APID', 2048, 2047)).toThrow('APID must be an integer in 0..2047, got 2048');
    expect(() => checkUint('APID', -1, 2047)).toThrow(RangeError);
    expect(() => checkUint('APID', 1.5, 2047)).toThrow(RangeError);
    expect(() => checkUint('APID', Number.NaN, 2047)).toThrow(RangeError);
  });
});
