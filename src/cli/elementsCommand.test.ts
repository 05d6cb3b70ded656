// `zenith elements` end to end: spawns bin/zenith.js on the reference files and on damaged copies.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DATA = resolve('../shared/data');
const FULL = resolve(DATA, 'tle/spacetrack-full-catalog-2022-07/3le.txt');
const GEO = resolve(DATA, 'tle/celestrak-geo-2026-05/geo.tle');
const VER = resolve(DATA, 'sgp4-verification/SGP4-VER.TLE');
const STATIONS_XML = resolve(DATA, 'omm/python-sgp4-samples/stations.xml');
const STATIONS_TLE = resolve(DATA, 'omm/python-sgp4-samples/stations-tle.txt');
const ST_KVN = resolve(DATA, 'ccsds-ndm/ccsds-examples/omm1_st.kvn');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function zenith(args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/zenith.js', 'elements', ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'zenith-elements-cli-'));
const damaged = join(dir, 'damaged.tle');
const bigId = join(dir, 'big-id.kvn');
const geoLines = readFileSync(GEO, 'utf8').split('\r\n');
// Object 2 of the GEO file loses its line 2: the file goes on with object 3's name line.
writeFileSync(damaged, [...geoLines.slice(0, 5), ...geoLines.slice(6, 9)].join('\n'));
writeFileSync(bigId, readFileSync(ST_KVN, 'utf8').replace('=45018', '=123456789'));

const JOBS = {
  catalogs: () => zenith(['check', FULL, GEO, STATIONS_XML]),
  vallado: () => zenith(['check', VER]),
  valladoIgnoring: () => zenith(['check', '--ignore-checksums', '--ignore-ranges', VER]),
  damagedJson: () => zenith(['check', '--format', 'json', damaged, join(dir, 'nope.tle')]),
  tle: () => zenith(['tle', STATIONS_XML]),
  tle3le: () => zenith(['tle', '--names', '3le', '--ids', '25544', STATIONS_XML]),
  tleBigOnly: () => zenith(['tle', bigId]),
};
const runs = {} as Record<keyof typeof JOBS, Run>;

beforeAll(async () => {
  const entries = Object.entries(JOBS) as [keyof typeof JOBS, () => Promise<Run>][];
  // Two at a time: the machine is shared.
  for (let i = 0; i < entries.length; i += 2) {
    await Promise.all(entries.slice(i, i + 2).map(async ([name, job]) => (runs[name] = await job())));
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('zenith elements check', () => {
  it('counts the objects of clean files by format and exits 0', () => {
    const run = runs.catalogs;
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      `${FULL}: 24132 objects (tle), 0 problems`,
      `${GEO}: 574 objects (tle), 0 problems`,
      `${STATIONS_XML}: 3 objects (omm-xml), 0 problems`,
      'total: 24709 objects (tle: 24706, omm-xml: 3), 0 problems in 3 files',
    ]);
  });

  it("lists every problem of Vallado's file at its line and column and exits 1", () => {
    const run = runs.vallado;
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    const source = readFileSync(VER, 'utf8').split('\r\n');
    expect(lines.at(-1)).toBe(`${VER}: 30 objects (tle), 5 problems`);
    const problems = lines.slice(0, -1);
    expect(problems).toHaveLength(5);
    for (const p of problems) {
      const m = new RegExp(`^${VER.replaceAll('.', '\\.')}:(\\d+):69: \\[TLE_CHECKSUM\\] object (\\d+) line ([12]): checksum \\d expected`).exec(p);
      expect(m, p).not.toBeNull();
      const line = source[Number(m?.[1]) - 1] ?? '';
      expect(line.slice(0, 7)).toBe(`${m?.[3]} ${m?.[2]}`);
    }
  });

  it('loads all 33 sets of that file when checksums and ranges are not verified', () => {
    expect(runs.valladoIgnoring.code).toBe(0);
    expect(runs.valladoIgnoring.stdout).toBe(`${VER}: 33 objects (tle), 0 problems\n`);
  });

  it('reports as JSON, naming the line of a damaged record and a file it cannot read', () => {
    const run = runs.damagedJson;
    expect(run.code).toBe(1);
    type Problem = { code: string; message: string; line?: number; file: string };
    const report = JSON.parse(run.stdout) as { objects: number; problems: number; files: { format: string; objects: number; problems: Problem[] }[] };
    expect(report.objects).toBe(2);
    expect(report.problems).toBe(2);
    expect(report.files[0]).toMatchObject({ format: 'tle', objects: 2, problems: [{ code: 'TLE_MISSING_LINE', line: 6, file: damaged }] });
    expect(report.files[1]).toMatchObject({ format: 'unknown', objects: 0, problems: [{ code: 'ELEMENTS_UNREADABLE', file: join(dir, 'nope.tle') }] });
  });
});

describe('zenith elements tle', () => {
  it('writes an OMM file as the TLE CelesTrak published for the same objects', () => {
    expect(runs.tle.code).toBe(0);
    const expected = readFileSync(STATIONS_TLE, 'utf8').trim().split('\r\n').map((l) => l.trimEnd());
    expect(runs.tle.stdout.trim().split('\n')).toEqual(expected);
  });

  it('writes 3LE name lines and keeps only the ids asked for', () => {
    const expected = readFileSync(STATIONS_TLE, 'utf8').split('\r\n');
    expect(runs.tle3le.stdout).toBe(`0 ISS (ZARYA)\n${expected[1]}\n${expected[2]}\n`);
  });

  it('reports an id too large for a TLE and still writes the others, exiting 1', () => {
    expect(runs.tleBigOnly.code).toBe(1);
    expect(runs.tleBigOnly.stderr).toMatch(/\[TLE_EXPORT\] object 123456789: catalog id 123456789 does not fit an Alpha-5 field/);
    expect(runs.tleBigOnly.stdout).toBe('');
  });
});
