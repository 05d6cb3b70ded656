import { describe, expect, it } from 'vitest';
import { ommRecordToElementSet } from './ommRecord.ts';
import type { OmmValue } from './ommRecord.ts';

// NUSAT-8 (MARIE) as CelesTrak's JSON gives it (ccsds-examples/omm1_ct.json).
const BASE: Record<string, string> = {
  OBJECT_NAME: 'NUSAT-8 (MARIE)',
  OBJECT_ID: '2020-003C',
  EPOCH: '2020-12-29T03:57:59.406624',
  MEAN_MOTION: '15.27989249',
  ECCENTRICITY: '0.0013356',
  INCLINATION: '97.297',
  RA_OF_ASC_NODE: '66.4161',
  ARG_OF_PERICENTER: '110.6345',
  MEAN_ANOMALY: '334.7107',
  NORAD_CAT_ID: '45018',
  BSTAR: '0.000084553',
};

function fields(change: Record<string, string | undefined> = {}): Map<string, OmmValue> {
  const map = new Map<string, OmmValue>();
  Object.entries({ ...BASE, ...change }).forEach(([key, text], i) => {
    if (text !== undefined) map.set(key, { text, line: i + 1, column: 5 });
  });
  return map;
}

const place = { file: 'f.kvn', line: 1, format: 'omm-kvn' } as const;

describe('ommRecordToElementSet', () => {
  it('fills the optional TLE parameters with their defaults', () => {
    const { elements, problems } = ommRecordToElementSet(fields(), place);
    expect(problems).toEqual([]);
    expect(elements).toMatchObject({ classification: 'U', ephemerisType: 0, elementSetNo: 0, revAtEpoch: 0, meanMotionDot: 0, meanMotionDdot: 0 });
    expect(elements?.epochMs).toBe(Date.UTC(2020, 11, 29, 3, 57, 59, 406) + 0.624);
  });

  it('takes catalog ids of nine digits, and Alpha-5 ids', () => {
    expect(ommRecordToElementSet(fields({ NORAD_CAT_ID: '987654321' }), place).elements?.catalogId).toBe(987654321);
    expect(ommRecordToElementSet(fields({ NORAD_CAT_ID: 'T0000' }), place).elements?.catalogId).toBe(270000);
    const bad = ommRecordToElementSet(fields({ NORAD_CAT_ID: '1234567890' }), place);
    expect(bad.problems.map((p) => [p.code, p.context.field])).toEqual([['ELEMENT_RANGE', 'NORAD_CAT_ID']]);
  });

  it('refuses other theories, frames and time systems', () => {
    for (const [key, value] of [
      ['MEAN_ELEMENT_THEORY', 'SGP4-XP'],
      ['REF_FRAME', 'GCRF'],
      ['TIME_SYSTEM', 'TAI'],
      ['CENTER_NAME', 'MOON'],
    ] as const) {
      const { elements, problems } = ommRecordToElementSet(fields({ [key]: value }), place);
      expect(elements).toBeUndefined();
      expect(problems.map((p) => [p.code, p.context.field])).toEqual([['OMM_UNSUPPORTED', key]]);
    }
    expect(ommRecordToElementSet(fields({ MEAN_ELEMENT_THEORY: 'SGP/SGP4', REF_FRAME: 'TEME' }), place).problems).toEqual([]);
  });

  it('says SEMI_MAJOR_AXIS is not what SGP4 needs', () => {
    const { problems } = ommRecordToElementSet(fields({ MEAN_MOTION: undefined, SEMI_MAJOR_AXIS: '6859.961' }), place);
    expect(problems.map((p) => p.code)).toEqual(['OMM_UNSUPPORTED', 'OMM_MISSING_FIELD']);
  });

  it('names the field, line and column of a bad epoch', () => {
    const { problems } = ommRecordToElementSet(fields({ EPOCH: '2020-02-30T00:00:00' }), place);
    expect(problems.map((p) => p.describe())).toEqual([
      "f.kvn:3:5: [OMM_EPOCH] object 45018: EPOCH: expected a UTC date and time such as 2020-06-25T13:08:18.802176, found '2020-02-30T00:00:00'",
    ]);
  });
});
