import { describe, expect, it } from 'vitest';
import { ALPHA5_MAX, alpha5ToNumber, numberToAlpha5, tryAlpha5ToNumber } from './alpha5.ts';

describe('Alpha-5 catalog numbers', () => {
  it('reads the letters as 10..33 without I and O', () => {
    // Worked values: A=10, H=17, J=18 (I skipped), N=22, P=23 (O skipped), T=27, Z=33.
    expect(alpha5ToNumber('A0000')).toBe(100000);
    expect(alpha5ToNumber('H9999')).toBe(179999);
    expect(alpha5ToNumber('J0000')).toBe(180000);
    expect(alpha5ToNumber('N0001')).toBe(220001);
    expect(alpha5ToNumber('P0000')).toBe(230000);
    expect(alpha5ToNumber('T0000')).toBe(270000);
    expect(alpha5ToNumber('Z9999')).toBe(ALPHA5_MAX);
  });
  it('reads zero-padded and blank-padded digits', () => {
    expect(alpha5ToNumber('25544')).toBe(25544);
    expect(alpha5ToNumber('00005')).toBe(5);
    expect(alpha5ToNumber('    5')).toBe(5);
    expect(alpha5ToNumber('5')).toBe(5);
  });
  it('refuses I, O, lower case, short letter forms and junk', () => {
    for (const field of ['I0000', 'O1234', 't0000', 'T000', '12 34', '', '     ', 'T00000', '1234X']) {
      expect(tryAlpha5ToNumber(field), field).toBe(-1);
      expect(() => alpha5ToNumber(field), field).toThrow(RangeError);
    }
  });
  it('writes ids back: zero-padded below 100000, a letter above', () => {
    expect(numberToAlpha5(5)).toBe('00005');
    expect(numberToAlpha5(99999)).toBe('99999');
    expect(numberToAlpha5(100000)).toBe('A0000');
    expect(numberToAlpha5(180000)).toBe('J0000');
    expect(numberToAlpha5(270000)).toBe('T0000');
  });
  it('round-trips every id that fits', () => {
    for (let id = 0; id <= ALPHA5_MAX; id++) {
      if (alpha5ToNumber(numberToAlpha5(id)) !== id) throw new Error(`round trip fails for ${id}`);
    }
  });
  it('refuses ids that do not fit five characters', () => {
    expect(() => numberToAlpha5(340000)).toThrow(RangeError);
    expect(() => numberToAlpha5(-1)).toThrow(RangeError);
    expect(() => numberToAlpha5(1.5)).toThrow(RangeError);
  });
});
