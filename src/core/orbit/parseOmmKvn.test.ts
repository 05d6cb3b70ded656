import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { parseOmmJson } from './parseOmmJson.ts';
import { parseOmmKvn } from './parseOmmKvn.ts';
import { parseOmmXml } from './parseOmmXml.ts';
import { parseTle } from './parseTle.ts';

const EXAMPLES = resolve('../shared/data/ccsds-ndm/ccsds-examples');
const read = (name: string): string => readFileSync(resolve(EXAMPLES, name), 'utf8');
const withoutSource = (list: readonly ElementSet[]): Omit<ElementSet, 'source'>[] => list.map(({ source: _source, ...rest }) => rest);

describe('parseOmmKvn on the CCSDS examples', () => {
  it('reads the Space-Track OMM (comments, USER_DEFINED keywords) as its XML and JSON forms', () => {
    const kvn = parseOmmKvn(read('omm1_st.kvn'), { file: 'omm1_st.kvn' });
    expect(kvn.problems).toEqual([]);
    expect(kvn.elements).toHaveLength(1);
    expect(kvn.elements[0]?.source).toEqual({ file: 'omm1_st.kvn', line: 1, format: 'omm-kvn' });
    expect(withoutSource(kvn.elements)).toEqual(withoutSource(parseOmmXml(read('omm1_st.xml')).elements));
    expect(withoutSource(kvn.elements)).toEqual(withoutSource(parseOmmJson(read('omm1_st.json')).elements));
  });

  it('gives the values of the TLE that Space-Track sent with the same element set', () => {
    const [record] = JSON.parse(read('omm1_st.json')) as { TLE_LINE0: string; TLE_LINE1: string; TLE_LINE2: string }[];
    const tle = parseTle([record?.TLE_LINE0, record?.TLE_LINE1, record?.TLE_LINE2].join('\n'));
    expect(tle.problems).toEqual([]);
    expect(withoutSource(parseOmmKvn(read('omm1_st.kvn')).elements)).toEqual(withoutSource(tle.elements));
  });

  it('reads the CelesTrak-style OMM (empty header values) as its XML form', () => {
    const kvn = parseOmmKvn(read('omm1_ct.kvn'));
    expect(kvn.problems).toEqual([]);
    expect(withoutSource(kvn.elements)).toEqual(withoutSource(parseOmmXml(read('omm1_ct.xml')).elements));
    expect(kvn.elements[0]?.epochMs).toBe(Date.UTC(2020, 11, 29, 11, 59, 56, 951) + 0.808);
    expect(kvn.elements[0]?.bstar).toBe(0.83483e-4);
  });
});

describe('parseOmmKvn on written text', () => {
  const base = read('omm1_ct.kvn');

  it('reads several OMMs in one file, each starting at CCSDS_OMM_VERS', () => {
    const two = `${base}\n${base.replace('NORAD_CAT_ID   = 45018', 'NORAD_CAT_ID   = 123456789')}`;
    const parsed = parseOmmKvn(two);
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements.map((e) => e.catalogId)).toEqual([45018, 123456789]);
    expect(parsed.elements[1]?.source?.line).toBe(base.split('\n').length + 1);
  });

  it('ignores units in square brackets', () => {
    const parsed = parseOmmKvn(base.replace('MEAN_MOTION    = 15.27990594', 'MEAN_MOTION    = 15.27990594 [rev/day]'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements[0]?.meanMotionRevPerDay).toBe(15.27990594);
  });

  it('reports a bad number at its line and column and drops that OMM', () => {
    const lines = base.split('\n');
    const at = lines.findIndex((l) => l.startsWith('ECCENTRICITY'));
    lines[at] = 'ECCENTRICITY   = .00l3363';
    const parsed = parseOmmKvn(lines.join('\n'), { file: 'x.kvn' });
    expect(parsed.elements).toEqual([]);
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column, p.context.field])).toEqual([['OMM_FIELD', at + 1, 18, 'ECCENTRICITY']]);
    expect(parsed.problems[0]?.message).toContain("found '.00l3363'");
  });

  it('reports a missing mandatory keyword at the start of its OMM', () => {
    const parsed = parseOmmKvn(base.replace(/^MEAN_MOTION .*$/m, ''));
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.field])).toEqual([['OMM_MISSING_FIELD', 1, 'MEAN_MOTION']]);
  });

  it('reports a line that is not KEYWORD = value, and a keyword given twice', () => {
    const lines = base.split('\n');
    const garbled = parseOmmKvn([...lines.slice(0, 5), 'this is not kvn', ...lines.slice(5)].join('\n'));
    expect(garbled.problems.map((p) => [p.code, p.context.line])).toEqual([['OMM_SYNTAX', 6]]);
    expect(garbled.elements).toEqual([]);
    const twice = parseOmmKvn(base.replace('MEAN_ANOMALY   = 15.7307', 'MEAN_ANOMALY   = 15.7307\nINCLINATION = 12'));
    expect(twice.problems.map((p) => [p.code, p.context.field])).toEqual([['OMM_SYNTAX', 'INCLINATION']]);
  });

  it('refuses elements that are not SGP4 mean elements in TEME', () => {
    const parsed = parseOmmKvn(base.replace('REF_FRAME      = TEME', 'REF_FRAME      = EME2000'));
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.field])).toEqual([['OMM_UNSUPPORTED', 8, 'REF_FRAME']]);
  });

  it('reports an eccentricity out of range at its line', () => {
    const parsed = parseOmmKvn(base.replace('ECCENTRICITY   = .0013363', 'ECCENTRICITY   = 1.2'));
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.field])).toEqual([['ELEMENT_RANGE', 14, 'ECCENTRICITY']]);
    expect(parseOmmKvn(base.replace('ECCENTRICITY   = .0013363', 'ECCENTRICITY   = 1.2'), { ranges: 'ignore' }).elements[0]?.eccentricity).toBe(1.2);
  });
});
