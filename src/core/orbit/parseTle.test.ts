import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImpliedDecimal, parseTle } from './parseTle.ts';
import type { ElementSet } from './ElementSet.ts';

const DATA = resolve('../shared/data');
const CATALOGS = [
  // Object counts as the data README states them.
  { path: 'tle/spacetrack-full-catalog-2022-07/3le.txt', objects: 24132 },
  { path: 'tle/spacetrack-payloads-2026-06/3le.txt', objects: 16032 },
  { path: 'tle/celestrak-geo-2026-05/geo.tle', objects: 574 },
] as const;
const VER = 'sgp4-verification/SGP4-VER.TLE';
const read = (path: string): string => readFileSync(resolve(DATA, path), 'utf8');

/** python-sgp4 (Debian's python3-sgp4) parses the same lines: an independent reader to agree with. */
const PYTHON_READER = `
import json, sys
import sgp4.io
from sgp4.api import Satrec
# Only the reading of the lines is compared: skip SGP4's initialisation (pure Python here, and slow).
sgp4.io.sgp4init = lambda *args, **kwargs: None
out = []
for path in sys.argv[1:]:
    lines = [l for l in open(path, newline='').read().splitlines() if l.startswith(('1 ', '2 '))]
    for l1, l2 in zip(lines[0::2], lines[1::2]):
        s = Satrec.twoline2rv(l1, l2)
        out.append([s.satnum, s.classification, s.intldesg, s.jdsatepoch, s.jdsatepochF, s.ndot, s.nddot, s.bstar,
                    s.inclo, s.nodeo, s.ecco, s.argpo, s.mo, s.no_kozai, s.ephtype, s.elnum, s.revnum])
json.dump(out, sys.stdout)
`;

type PythonRecord = [number, string, string, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

function pythonRead(paths: readonly string[]): PythonRecord[] {
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON_READER, ...paths.map((p) => resolve(DATA, p))], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as PythonRecord[];
}

const XPDOTP = 1440 / (2 * Math.PI); // rev/day per rad/min
const DEG = 180 / Math.PI;

function expectClose(actual: number, expected: number, relative: number, what: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${what}: ${actual} differs from python-sgp4's ${expected}`);
  }
}

function compareWithPython(es: ElementSet, p: PythonRecord): void {
  const [satnum, classification, intldesg, jd, jdF, ndot, nddot, bstar, inclo, nodeo, ecco, argpo, mo, no, ephtype, elnum, revnum] = p;
  const what = `object ${satnum}`;
  expect(es.catalogId, what).toBe(satnum);
  expect(es.classification, what).toBe(classification);
  // python keeps the designator as written (98067A); ours is the OMM OBJECT_ID (1998-067A).
  expect((es.internationalDesignator ?? '').replace(/^\d\d(\d\d)-/, '$1'), what).toBe(intldesg.trim());
  expectClose(es.epochMs, (jd - 2440587.5) * 86_400_000 + jdF * 86_400_000, 1e-15, `${what} epoch`);
  expectClose(es.meanMotionDot, ndot * XPDOTP * 1440, 1e-12, `${what} ndot`);
  expectClose(es.meanMotionDdot, nddot * XPDOTP * 1440 * 1440, 1e-12, `${what} nddot`);
  // python-sgp4 multiplies mantissa and power of ten (two roundings); ours is the correctly rounded value.
  expectClose(es.bstar, bstar, 1e-15, `${what} bstar`);
  expectClose(es.inclinationDeg, inclo * DEG, 1e-13, `${what} inclination`);
  expectClose(es.raanDeg, nodeo * DEG, 1e-13, `${what} raan`);
  expect(es.eccentricity, what).toBe(ecco);
  expectClose(es.argOfPericenterDeg, argpo * DEG, 1e-13, `${what} argp`);
  expectClose(es.meanAnomalyDeg, mo * DEG, 1e-13, `${what} mean anomaly`);
  expectClose(es.meanMotionRevPerDay, no * XPDOTP, 1e-13, `${what} mean motion`);
  expect(es.ephemerisType, what).toBe(ephtype);
  expect(es.elementSetNo, what).toBe(elnum);
  expect(es.revAtEpoch, what).toBe(revnum);
}

describe('parseTle on the catalog files', () => {
  const python = pythonRead(CATALOGS.map((c) => c.path));
  CATALOGS.forEach((catalog, k) => {
    const offset = CATALOGS.slice(0, k).reduce((sum, c) => sum + c.objects, 0);
    it(`reads all ${catalog.objects} objects of ${catalog.path}, as python-sgp4 does`, () => {
      const parsed = parseTle(read(catalog.path), { file: catalog.path });
      expect(parsed.problems).toEqual([]);
      expect(parsed.elements).toHaveLength(catalog.objects);
      parsed.elements.forEach((es, i) => {
        const p = python[offset + i];
        if (p === undefined) throw new Error(`python-sgp4 read fewer objects than ${offset + i + 1}`);
        compareWithPython(es, p);
      });
    });
  });

  it('reads the 273 Alpha-5 numbers of the 2022 catalog as ids of 270000 and more', () => {
    const text = read(CATALOGS[0].path);
    const ids = parseTle(text).elements.map((e) => e.catalogId);
    expect(ids.filter((id) => id >= 100_000)).toHaveLength(273);
    // Every line 1 that starts with a letter in column 3 gives an id >= 100000, and no other does.
    const letterLines = text.split('\n').filter((l) => /^1 [A-Z]/.test(l));
    expect(letterLines).toHaveLength(273);
    expect(Math.min(...ids.filter((id) => id >= 100_000))).toBeGreaterThanOrEqual(270_000);
  });

  it('takes names from `0 NAME` lines and from plain name lines alike', () => {
    const st = parseTle(read(CATALOGS[0].path)).elements;
    const ct = parseTle(read(CATALOGS[2].path)).elements;
    expect(st[0]?.name).toBe(read(CATALOGS[0].path).split('\n')[0]?.slice(2).trim());
    expect(ct[0]?.name).toBe(read(CATALOGS[2].path).split('\r\n')[0]?.trim());
    expect(st.every((e) => e.name !== undefined && !e.name.startsWith('0 '))).toBe(true);
    expect(ct.every((e) => e.name !== undefined && e.name === e.name.trim())).toBe(true);
  });

  it('records where each object was read', () => {
    const parsed = parseTle(read(CATALOGS[2].path), { file: 'geo.tle' });
    expect(parsed.elements[0]?.source).toEqual({ file: 'geo.tle', line: 1, format: 'tle' });
    expect(parsed.elements[10]?.source).toEqual({ file: 'geo.tle', line: 31, format: 'tle' });
  });
});

describe("parseTle on Vallado's verification file", () => {
  const text = read(VER);
  const lines = text.split('\r\n');
  const lineOf = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix)) + 1;

  it('reports the deliberate bad checksums of 33333, 33334 and 33335 and loads the rest', () => {
    const parsed = parseTle(text, { file: VER });
    expect(parsed.elements).toHaveLength(30);
    expect(parsed.problems.map((p) => p.code)).toEqual(Array<string>(5).fill('TLE_CHECKSUM'));
    expect(new Set(parsed.problems.map((p) => p.context.objectId))).toEqual(new Set([33333, 33334, 33335]));
    for (const p of parsed.problems) {
      expect(p.context.column).toBe(69);
      expect(p.context.file).toBe(VER);
      const line = lines[(p.context.line ?? 0) - 1] ?? '';
      expect(line.slice(2, 7)).toBe(String(p.context.objectId));
      expect(p.message).toContain(`found ${line.charAt(68)} in column 69`);
    }
  });

  it('loads all 33 element sets when checksums and ranges are ignored', () => {
    const parsed = parseTle(text, { checksums: 'ignore', ranges: 'ignore' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements.map((e) => e.catalogId)).toEqual(lines.filter((l) => l.startsWith('1 ')).map((l) => Number(l.slice(2, 7))));
    const e33334 = parsed.elements.find((e) => e.catalogId === 33334);
    expect(e33334?.meanMotionRevPerDay).toBe(0.00001);
  });

  it('finds the implausible mean motion of 33334 when only checksums are ignored', () => {
    const parsed = parseTle(text, { checksums: 'ignore' });
    expect(parsed.elements).toHaveLength(32);
    expect(parsed.problems).toHaveLength(1);
    const [p] = parsed.problems;
    expect(p?.code).toBe('ELEMENT_RANGE');
    expect(p?.context).toMatchObject({ line: lineOf('2 33334'), column: 53, field: 'MEAN_MOTION', objectId: 33334 });
  });

  it('gives the start, stop and step columns after column 69 of line 2', () => {
    const parsed = parseTle(text, { checksums: 'ignore', ranges: 'ignore' });
    expect(parsed.line2Tails).toHaveLength(parsed.elements.length);
    const tails = parsed.line2Tails.map((t) => t.trim().split(/\s+/).map(Number));
    expect(tails[0]).toEqual([0, 4320, 360]);
    expect(tails[1]).toEqual([-5184, -4896, 120]);
    expect(tails.every((t) => t.length === 3 && t.every(Number.isFinite))).toBe(true);
  });

  it('reads the legacy STR#3 case with a blank designator and blank ephemeris type', () => {
    const e = parseTle(text).elements.find((x) => x.catalogId === 11801);
    expect(e?.internationalDesignator).toBeUndefined();
    expect(e?.ephemerisType).toBe(0);
    expect(e?.elementSetNo).toBe(1);
    expect(e?.bstar).toBe(0.014311);
    expect(e?.meanMotionDdot).toBe(0);
  });

  it('reads a negative implied-decimal second derivative (16925: -30915-6)', () => {
    const e = parseTle(text).elements.find((x) => x.catalogId === 16925);
    expect(e?.meanMotionDdot).toBe(-0.30915e-6);
    expect(e?.bstar).toBe(0.18784e-3);
  });
});

describe('parseTle on damaged input', () => {
  // The first three objects of the GEO file, re-joined with LF.
  const geo = read(CATALOGS[2].path).split('\r\n').slice(0, 9);
  const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;
  const withDigit = (line: string, column: number): string => {
    const c = line.charAt(column - 1);
    return `${line.slice(0, column - 1)}${String((Number(c) + 1) % 10)}${line.slice(column)}`;
  };

  it('finds a flipped digit by the checksum of its line and loads the other objects', () => {
    const damaged = [...geo];
    const original = geo[5] ?? '';
    damaged[5] = withDigit(original, 14); // a digit of the inclination of object 2
    const parsed = parseTle(text(damaged), { file: 'x.tle' });
    expect(parsed.elements.map((e) => e.name)).toEqual([geo[0]?.trim(), geo[6]?.trim()]);
    expect(parsed.problems).toHaveLength(1);
    const [p] = parsed.problems;
    const digit = Number(original.charAt(13));
    // One more in one digit adds 1 to the sum, or takes 9 off when 9 wraps to 0: expected = written + 1 (mod 10).
    const written = Number(original.charAt(68));
    const expected = (written + (digit === 9 ? -9 : 1) + 10) % 10;
    expect(p?.code).toBe('TLE_CHECKSUM');
    expect(p?.context).toMatchObject({ file: 'x.tle', line: 6, column: 69 });
    expect(p?.message).toContain(`checksum ${expected} expected`);
    expect(p?.message).toContain(`found ${written} in column 69`);
  });

  it('reports a line cut short at the column where it ends', () => {
    const damaged = [...geo];
    damaged[1] = (geo[1] ?? '').slice(0, 50);
    const parsed = parseTle(text(damaged));
    expect(parsed.elements).toHaveLength(2);
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column])).toEqual([['TLE_LINE_LENGTH', 2, 51]]);
  });

  it('reports a missing line 2 and keeps reading at the next object', () => {
    const damaged = geo.filter((_, i) => i !== 5);
    const parsed = parseTle(text(damaged));
    expect(parsed.elements.map((e) => e.name)).toEqual([geo[0]?.trim(), geo[6]?.trim()]);
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['TLE_MISSING_LINE', 6]]);
  });

  it('reports a missing line 1 at the orphan line 2', () => {
    const damaged = geo.filter((_, i) => i !== 4);
    const parsed = parseTle(text(damaged));
    expect(parsed.elements).toHaveLength(2);
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['TLE_MISSING_LINE', 5]]);
  });

  it('reports swapped lines at the first of the two', () => {
    const damaged = [...geo];
    damaged[4] = geo[5] ?? '';
    damaged[5] = geo[4] ?? '';
    const parsed = parseTle(text(damaged));
    expect(parsed.elements).toHaveLength(2);
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column])).toEqual([['TLE_LINE_ORDER', 5, 1]]);
    expect(parsed.problems[0]?.message).toContain('lines 5 and 6 are swapped');
  });

  it('reports line 2 of another object at column 3', () => {
    const damaged = [...geo];
    damaged[2] = geo[5] ?? '';
    const parsed = parseTle(text(damaged), { checksums: 'ignore' });
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column])).toEqual([['TLE_CATALOG_MISMATCH', 3, 3]]);
  });

  it('reports a shifted field at the first column that should be a space', () => {
    const damaged = [...geo];
    const l2 = geo[2] ?? '';
    // one character too many inside RA_OF_ASC_NODE pushes the rest of the line one column right
    damaged[2] = `${l2.slice(0, 20)}0${l2.slice(20, 68)}`;
    const parsed = parseTle(text(damaged));
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.code).toBe('TLE_LAYOUT');
    expect(parsed.problems[0]?.context.line).toBe(3);
    expect(parsed.problems[0]?.context.column).toBe(26);
  });

  it('reports a letter in a number field at the field, when checksums are ignored', () => {
    const damaged = [...geo];
    const l2 = geo[2] ?? '';
    damaged[2] = `${l2.slice(0, 36)}x${l2.slice(37)}`;
    const parsed = parseTle(text(damaged), { checksums: 'ignore' });
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column, p.context.field])).toEqual([['TLE_FIELD', 3, 35, 'ARG_OF_PERICENTER']]);
  });

  it('reports an inclination above 180 degrees at its column', () => {
    const damaged = [...geo];
    const l2 = geo[2] ?? '';
    damaged[2] = `${l2.slice(0, 8)}190.0000${l2.slice(16)}`;
    const parsed = parseTle(text(damaged), { checksums: 'ignore' });
    expect(parsed.problems.map((p) => [p.code, p.context.line, p.context.column, p.context.field])).toEqual([['ELEMENT_RANGE', 3, 9, 'INCLINATION']]);
    expect(parsed.problems[0]?.message).toContain('found 190');
  });

  it('reports a name line with no element lines after it', () => {
    const parsed = parseTle(text(['LONELY SAT', ...geo]));
    expect(parsed.elements).toHaveLength(3);
    expect(parsed.problems.map((p) => [p.code, p.context.line])).toEqual([['TLE_MISSING_LINE', 1]]);
  });
});

describe('parseTle on the forms TLE files take', () => {
  const geo = read(CATALOGS[2].path).split('\r\n').slice(0, 9);
  const strip = (list: readonly ElementSet[]): Omit<ElementSet, 'source'>[] => list.map(({ source: _source, ...rest }) => rest);
  const expected = strip(parseTle(geo.join('\n')).elements);

  it('reads LF, CRLF and CR line ends alike', () => {
    expect(strip(parseTle(geo.join('\r\n')).elements)).toEqual(expected);
    expect(strip(parseTle(geo.join('\r')).elements)).toEqual(expected);
  });

  it('skips blank lines and # comments between and inside records', () => {
    const noisy = ['# fleet', '', geo[0], '   ', geo[1], '# between the lines', geo[2], '', ...geo.slice(3)].join('\n');
    const parsed = parseTle(noisy);
    expect(parsed.problems).toEqual([]);
    expect(strip(parsed.elements)).toEqual(expected);
  });

  it('reads two-line sets without names', () => {
    const twoLine = geo.filter((_, i) => i % 3 !== 0).join('\n');
    const parsed = parseTle(twoLine);
    expect(strip(parsed.elements)).toEqual(expected.map((e) => ({ ...e, name: undefined })));
  });

  it('reads blank-padded catalog numbers', () => {
    const l1 = '1     5U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998';
    const l2 = '2     5  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149';
    const parsed = parseTle(`${l1}\n${l2}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.elements[0]?.catalogId).toBe(5);
    expect(parsed.elements[0]?.bstar).toBe(-0.000022483);
  });
});

describe('parseImpliedDecimal', () => {
  it('reads the forms of the catalogs', () => {
    expect(parseImpliedDecimal(' 19557-4')).toBe(0.19557e-4);
    expect(parseImpliedDecimal('-11606-4')).toBe(-0.11606e-4);
    expect(parseImpliedDecimal(' 00000+0')).toBe(0);
    expect(parseImpliedDecimal('+00000+0')).toBe(0);
    expect(Object.is(parseImpliedDecimal('-00000-0'), 0)).toBe(true);
    expect(parseImpliedDecimal(' 12345+1')).toBe(1.2345);
    expect(parseImpliedDecimal(' 12345 1')).toBeUndefined();
    expect(parseImpliedDecimal('        ')).toBeUndefined();
  });
});
