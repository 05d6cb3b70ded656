import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { formatTle } from './formatTle.ts';
import { parseElements } from './parseElements.ts';
import { parseTle } from './parseTle.ts';

const DATA = resolve('../shared/data');
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');
const CATALOGS = ['tle/spacetrack-full-catalog-2022-07/3le.txt', 'tle/spacetrack-payloads-2026-06/3le.txt', 'tle/celestrak-geo-2026-05/geo.tle'];

/** The checksum as the TLE format defines it, written here independently of the code under test. */
function checksum(line68: string): string {
  let sum = 0;
  for (const c of line68) {
    if (c >= '0' && c <= '9') sum += Number(c);
    if (c === '-') sum += 1;
  }
  return String(sum % 10);
}

/**
 * A source line as formatTle writes it: the TLE allows a blank-padded catalog number, an explicit
 * '+' and either exponent sign for a zero, which a number cannot remember; formatTle writes
 * zero-padded ids, a blank for '+', and ` 00000-0` for zero (Space-Track's usual form).
 */
function canonical(line: string): string {
  const chars = line.slice(0, 68).split('');
  for (let i = 2; i < 7 && chars[i] === ' '; i++) chars[i] = '0';
  if (line.startsWith('1 ')) {
    if (chars[33] === '+') chars[33] = ' ';
    if (/^[ +-]\.0{8}$/.test(line.slice(33, 43))) chars[33] = ' ';
    for (const start of [44, 53]) {
      if (chars[start] === '+') chars[start] = ' ';
      if (line.slice(start + 1, start + 6) === '00000') chars.splice(start, 8, ...' 00000-0'.split(''));
    }
  }
  const body = chars.join('');
  return body + checksum(body);
}

describe('formatTle on the catalog files', () => {
  for (const path of CATALOGS) {
    it(`writes back every object of ${path}, byte for byte up to the forms a number cannot keep`, () => {
      const text = read(path);
      const lines = text.split(/\r?\n/).filter((l) => l.startsWith('1 ') || l.startsWith('2 '));
      const parsed = parseTle(text);
      expect(parsed.elements.length * 2).toBe(lines.length);
      let identical = 0;
      parsed.elements.forEach((es, i) => {
        const [l1, l2] = formatTle(es);
        const s1 = lines[2 * i] ?? '';
        const s2 = lines[2 * i + 1] ?? '';
        if (l1 !== canonical(s1)) throw new Error(`line 1 of object ${es.catalogId}:\n  ${s1}\n  ${l1}`);
        if (l2 !== canonical(s2)) throw new Error(`line 2 of object ${es.catalogId}:\n  ${s2}\n  ${l2}`);
        identical += (l1 === s1 ? 1 : 0) + (l2 === s2 ? 1 : 0);
      });
      // Every line the source wrote in the canonical form comes back byte-identical.
      expect(identical).toBe(lines.filter((l) => canonical(l) === l).length);
    });
  }
});

describe('formatTle from OMM', () => {
  it("gives Space-Track's own TLE lines for its OMM (omm1_st.json carries both)", () => {
    const text = read('ccsds-ndm/ccsds-examples/omm1_st.json');
    const [record] = JSON.parse(text) as { TLE_LINE1: string; TLE_LINE2: string }[];
    const [es] = parseElements(text).elements;
    expect(es).toBeDefined();
    expect(formatTle(es!)).toEqual([record?.TLE_LINE1, record?.TLE_LINE2]);
  });

  it("gives CelesTrak's TLE lines for CelesTrak's OMM XML of the same objects", () => {
    const tle = read('omm/python-sgp4-samples/stations-tle.txt').split('\r\n').filter((l) => /^[12] /.test(l));
    const omm = parseElements(read('omm/python-sgp4-samples/stations.xml')).elements;
    expect(omm.flatMap((es) => formatTle(es))).toEqual(tle);
  });
});

describe('formatTle limits', () => {
  const iss = parseTle(read('omm/python-sgp4-samples/stations-tle.txt')).elements[0]!;

  it('writes Alpha-5 for ids 100000..339999 and refuses larger ids', () => {
    expect(formatTle({ ...iss, catalogId: 270000 })[0].slice(0, 8)).toBe('1 T0000U');
    expect(formatTle({ ...iss, catalogId: 339999 })[1].slice(0, 7)).toBe('2 Z9999');
    expect(() => formatTle({ ...iss, catalogId: 340000 })).toThrow(RangeError);
    expect(() => formatTle({ ...iss, catalogId: 123456789 })).toThrow(RangeError);
  });

  it('refuses epochs and values the columns cannot hold', () => {
    expect(() => formatTle({ ...iss, epochMs: Date.UTC(2057, 0, 1) })).toThrow(RangeError);
    expect(() => formatTle({ ...iss, eccentricity: 1 })).toThrow(RangeError);
    expect(() => formatTle({ ...iss, meanMotionRevPerDay: 123.5 })).toThrow(RangeError);
    expect(() => formatTle({ ...iss, bstar: 1e12 })).toThrow(RangeError);
    expect(() => formatTle({ ...iss, meanMotionDot: Number.NaN })).toThrow(RangeError);
  });

  it('wraps the revolution number and element set number as their columns do', () => {
    const [l1, l2] = formatTle({ ...iss, revAtEpoch: 123456, elementSetNo: 12345 });
    expect(l2.slice(63, 68)).toBe('23456');
    expect(l1.slice(64, 68)).toBe('2345');
  });
});

describe('formatTle and parseTle', () => {
  // Element sets whose values the TLE columns hold exactly; implied-decimal mantissas are
  // normalized (first digit not 0), as a smaller one could need an exponent below -9.
  const normalized = fc.oneof(fc.constant(0), fc.integer({ min: 10_000, max: 99_999 }), fc.integer({ min: -99_999, max: -10_000 }));
  const representable = fc
    .record({
      catalogId: fc.integer({ min: 0, max: 339999 }),
      year: fc.integer({ min: 1957, max: 2056 }),
      day: fc.integer({ min: 0, max: 364 }),
      dayFraction: fc.integer({ min: 0, max: 99_999_999 }),
      ndot: fc.integer({ min: -99_999_999, max: 99_999_999 }),
      nddotMantissa: normalized,
      nddotExponent: fc.integer({ min: -9, max: 9 }),
      bstarMantissa: normalized,
      bstarExponent: fc.integer({ min: -9, max: 9 }),
      inclination: fc.integer({ min: 0, max: 1_800_000 }),
      raan: fc.integer({ min: 0, max: 3_599_999 }),
      eccentricity: fc.integer({ min: 0, max: 9_999_999 }),
      argp: fc.integer({ min: 0, max: 3_599_999 }),
      meanAnomaly: fc.integer({ min: 0, max: 3_599_999 }),
      meanMotion: fc.integer({ min: 1_000_000, max: 1_799_999_999 }),
      rev: fc.integer({ min: 0, max: 99_999 }),
      elementSetNo: fc.integer({ min: 0, max: 9_999 }),
    })
    .map((r): ElementSet => {
      const implied = (m: number, e: number): number => {
        const k = 5 - e;
        const v = k >= 0 ? Math.abs(m) / 10 ** k : Math.abs(m) * 10 ** -k;
        return m < 0 ? -v : v === 0 ? 0 : v;
      };
      const zero = (v: number): number => (v === 0 ? 0 : v);
      return {
        name: undefined,
        internationalDesignator: '2020-003C',
        catalogId: r.catalogId,
        classification: 'U',
        epochMs: Date.UTC(r.year, 0, 1) + r.day * 86_400_000 + (r.dayFraction * 864) / 1000,
        meanMotionRevPerDay: r.meanMotion / 1e8,
        eccentricity: r.eccentricity / 1e7,
        inclinationDeg: r.inclination / 1e4,
        raanDeg: r.raan / 1e4,
        argOfPericenterDeg: r.argp / 1e4,
        meanAnomalyDeg: r.meanAnomaly / 1e4,
        bstar: implied(r.bstarMantissa, r.bstarExponent),
        meanMotionDot: zero(r.ndot < 0 ? -(-r.ndot / 1e8) : r.ndot / 1e8),
        meanMotionDdot: implied(r.nddotMantissa, r.nddotExponent),
        ephemerisType: 0,
        elementSetNo: r.elementSetNo,
        revAtEpoch: r.rev,
      };
    });

  it('read back what they wrote', () => {
    fc.assert(
      fc.property(representable, (es) => {
        const [l1, l2] = formatTle(es);
        const parsed = parseTle(`${l1}\n${l2}\n`, { ranges: 'ignore' });
        expect(parsed.problems).toEqual([]);
        expect({ ...parsed.elements[0], source: undefined }).toEqual({ ...es, source: undefined });
      }),
      { numRuns: 2000 },
    );
  });
});
