import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { parseOmmCsv } from './parseOmmCsv.ts';
import { parseOmmXml } from './parseOmmXml.ts';
import { parseTle } from './parseTle.ts';

const DATA = resolve('../shared/data');
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');
const withoutSource = (list: readonly ElementSet[]): Omit<ElementSet, 'source'>[] => list.map(({ source: _source, ...rest }) => rest);
const CT = read('ccsds-ndm/ccsds-examples/omm1_ct.xml');

describe('parseOmmXml', () => {
  it('reads the NDM wrapper with three OMMs as the TLEs of the same objects', () => {
    const xml = parseOmmXml(read('omm/python-sgp4-samples/stations.xml'), { file: 'stations.xml' });
    const tle = parseTle(read('omm/python-sgp4-samples/stations-tle.txt'));
    expect(xml.problems).toEqual([]);
    expect(tle.problems).toEqual([]);
    expect(xml.elements).toHaveLength(3);
    expect(withoutSource(xml.elements)).toEqual(withoutSource(tle.elements));
    // Each <omm> starts a line of its own in that file (lines 3, 5 and 7; CRLF line ends).
    expect(xml.elements.map((e) => e.source)).toEqual([3, 5, 7].map((line) => ({ file: 'stations.xml', line, format: 'omm-xml' })));
  });

  it('reads a single-OMM file as its CSV form', () => {
    const xml = parseOmmXml(read('omm/python-sgp4-samples/sample_omm.xml'));
    expect(xml.problems).toEqual([]);
    expect(withoutSource(xml.elements)).toEqual(withoutSource(parseOmmCsv(read('omm/python-sgp4-samples/sample_omm.csv')).elements));
    expect(xml.elements[0]?.catalogId).toBe(5);
  });

  it('reads an <omm> root without the <ndm> wrapper, with a namespace prefix', () => {
    const inner = CT.slice(CT.indexOf('<omm'), CT.indexOf('</ndm>')).replaceAll('<', '<n:').replaceAll('<n:/', '</n:');
    const parsed = parseOmmXml(`<?xml version="1.0"?>\n${inner.replace('<n:omm ', '<n:omm xmlns:n="urn:ccsds:omm" ')}`);
    expect(parsed.problems).toEqual([]);
    expect(withoutSource(parsed.elements)).toEqual(withoutSource(parseOmmXml(CT).elements));
  });

  it('keeps the line and column of each value for problems', () => {
    const parsed = parseOmmXml(CT.replace('<INCLINATION>97.2970</INCLINATION>', '<INCLINATION>197.2970</INCLINATION>'), { file: 'ct.xml' });
    expect(parsed.elements).toEqual([]);
    const line = CT.split('\n').findIndex((l) => l.includes('<INCLINATION>')) + 1;
    const column = (CT.split('\n')[line - 1] ?? '').indexOf('<INCLINATION>') + 1;
    expect(parsed.problems.map((p) => [p.code, p.context.file, p.context.line, p.context.column, p.context.field])).toEqual([
      ['ELEMENT_RANGE', 'ct.xml', line, column, 'INCLINATION'],
    ]);
  });

  it('reports XML that is not well formed at the line of the fault', () => {
    const lines = CT.split('\n');
    const at = lines.findIndex((l) => l.includes('</MEAN_ANOMALY>'));
    lines[at] = (lines[at] ?? '').replace('</MEAN_ANOMALY>', '</MEAN_ANOMALIE>');
    const parsed = parseOmmXml(lines.join('\n'));
    expect(parsed.elements).toEqual([]);
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['OMM_SYNTAX', at + 1]]);
  });

  it('says what it found when the XML holds no OMM', () => {
    const parsed = parseOmmXml(read('ccsds-ndm/ccsds-examples/502x0b2c1e2_fig3_2_opm.xml'));
    expect(parsed.problems.map((p) => p.code)).toEqual(['OMM_SYNTAX']);
    expect(parsed.problems[0]?.message).toContain('found <opm>');
  });

  it('loads the good OMMs of an NDM and reports the bad one', () => {
    const text = read('omm/python-sgp4-samples/stations.xml').replace('<NORAD_CAT_ID>42982</NORAD_CAT_ID>', '<NORAD_CAT_ID>4298X</NORAD_CAT_ID>');
    const parsed = parseOmmXml(text);
    expect(parsed.elements.map((e) => e.catalogId)).toEqual([25544, 43021]);
    const line = text.split('\r\n').findIndex((l) => l.includes('4298X')) + 1;
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.field])).toEqual([['OMM_FIELD', line, 'NORAD_CAT_ID']]);
    expect(parsed.problems[0]?.context.column).toBe((text.split('\r\n')[line - 1] ?? '').indexOf('<NORAD_CAT_ID>4298X') + 1);
  });
});
