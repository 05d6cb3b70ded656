import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { parseOmmEpoch } from './epochText.ts';
import { parseOmmJson } from './parseOmmJson.ts';

const DATA = resolve('../shared/data');
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');
const withoutSource = (list: readonly ElementSet[]): Omit<ElementSet, 'source'>[] => list.map(({ source: _source, ...rest }) => rest);

describe('parseOmmJson', () => {
  it("maps every keyword of CelesTrak's JSON to its field", () => {
    const text = read('omm/python-sgp4-samples/sample_omm.json');
    const [o] = JSON.parse(text) as Record<string, string | number>[];
    const parsed = parseOmmJson(text, { file: 'sample.json' });
    expect(parsed.problems).toEqual([]);
    expect(withoutSource(parsed.elements)).toEqual([
      {
        name: o?.['OBJECT_NAME'],
        internationalDesignator: o?.['OBJECT_ID'],
        catalogId: o?.['NORAD_CAT_ID'],
        classification: o?.['CLASSIFICATION_TYPE'],
        epochMs: Date.UTC(2025, 1, 14, 14, 36, 48, 662) + 0.784,
        meanMotionRevPerDay: o?.['MEAN_MOTION'],
        eccentricity: o?.['ECCENTRICITY'],
        inclinationDeg: o?.['INCLINATION'],
        raanDeg: o?.['RA_OF_ASC_NODE'],
        argOfPericenterDeg: o?.['ARG_OF_PERICENTER'],
        meanAnomalyDeg: o?.['MEAN_ANOMALY'],
        bstar: o?.['BSTAR'],
        meanMotionDot: o?.['MEAN_MOTION_DOT'],
        meanMotionDdot: o?.['MEAN_MOTION_DDOT'],
        ephemerisType: o?.['EPHEMERIS_TYPE'],
        elementSetNo: o?.['ELEMENT_SET_NO'],
        revAtEpoch: o?.['REV_AT_EPOCH'],
        source: undefined,
      },
    ]);
    expect(parsed.elements[0]?.source).toEqual({ file: 'sample.json', line: 1, format: 'omm-json' });
  });

  it("reads Space-Track's numbers-as-strings the same as CelesTrak's numbers", () => {
    const st = parseOmmJson(read('ccsds-ndm/ccsds-examples/omm1_st.json'));
    const ct = parseOmmJson(read('ccsds-ndm/ccsds-examples/omm1_ct.json'));
    expect(st.problems).toEqual([]);
    expect(withoutSource(st.elements)).toEqual(withoutSource(ct.elements));
    expect(st.elements[0]?.epochMs).toBe(parseOmmEpoch('2020-12-29T03:57:59.406624'));
  });

  it('names the line of the object and of the key in a problem', () => {
    const text = read('ccsds-ndm/ccsds-examples/omm1_ct.json');
    const one = text.trim().slice(1, -1).trim();
    const two = `[\n${one},\n${one.replace('"ECCENTRICITY": 0.0013356', '"ECCENTRICITY": "bad"')}\n]`;
    const parsed = parseOmmJson(two, { file: 'two.json' });
    expect(parsed.elements).toHaveLength(1);
    const lines = two.split('\n');
    const line = lines.findIndex((l) => l.includes('"bad"')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('"ECCENTRICITY"') + 1;
    expect(parsed.problems.map((p) => [p.code, p.context.file, p.context.line, p.context.column, p.context.field, p.context.path])).toEqual([
      ['OMM_FIELD', 'two.json', line, column, 'ECCENTRICITY', '[1]'],
    ]);
  });

  it('treats null as not given, and reports a missing mandatory keyword', () => {
    const parsed = parseOmmJson('[{"NORAD_CAT_ID": 5, "EPOCH": "2020-10-13T04:52:48.472320", "MEAN_MOTION": null}]');
    expect(parsed.problems.map((p) => p.context.field)).toEqual(['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'BSTAR']);
    expect(parsed.problems.every((p) => p.code === 'OMM_MISSING_FIELD' && p.context.objectId === 5)).toBe(true);
  });

  it('reads a single object as well as an array', () => {
    const text = read('ccsds-ndm/ccsds-examples/omm1_ct.json');
    const single = text.trim().slice(1, -1);
    expect(withoutSource(parseOmmJson(single).elements)).toEqual(withoutSource(parseOmmJson(text).elements));
  });

  it('reports JSON that does not parse, and records that are not objects', () => {
    const broken = parseOmmJson('[\n{"NORAD_CAT_ID": 5,\n "EPOCH": }\n]');
    expect(broken.problems.map((p) => [p.code, p.context.line])).toEqual([['OMM_SYNTAX', 3]]);
    const strange = parseOmmJson('[42]');
    expect(strange.problems.map((p) => p.code)).toEqual(['OMM_SYNTAX']);
  });
});
