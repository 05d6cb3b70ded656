import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { checkElementRanges, validateElementSet } from './validateElementSet.ts';

// ISS (ZARYA) from CelesTrak's stations file of 2020-06-25.
const ISS: ElementSet = {
  name: 'ISS (ZARYA)',
  internationalDesignator: '1998-067A',
  catalogId: 25544,
  classification: 'U',
  epochMs: Date.UTC(2020, 5, 25, 13, 8, 18, 802) + 0.176,
  meanMotionRevPerDay: 15.49459678,
  eccentricity: 0.0002519,
  inclinationDeg: 51.6448,
  raanDeg: 307.0852,
  argOfPericenterDeg: 82.7533,
  meanAnomalyDeg: 354.3691,
  bstar: 0.19557e-4,
  meanMotionDot: 0.00000643,
  meanMotionDdot: 0,
  ephemerisType: 0,
  elementSetNo: 999,
  revAtEpoch: 23331,
  source: { file: 'stations.xml', line: 3, format: 'omm-xml' },
};

describe('checkElementRanges', () => {
  it('accepts a real element set and the edges of each range', () => {
    expect(checkElementRanges(ISS)).toEqual([]);
    expect(checkElementRanges({ ...ISS, eccentricity: 0, inclinationDeg: 180, raanDeg: 360, meanMotionRevPerDay: 0.073 })).toEqual([]);
    expect(checkElementRanges({ ...ISS, catalogId: 999_999_999 })).toEqual([]);
  });

  it.each([
    ['ECCENTRICITY', { eccentricity: 1 }],
    ['ECCENTRICITY', { eccentricity: -0.1 }],
    ['INCLINATION', { inclinationDeg: 180.01 }],
    ['INCLINATION', { inclinationDeg: -1 }],
    ['RA_OF_ASC_NODE', { raanDeg: 400 }],
    ['ARG_OF_PERICENTER', { argOfPericenterDeg: -5 }],
    ['MEAN_ANOMALY', { meanAnomalyDeg: Number.NaN }],
    ['MEAN_MOTION', { meanMotionRevPerDay: 0 }],
    ['MEAN_MOTION', { meanMotionRevPerDay: 0.00001 }],
    ['MEAN_MOTION', { meanMotionRevPerDay: 25 }],
    ['EPOCH', { epochMs: Date.UTC(1950, 0, 1) }],
    ['EPOCH', { epochMs: Date.UTC(2100, 0, 1) }],
    ['NORAD_CAT_ID', { catalogId: 1_000_000_000 }],
    ['NORAD_CAT_ID', { catalogId: 1.5 }],
    ['REV_AT_EPOCH', { revAtEpoch: -1 }],
    ['BSTAR', { bstar: Number.POSITIVE_INFINITY }],
  ] as const)('names %s when it is out of range', (field, change) => {
    const issues = checkElementRanges({ ...ISS, ...change });
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toContain('found');
  });
});

describe('validateElementSet', () => {
  it('places each problem at the record, or where the locator says', () => {
    const [p] = validateElementSet({ ...ISS, eccentricity: 1.5 });
    expect(p?.code).toBe('ELEMENT_RANGE');
    expect(p?.context).toMatchObject({ file: 'stations.xml', line: 3, field: 'ECCENTRICITY', objectId: 25544 });
    expect(p?.describe()).toBe('stations.xml:3: [ELEMENT_RANGE] object 25544: ECCENTRICITY must be within 0 <= e < 1, found 1.5');
    const [q] = validateElementSet({ ...ISS, eccentricity: 1.5 }, (field) => ({ file: 'a.tle', line: 7, column: field === 'ECCENTRICITY' ? 27 : 0 }));
    expect(q?.describe()).toMatch(/^a\.tle:7:27: \[ELEMENT_RANGE\]/);
  });
});
