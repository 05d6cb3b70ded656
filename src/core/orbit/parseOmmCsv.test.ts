import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from './ElementSet.ts';
import { csvRows, parseOmmCsv } from './parseOmmCsv.ts';
import { parseOmmXml } from './parseOmmXml.ts';

const DATA = resolve('../shared/data/omm/python-sgp4-samples');
const read = (name: string): string => readFileSync(resolve(DATA, name), 'utf8');
const withoutSource = (list: readonly ElementSet[]): Omit<ElementSet, 'source'>[] => list.map(({ source: _source, ...rest }) => rest);
const SAMPLE = read('sample_omm.csv');

describe('parseOmmCsv', () => {
  it("reads CelesTrak's CSV as its XML form of the same element set", () => {
    const csv = parseOmmCsv(SAMPLE, { file: 's.csv' });
    expect(csv.problems).toEqual([]);
    expect(withoutSource(csv.elements)).toEqual(withoutSource(parseOmmXml(read('sample_omm.xml')).elements));
    expect(csv.elements[0]?.source).toEqual({ file: 's.csv', line: 2, format: 'omm-csv' });
  });

  it('reads columns in any order, quoted cells and CRLF', () => {
    const [header = '', row = ''] = SAMPLE.trim().split('\n');
    const cells = (line: string): string[] => line.split(',');
    const order = cells(header).map((_, i) => i).reverse();
    const reordered = [order.map((i) => cells(header)[i]).join(','), order.map((i) => cells(row)[i]).join(',')].join('\r\n');
    const quoted = reordered.replace('VANGUARD 1', '"VANGUARD 1, ""THE GRAPEFRUIT"""');
    const parsed = parseOmmCsv(quoted);
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements[0]?.name).toBe('VANGUARD 1, "THE GRAPEFRUIT"');
    expect({ ...withoutSource(parsed.elements)[0], name: 'VANGUARD 1' }).toEqual(withoutSource(parseOmmCsv(SAMPLE).elements)[0]);
  });

  it('reports a row with the wrong number of cells and loads the others', () => {
    const [header = '', row = ''] = SAMPLE.trim().split('\n');
    const text = [header, row, row.replace('VANGUARD 1,', ''), row.replace(',5,', ',11,')].join('\n');
    const parsed = parseOmmCsv(text);
    expect(parsed.elements.map((e) => e.catalogId)).toEqual([5, 11]);
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['OMM_SYNTAX', 3]]);
  });

  it('names the row, column and keyword of a bad value', () => {
    const [header = '', row = ''] = SAMPLE.trim().split('\n');
    const bad = row.replace(',.1845686,', ',1.845686,');
    const parsed = parseOmmCsv(`${header}\n${bad}\n`);
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column, p.context.field])).toEqual([
      ['ELEMENT_RANGE', 2, bad.indexOf('1.845686') + 1, 'ECCENTRICITY'],
    ]);
  });
});

describe('csvRows', () => {
  it('keeps line and column of each cell, across quoted line breaks', () => {
    const rows = csvRows('a,b\n"x\ny",z\n\n1,2');
    expect(rows.map((r) => [r.line, r.cells.map((c) => [c.text, c.column])])).toEqual([
      [1, [['a', 1], ['b', 3]]],
      [2, [['x\ny', 1], ['z', 4]]],
      [5, [['1', 1], ['2', 3]]],
    ]);
  });
});
