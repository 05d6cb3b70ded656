import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { eopAt, eopCoverage, parseEop } from './index.ts';

const ARCSEC = Math.PI / (180 * 3600);

// Real rows of IERS finals2000A.all (an early observed row, a fully observed one, the last
// observed row of a 2026 file, a prediction, a far prediction without LOD, a date-only tail row).
const FINALS = [
  '73 1 2 41684.00 I  0.120733 0.009786  0.136966 0.015902  I 0.8084178 0.0002710  0.0000 0.1916  P    -0.766    0.199    -0.720    0.300   .143000   .137000   .8075000   -18.637    -3.667',
  '92 3 2 48683.00 I  0.006416 0.000153  0.116395 0.000159  I-0.2719443 0.0000093  2.3575 0.0080  I     0.054    0.168     0.085    0.150   .006400   .116200  -.2719420      0.054     0.085',
  '26 917 61300.00 I  0.190054 0.000090  0.329163 0.000090  I-0.0086337 0.0000267                 P     0.084    0.128     0.235    0.160',
  '26 918 61301.00 P  0.189180 0.000600  0.329137 0.000401  P-0.0091919 0.0001080                 P     0.094    0.128     0.236    0.160',
  '27 925 61673.00 P  0.235938 0.017545  0.302527 0.028482  P-0.1313246 0.0254096',
  '27 926 61674.00',
].join('\n');

// Real rows of CelesTrak EOP-All.csv.
const CSV = [
  'DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE',
  '2018-01-01,58119,0.059258,0.247585,0.2163567,0.0008094,0.000118,-0.000175,0.041955,0.007790,37,O',
  '2018-01-02,58120,0.057424,0.248531,0.2155887,0.0007372,0.000150,-0.000206,0.042005,0.007839,37,O',
  '2021-09-07,59464,0.241182,0.317273,-0.1145667,-0.0002255,-0.118552,-0.009274,-0.000102,-0.000150,37,O',
  '2026-09-18,61301,0.187672,0.328316,-0.0073956,0.0000148,-0.124590,-0.011105,0.000295,-0.000027,37,P',
].join('\r\n');

function errorOf(f: () => unknown): ZenithError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZenithError) return e;
    throw e;
  }
  throw new Error('expected a ZenithError');
}

describe('parseEop: IERS finals2000A', () => {
  const table = parseEop(FINALS, 'finals2000A.all');

  it('reads the Bulletin A columns and stops at date-only rows', () => {
    expect(table.format).toBe('finals2000A');
    expect(table.rows.map((r) => r.mjd)).toEqual([41684, 48683, 61300, 61301, 61673]);
    expect(table.rows[0]).toEqual({ mjd: 41684, xpArcsec: 0.120733, ypArcsec: 0.136966, ut1MinusUtcS: 0.8084178, lodS: 0, predicted: false });
    expect(table.rows[1]!.lodS).toBeCloseTo(2.3575e-3, 12);
    expect(table.rows[3]!.predicted).toBe(true);
    expect(table.warnings).toEqual([]);
  });

  it('gives the row values at 0h UTC of each day', () => {
    const eo = eopAt(table, Date.UTC(1992, 2, 2));
    expect(eo.ut1MinusUtcS).toBeCloseTo(-0.2719443, 12);
    expect(eo.xpRad).toBeCloseTo(0.006416 * ARCSEC, 15);
    expect(eo.ypRad).toBeCloseTo(0.116395 * ARCSEC, 15);
  });

  it('names the line, column and field of a bad value', () => {
    const bad = FINALS.replace('0.006416', '0.0O6416');
    const e = errorOf(() => parseEop(bad, 'finals2000A.all'));
    expect(e.code).toBe('EOP_FORMAT');
    expect(e.describe()).toBe('finals2000A.all:2:19: [EOP_FORMAT] PM-x (columns 19-27) must be a number; found "0.0O6416"');
    const half = '92 3 2 48683.00 I  0.006416 0.000153  0.116395 0.000159  I          0.0000093';
    expect(errorOf(() => parseEop(half)).message).toMatch(/UT1-UTC \(columns 59-68\) is blank/);
    const wrongDate = FINALS.replace('92 3 2 48683', '92 3 3 48683');
    expect(errorOf(() => parseEop(wrongDate)).message).toBe('date 92 3 3 does not match MJD 48683: expected the calendar date of that MJD');
  });

  it('rejects out-of-order rows and files with no values', () => {
    const lines = FINALS.split('\n');
    expect(errorOf(() => parseEop([lines[1], lines[0]].join('\n'))).code).toBe('EOP_ORDER');
    expect(errorOf(() => parseEop('27 926 61674.00\n')).code).toBe('EOP_EMPTY');
    expect(errorOf(() => parseEop('\n\n', 'x.all')).describe()).toMatch(/^x\.all: \[EOP_EMPTY\]/);
  });
});

describe('parseEop: CelesTrak CSV', () => {
  const table = parseEop(CSV, 'EOP-All.csv');

  it('reads the named columns', () => {
    expect(table.format).toBe('celestrak-csv');
    expect(table.rows[0]).toEqual({ mjd: 58119, xpArcsec: 0.059258, ypArcsec: 0.247585, ut1MinusUtcS: 0.2163567, lodS: 0.0008094, predicted: false });
    expect(table.rows[3]!.predicted).toBe(true);
    expect(eopCoverage(table)).toEqual({ firstMs: Date.UTC(2018, 0, 1), lastMs: Date.UTC(2026, 8, 18) });
  });

  it('interpolates linearly between days and holds the end values outside', () => {
    const noon = eopAt(table, Date.UTC(2018, 0, 1, 12));
    expect(noon.ut1MinusUtcS).toBeCloseTo((0.2163567 + 0.2155887) / 2, 12);
    expect(noon.xpRad / ARCSEC).toBeCloseTo((0.059258 + 0.057424) / 2, 12);
    expect(noon.lodS).toBeCloseTo((0.0008094 + 0.0007372) / 2, 12);
    expect(eopAt(table, Date.UTC(2030, 0, 1)).ut1MinusUtcS).toBeCloseTo(-0.0073956, 12);
    expect(eopAt(table, Date.UTC(2010, 0, 1)).ypRad / ARCSEC).toBeCloseTo(0.247585, 12);
  });

  it('interpolates UT1 through a leap second without a one-second jump', () => {
    // UT1−UTC steps by +1 s at 2017-01-01 (IERS values: −0.5923 s, then +0.4077 s).
    const t = parseEop(
      'DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE\n' +
        '2016-12-31,57753,0.01,0.3,-0.5923,0.0,0,0,0,0,36,O\n' +
        '2017-01-01,57754,0.01,0.3,0.4077,0.0,0,0,0,0,37,O\n',
    );
    expect(t.warnings).toEqual([]);
    expect(eopAt(t, Date.UTC(2016, 11, 31, 12)).ut1MinusUtcS).toBeCloseTo(-0.5923, 9);
    expect(eopAt(t, Date.UTC(2016, 11, 31, 23, 59, 59, 999)).ut1MinusUtcS).toBeCloseTo(-0.5923, 6);
    expect(eopAt(t, Date.UTC(2017, 0, 1)).ut1MinusUtcS).toBeCloseTo(0.4077, 9);
  });

  it('warns when the file knows a leap second the shipped table does not', () => {
    const t = parseEop(CSV.replace(',37,P', ',38,P'), 'EOP-All.csv');
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]!.code).toBe('EOP_LEAP_SECONDS');
    expect(t.warnings[0]!.describe()).toMatch(/^EOP-All\.csv:5: \[EOP_LEAP_SECONDS\] .*TAI-UTC = 38 s.*37 s/);
  });

  it('names the line, column and field of a bad value', () => {
    const e = errorOf(() => parseEop(CSV.replace('0.2155887', 'abc'), 'EOP-All.csv'));
    expect(e.describe()).toBe('EOP-All.csv:3:36: [EOP_FORMAT] UT1-UTC must be a number; found "abc"');
    expect(errorOf(() => parseEop(CSV.replace('0.2155887,', ''))).message).toMatch(/row has 11 fields: expected 12/);
    expect(errorOf(() => parseEop('DATE,MJD,X,Y\n2018-01-01,58119,0.1,0.2\n')).message).toMatch(/no UT1-UTC column/);
    const range = errorOf(() => parseEop(CSV.replace('0.059258', '5.059258')));
    expect(range.code).toBe('EOP_RANGE');
    expect(range.message).toBe('x pole 5.059258 is out of range: expected |x| <= 2 arcsec');
  });
});
