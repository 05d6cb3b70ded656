import { describe, expect, it } from 'vitest';
import { formatTleEpoch, parseOmmEpoch, parseTleEpoch } from './epochText.ts';

describe('TLE epochs', () => {
  it('reads year, day of year and fraction with sub-millisecond precision', () => {
    // 0.54743984 day = 47298.802176 s = 13:08:18.802176 (CelesTrak's OMM of the same set says so).
    const e = parseTleEpoch('20177.54743984');
    expect(e?.year).toBe(2020);
    expect(e?.epochMs).toBe(Date.UTC(2020, 5, 25, 13, 8, 18, 802) + 0.176);
    expect(e?.dayOfYear).toBeCloseTo(177.54743984, 10);
  });
  it('maps two-digit years 57..99 to 19xx and 00..56 to 20xx', () => {
    expect(parseTleEpoch('57001.00000000')?.epochMs).toBe(Date.UTC(1957, 0, 1));
    expect(parseTleEpoch('99365.50000000')?.epochMs).toBe(Date.UTC(1999, 11, 31, 12));
    expect(parseTleEpoch('00001.00000000')?.epochMs).toBe(Date.UTC(2000, 0, 1));
    expect(parseTleEpoch('56366.00000000')?.epochMs).toBe(Date.UTC(2056, 11, 31));
  });
  it('refuses fields that are not a year and a day', () => {
    for (const field of ['2017.754743984', '20177,54743984', 'xx177.54743984', '20177.5474398x', '20   .54743984']) {
      expect(parseTleEpoch(field), field).toBeUndefined();
    }
  });
  it('writes epochs back, carrying a fraction that rounds up into the next day and year', () => {
    expect(formatTleEpoch(Date.UTC(2020, 5, 25, 13, 8, 18, 802) + 0.176)).toBe('20177.54743984');
    expect(formatTleEpoch(Date.UTC(2021, 0, 1) - 0.1)).toBe('21001.00000000');
    expect(formatTleEpoch(Date.UTC(2020, 11, 31, 12))).toBe('20366.50000000');
    expect(formatTleEpoch(Date.UTC(1957, 0, 1))).toBe('57001.00000000');
  });
  it('refuses epochs a two-digit year cannot hold', () => {
    expect(() => formatTleEpoch(Date.UTC(1956, 11, 31))).toThrow(RangeError);
    expect(() => formatTleEpoch(Date.UTC(2057, 0, 1))).toThrow(RangeError);
    expect(() => formatTleEpoch(Number.NaN)).toThrow(RangeError);
  });
});

describe('OMM epochs', () => {
  it('reads calendar and ordinal dates with their fraction of a second', () => {
    const ms = Date.UTC(2020, 5, 25, 13, 8, 18, 802) + 0.176;
    expect(parseOmmEpoch('2020-06-25T13:08:18.802176')).toBe(ms);
    expect(parseOmmEpoch('2020-06-25T13:08:18.802176Z')).toBe(ms);
    expect(parseOmmEpoch('2020-177T13:08:18.802176')).toBe(ms);
    expect(parseOmmEpoch('2020-12-29T06:26:10')).toBe(Date.UTC(2020, 11, 29, 6, 26, 10));
  });
  it('gives the TLE and the OMM of one element set the same double', () => {
    expect(parseOmmEpoch('2020-06-25T10:45:47.960064')).toBe(parseTleEpoch('20177.44847176')?.epochMs);
    expect(parseOmmEpoch('2020-12-29T03:57:59.406624')).toBe(parseTleEpoch('20364.16527091')?.epochMs);
  });
  it('refuses dates and times that do not exist', () => {
    for (const text of ['2021-02-29T00:00:00', '2020-13-01T00:00:00', '2020-06-25T24:00:00', '2020-06-25T12:60:00', '2021-366T00:00:00', '2020-06-25', '25/06/2020 12:00', '']) {
      expect(parseOmmEpoch(text), text).toBeUndefined();
    }
  });
});
