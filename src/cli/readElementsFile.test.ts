import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { afterAll, describe, expect, it } from 'vitest';
import { ZenithError } from '../core/errors/index.ts';
import { parseCatalogId, parseIdList, readElementsFile } from './readElementsFile.ts';

const VER = resolve('../shared/data/sgp4-verification/SGP4-VER.TLE');
const CATALOG = resolve('../shared/data/tle/spacetrack-full-catalog-2022-07/3le.txt');
const dir = mkdtempSync(join(tmpdir(), 'zenith-elements-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function collect(): { lines: string[]; report: (line: string) => void } {
  const lines: string[] = [];
  return { lines, report: (line) => lines.push(line) };
}

describe('readElementsFile', () => {
  it('prints each problem in the CLI form and keeps the good records', async () => {
    const out = collect();
    const read = await readElementsFile(VER, { report: out.report });
    expect(read.elements).toHaveLength(30);
    expect(out.lines).toHaveLength(5);
    for (const line of out.lines) expect(line).toMatch(new RegExp(`^zenith: ${VER.replaceAll('.', '\\.')}:\\d+:69: \\[TLE_CHECKSUM\\] object 3333[345] `));
  });

  it('passes the checksum and range options through', async () => {
    const read = await readElementsFile(VER, { checksums: 'ignore', ranges: 'ignore', report: collect().report });
    expect(read.elements).toHaveLength(33);
    expect(read.problems).toEqual([]);
  });

  it('makes any problem fatal with strict, after printing them all', async () => {
    const out = collect();
    const error = await readElementsFile(VER, { strict: true, report: out.report }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZenithError);
    expect((error as ZenithError).code).toBe('ELEMENTS_STRICT');
    expect((error as ZenithError).message).toContain('5 problem(s)');
    expect(out.lines).toHaveLength(5);
  });

  it('keeps only the ids asked for, Alpha-5 included, and reports those not found', async () => {
    const out = collect();
    const read = await readElementsFile(CATALOG, { ids: [25544, 270000, 999_999_999], report: out.report });
    expect(read.elements.map((e) => e.catalogId).sort((a, b) => a - b)).toEqual([25544, 270000]);
    expect(read.missingIds).toEqual([999_999_999]);
    expect(out.lines).toEqual([`zenith: ${CATALOG}: [ELEMENTS_ID_NOT_FOUND] catalog id 999999999 asked for with --ids is not among the element sets read from the file`]);
    await expect(readElementsFile(CATALOG, { ids: [999_999_999], strict: true, report: collect().report })).rejects.toMatchObject({ code: 'ELEMENTS_STRICT' });
  });

  it('fails when nothing is left to work on, or the file cannot be read', async () => {
    const empty = join(dir, 'empty.tle');
    writeFileSync(empty, '# nothing here\n');
    await expect(readElementsFile(empty, { report: collect().report })).rejects.toMatchObject({ code: 'ELEMENTS_NONE' });
    await expect(readElementsFile(join(dir, 'missing.tle'))).rejects.toMatchObject({ code: 'ELEMENTS_UNREADABLE', context: { file: join(dir, 'missing.tle') } });
  });

  it('reads OMM files the same way', async () => {
    const file = join(dir, 'st.kvn');
    writeFileSync(file, readFileSync(resolve('../shared/data/ccsds-ndm/ccsds-examples/omm1_st.kvn')));
    const read = await readElementsFile(file, { ids: [45018] });
    expect(read.format).toBe('omm-kvn');
    expect(read.elements[0]?.name).toBe('NUSAT-8 (MARIE)');
  });
});

describe('parseIdList', () => {
  it('reads numeric and Alpha-5 ids', () => {
    expect(parseIdList('25544, T0000,5,000000007,t0001')).toEqual([25544, 270000, 5, 7, 270001]);
    expect(parseCatalogId('999999999')).toBe(999_999_999);
  });
  it('refuses what is not a catalog id', () => {
    for (const text of ['', '25544,', 'ISS', '1234567890', 'I0000', '-5']) {
      expect(() => parseIdList(text), text).toThrow(InvalidArgumentError);
    }
  });
});
