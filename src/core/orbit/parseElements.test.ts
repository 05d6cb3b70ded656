import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElements } from './parseElements.ts';

const DATA = resolve('../shared/data');
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');

describe('parseElements', () => {
  it.each([
    ['omm/python-sgp4-samples/stations-tle.txt', 'tle', 3],
    ['omm/python-sgp4-samples/stations.xml', 'omm-xml', 3],
    ['omm/python-sgp4-samples/sample_omm.json', 'omm-json', 1],
    ['omm/python-sgp4-samples/sample_omm.csv', 'omm-csv', 1],
    ['ccsds-ndm/ccsds-examples/omm1_st.kvn', 'omm-kvn', 1],
    ['tle/celestrak-geo-2026-05/geo.tle', 'tle', 574],
  ] as const)('reads %s as %s (%i objects) without being told the format', (path, format, count) => {
    const parsed = parseElements(read(path), { file: path });
    expect(parsed.format).toBe(format);
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements).toHaveLength(count);
    expect(parsed.elements.every((e) => e.source?.file === path && e.source.format === format)).toBe(true);
  });

  it('passes the checksum and range options to the reader', () => {
    const text = read('sgp4-verification/SGP4-VER.TLE');
    expect(parseElements(text).elements).toHaveLength(30);
    expect(parseElements(text, { checksums: 'ignore', ranges: 'ignore' }).elements).toHaveLength(33);
  });

  it('reads through a byte-order mark', () => {
    const parsed = parseElements(`\ufeff${read('ccsds-ndm/ccsds-examples/omm1_ct.kvn')}`);
    expect(parsed.format).toBe('omm-kvn');
    expect(parsed.elements).toHaveLength(1);
  });

  it('reports an empty file, and a file with no element sets in it', () => {
    expect(parseElements('\n  \n# only a comment\n', { file: 'e.tle' }).problems.map((p) => p.describe())).toEqual([
      'e.tle: [ELEMENTS_EMPTY] expected element sets, found an empty file',
    ]);
    expect(parseElements('[]').problems.map((p) => p.code)).toEqual(['ELEMENTS_EMPTY']);
  });

  it('says what it found when the format is none it knows', () => {
    const parsed = parseElements(read('ccsds-ndm/ccsds-examples/502x0b2c1e2_fig3_2_opm.kvn'), { file: 'opm.kvn' });
    expect(parsed.format).toBe('unknown');
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['ELEMENTS_FORMAT', 1]]);
    expect(parsed.problems[0]?.message).toContain("found 'CCSDS_OPM_VERS");
  });
});
