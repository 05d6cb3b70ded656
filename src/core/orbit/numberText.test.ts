import { describe, expect, it } from 'vitest';
import { parseDecimal, parseInteger } from './numberText.ts';

describe('parseDecimal', () => {
  it('reads the forms element files use', () => {
    expect(parseDecimal('-.22483E-4')).toBe(-0.000022483);
    expect(parseDecimal('15.49459678')).toBe(15.49459678);
    expect(parseDecimal('.0002519')).toBe(0.0002519);
    expect(parseDecimal('+.00000643')).toBe(0.00000643);
    expect(parseDecimal('7')).toBe(7);
    expect(parseDecimal('1.')).toBe(1);
  });
  it('refuses what Number() would silently accept', () => {
    for (const text of ['', ' ', '0x1F', 'Infinity', 'NaN', '1 2', '1e', '.', '--1', '1e999']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });
  it('never returns -0', () => {
    expect(Object.is(parseDecimal('-0.0'), 0)).toBe(true);
  });
});

describe('parseInteger', () => {
  it('reads integers and refuses fractions', () => {
    expect(parseInteger('270000')).toBe(270000);
    expect(parseInteger('-5')).toBe(-5);
    expect(parseInteger('1.5')).toBeUndefined();
    expect(parseInteger('')).toBeUndefined();
    expect(parseInteger('99999999999999999999')).toBeUndefined();
  });
});
