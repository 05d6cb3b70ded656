import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
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

describe('parseElements on arbitrary damage', () => {
  const samples = [
    read('omm/python-sgp4-samples/stations-tle.txt'),
    read('omm/python-sgp4-samples/stations.xml'),
    read('ccsds-ndm/ccsds-examples/omm1_st.kvn'),
    read('ccsds-ndm/ccsds-examples/omm1_st.json'),
    read('omm/python-sgp4-samples/sample_omm.csv'),
  ];
  const numeric = (es: ElementSet): number[] => [
    es.catalogId, es.epochMs, es.meanMotionRevPerDay, es.eccentricity, es.inclinationDeg, es.raanDeg, es.argOfPericenterDeg,
    es.meanAnomalyDeg, es.bstar, es.meanMotionDot, es.meanMotionDdot, es.ephemerisType, es.elementSetNo, es.revAtEpoch,
  ];

  it('never throws and never gives a NaN or infinite field, whatever is changed in a real file', () => {
    const edit = fc.record({
      sample: fc.integer({ min: 0, max: samples.length - 1 }),
      at: fc.nat(),
      cut: fc.integer({ min: 0, max: 8 }),
      insert: fc.string({ maxLength: 8, unit: fc.constantFrom(...'0123456789 .-+eE\n\r<>/"=,:[]{}TZ'.split('')) }),
    });
    fc.assert(
      fc.property(edit, fc.boolean(), (e, lax) => {
        const text = samples[e.sample] ?? '';
        const at = e.at % (text.length + 1);
        const damaged = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        const parsed = parseElements(damaged, lax ? { checksums: 'ignore', ranges: 'ignore' } : {});
        for (const es of parsed.elements) expect(numeric(es).every(Number.isFinite)).toBe(true);
        for (const p of parsed.problems) expect(p.code).toMatch(/^[A-Z_0-9]+$/);
      }),
      { numRuns: 1500 },
    );
  });
});
