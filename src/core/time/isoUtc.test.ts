import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { formatIsoUtc, formatTaiAsIsoUtc, parseIsoUtc, parseIsoUtcAsTaiMs, utcToTaiMs } from './index.ts';

function errorOf(f: () => unknown): ZenithError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZenithError) return e;
    throw e;
  }
  throw new Error('expected a ZenithError');
}

describe('parseIsoUtc', () => {
  it('reads the forms the CLI and files use', () => {
    const t = Date.UTC(2026, 5, 1, 12, 30, 15, 250);
    expect(parseIsoUtc('2026-06-01T12:30:15.250Z')).toBe(t);
    expect(parseIsoUtc('2026-06-01T12:30:15,25Z')).toBe(t);
    expect(parseIsoUtc('2026-06-01 12:30:15.250')).toBe(t);
    expect(parseIsoUtc('2026-06-01t12:30:15.250z')).toBe(t);
    expect(parseIsoUtc('  2026-06-01T12:30:15.250+00:00 ')).toBe(t);
    expect(parseIsoUtc('2026-06-01T14:30:15.250+02:00')).toBe(t);
    expect(parseIsoUtc('2026-06-01T08:00:15.250-0430')).toBe(t);
    expect(parseIsoUtc('2026-06-01T12:30Z')).toBe(Date.UTC(2026, 5, 1, 12, 30));
    expect(parseIsoUtc('2026-06-01')).toBe(Date.UTC(2026, 5, 1));
    expect(parseIsoUtc('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('keeps sub-millisecond digits (OMM epochs carry microseconds)', () => {
    expect(parseIsoUtc('2020-06-25T11:58:28.367904Z') - Date.UTC(2020, 5, 25, 11, 58, 28, 367)).toBeCloseTo(0.904, 3);
  });

  it('agrees with Date.parse on ms-precision text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
        const text = new Date(ms).toISOString();
        return parseIsoUtc(text) === ms && formatIsoUtc(ms) === text;
      }),
      { numRuns: 3000 },
    );
  });

  it('says what was expected when a field is out of range', () => {
    const month = errorOf(() => parseIsoUtc('2026-13-01'));
    expect(month.code).toBe('TIME_FIELD');
    expect(month.message).toBe('month 13 is out of range in "2026-13-01": expected 01 to 12');
    expect(errorOf(() => parseIsoUtc('2026-02-29T00:00:00Z')).message).toBe(
      'day 29 is out of range in "2026-02-29T00:00:00Z": expected 01 to 28 for 2026-02',
    );
    expect(errorOf(() => parseIsoUtc('2026-04-31')).message).toMatch(/expected 01 to 30 for 2026-04/);
    expect(errorOf(() => parseIsoUtc('2026-06-01T24:00:00Z')).message).toMatch(/^hour 24 .*expected 00 to 23/);
    expect(errorOf(() => parseIsoUtc('2026-06-01T12:60:00Z')).message).toMatch(/^minute 60 .*expected 00 to 59/);
    expect(errorOf(() => parseIsoUtc('2026-06-01T12:00:61Z')).message).toMatch(/^second 61 /);
    expect(errorOf(() => parseIsoUtc('2026-06-01T12:00:00+24:00')).message).toMatch(/^offset hour 24 /);
  });

  it('rejects text that is not an ISO time, and keeps the caller context', () => {
    for (const bad of ['', 'yesterday', '2026-6-1', '2026-06-01T12', '2026-06-01T12:00:00ZZ', '1700000000000', '2026-06-01T12:00:00 UTC']) {
      const e = errorOf(() => parseIsoUtc(bad, { field: '--from' }));
      expect(e.code).toBe('TIME_FORMAT');
      expect(e.message).toContain('expected an ISO-8601 UTC time');
      expect(e.message).toContain(`found "${bad}"`);
      expect(e.context.field).toBe('--from');
    }
    const located = errorOf(() => parseIsoUtc('2026-00-10', { file: 'plan.csv', line: 4, column: 9 }));
    expect(located.describe()).toBe('plan.csv:4:9: [TIME_FIELD] month 00 is out of range in "2026-00-10": expected 01 to 12');
  });
});

describe('leap seconds in ISO text', () => {
  const leapTai = Date.UTC(2016, 11, 31, 23, 59, 59) + 36_000 + 1000;

  it('accepts 23:59:60 only where the table has a leap second', () => {
    expect(parseIsoUtcAsTaiMs('2016-12-31T23:59:60.500Z')).toBe(leapTai + 500);
    expect(parseIsoUtcAsTaiMs('2015-06-30T23:59:60Z')).toBe(Date.UTC(2015, 5, 30, 23, 59, 59) + 35_000 + 1000);
    expect(parseIsoUtcAsTaiMs('2017-01-01T00:59:60.500+01:00')).toBe(leapTai + 500);
    const e = errorOf(() => parseIsoUtc('2017-06-30T23:59:60Z'));
    expect(e.code).toBe('TIME_FIELD');
    expect(e.message).toMatch(/second 60 is out of range.*leap second/);
    expect(() => parseIsoUtc('2016-12-31T23:58:60Z')).toThrow(ZenithError);
  });

  it('orders 23:59:59, 23:59:60 and 00:00:00 one SI second apart', () => {
    const a = parseIsoUtcAsTaiMs('2016-12-31T23:59:59Z');
    const b = parseIsoUtcAsTaiMs('2016-12-31T23:59:60Z');
    const c = parseIsoUtcAsTaiMs('2017-01-01T00:00:00Z');
    expect([b - a, c - b]).toEqual([1000, 1000]);
    expect(c).toBe(utcToTaiMs(Date.UTC(2017, 0, 1)));
  });

  it('gives a UTC ms count that stands at the next midnight inside the leap second', () => {
    expect(parseIsoUtc('2016-12-31T23:59:60.500Z')).toBe(Date.UTC(2017, 0, 1));
  });

  it('writes TAI back as UTC text with second 60', () => {
    expect(formatTaiAsIsoUtc(leapTai)).toBe('2016-12-31T23:59:60.000Z');
    expect(formatTaiAsIsoUtc(leapTai + 999)).toBe('2016-12-31T23:59:60.999Z');
    expect(formatTaiAsIsoUtc(leapTai - 1)).toBe('2016-12-31T23:59:59.999Z');
    expect(formatTaiAsIsoUtc(leapTai + 1000)).toBe('2017-01-01T00:00:00.000Z');
  });

  it('round-trips TAI -> text -> TAI exactly, leap seconds included (property)', () => {
    const nearLeaps = fc
      .constantFrom(Date.UTC(2016, 11, 31, 23, 59, 59) + 36_000, Date.UTC(1972, 5, 30, 23, 59, 59) + 10_000, Date.UTC(2005, 11, 31, 23, 59, 59) + 32_000)
      .chain((t) => fc.integer({ min: -1500, max: 3500 }).map((d) => t + d));
    const anyTai = fc.oneof(nearLeaps, fc.integer({ min: Date.UTC(1972, 0, 1) + 10_000, max: Date.UTC(2090, 0, 1) }));
    fc.assert(fc.property(anyTai, (t) => parseIsoUtcAsTaiMs(formatTaiAsIsoUtc(t)) === t), { numRuns: 5000 });
  });
});

describe('formatIsoUtc', () => {
  it('writes milliseconds and Z, rounding to the nearest millisecond', () => {
    expect(formatIsoUtc(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatIsoUtc(-0.4)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatIsoUtc(-0.6)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatIsoUtc(Date.UTC(2026, 5, 1) + 1.5)).toBe('2026-06-01T00:00:00.002Z');
    expect(formatIsoUtc(Date.UTC(2026, 5, 1) - 0.4)).toBe('2026-06-01T00:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(() => formatIsoUtc(Number.NaN)).toThrow(RangeError);
    expect(() => formatIsoUtc(Infinity)).toThrow(RangeError);
    expect(() => formatIsoUtc(Date.UTC(10_000, 0, 1))).toThrow(RangeError);
  });
});
