import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, civilFromMs, daysFromCivil, daysInMonth, isLeapYear, msFromCivil } from './index.ts';

describe('calendar', () => {
  it('agrees with Date.UTC on day counts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        return daysFromCivil(y, m, d) * 86_400_000 === Date.UTC(y, m - 1, d);
      }),
      { numRuns: 3000 },
    );
  });

  it('inverts itself for every day from year 0 to 9999 sampled (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) }), (n) => {
        const c = civilFromDays(n);
        return daysFromCivil(c.year, c.month, c.day) === n && c.day <= daysInMonth(c.year, c.month);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits ms into the fields Date gives (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const c = civilFromMs(ms);
        const d = new Date(ms);
        return (
          c.year === d.getUTCFullYear() &&
          c.month === d.getUTCMonth() + 1 &&
          c.day === d.getUTCDate() &&
          c.hour === d.getUTCHours() &&
          c.minute === d.getUTCMinutes() &&
          c.second === d.getUTCSeconds() &&
          c.millisecond === d.getUTCMilliseconds() &&
          msFromCivil(c) === ms
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(civilFromDays(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });
});
