import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectElementFormat } from './detectElementFormat.ts';

const DATA = resolve('../shared/data');
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');

describe('detectElementFormat', () => {
  it.each([
    ['tle/spacetrack-full-catalog-2022-07/3le.txt', 'tle'],
    ['tle/celestrak-geo-2026-05/geo.tle', 'tle'],
    ['sgp4-verification/SGP4-VER.TLE', 'tle'],
    ['omm/python-sgp4-samples/stations-tle.txt', 'tle'],
    ['omm/python-sgp4-samples/stations.xml', 'omm-xml'],
    ['omm/python-sgp4-samples/sample_omm.xml', 'omm-xml'],
    ['omm/python-sgp4-samples/sample_omm.json', 'omm-json'],
    ['omm/python-sgp4-samples/sample_omm.csv', 'omm-csv'],
    ['ccsds-ndm/ccsds-examples/omm1_st.kvn', 'omm-kvn'],
    ['ccsds-ndm/ccsds-examples/omm1_ct.kvn', 'omm-kvn'],
    ['ccsds-ndm/ccsds-examples/omm1_st.json', 'omm-json'],
    ['ccsds-ndm/ccsds-examples/502x0b2c1e2_fig3_2_opm.kvn', 'unknown'],
    ['ccsds-ndm/ccsds-examples/odmv2-testcase6_abbrev.kvn', 'unknown'],
  ])('tells %s is %s', (path, format) => {
    expect(detectElementFormat(read(path))).toBe(format);
  });

  it('reads two-line sets, a byte-order mark and leading comments', () => {
    const tle = read('omm/python-sgp4-samples/stations-tle.txt').split('\r\n');
    expect(detectElementFormat(tle.slice(1, 3).join('\n'))).toBe('tle');
    expect(detectElementFormat(`\ufeff# fleet\n\n${tle.join('\n')}`)).toBe('tle');
    expect(detectElementFormat(`\ufeff${read('omm/python-sgp4-samples/sample_omm.json')}`)).toBe('omm-json');
  });

  it('does not guess at text that is none of the formats', () => {
    expect(detectElementFormat('hello\nworld\n')).toBe('unknown');
    expect(detectElementFormat('')).toBe('unknown');
    expect(detectElementFormat('a,b,c\n1,2,3\n')).toBe('unknown');
  });
});
