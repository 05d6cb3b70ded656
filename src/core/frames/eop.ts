// Earth orientation parameters (UT1−UTC, polar motion, LOD) read from IERS finals2000A (fixed
// columns, readme.finals2000A) or CelesTrak EOP-All.csv, and interpolated to an instant.
import { ZenithError } from '../errors/index.ts';
import type { ErrorContext } from '../errors/index.ts';
import { daysFromCivil, modifiedJulianDate, msFromModifiedJulianDate, taiMinusUtcSeconds } from '../time/index.ts';

const ARCSEC_RAD = Math.PI / (180 * 3600);
/** MJD of 1972-01-01, where the leap-second table starts. */
const MJD_1972 = 41_317;

export interface EopRow {
  /** MJD of 0h UTC of the day. */
  readonly mjd: number;
  readonly xpArcsec: number;
  readonly ypArcsec: number;
  readonly ut1MinusUtcS: number;
  /** Excess length of day (s); 0 where the file leaves it blank. */
  readonly lodS: number;
  /** True for IERS/CelesTrak predictions rather than observed values. */
  readonly predicted: boolean;
}

export interface EopTable {
  readonly format: 'finals2000A' | 'celestrak-csv';
  /** Daily rows, MJD strictly increasing. */
  readonly rows: readonly EopRow[];
  /** Things worth telling the user that do not stop the load (a TAI−UTC the leap table lacks). */
  readonly warnings: readonly ZenithError[];
}

/** The orientation of the Earth at one instant: what TEME → ITRF needs. */
export interface EarthOrientation {
  readonly ut1MinusUtcS: number;
  readonly xpRad: number;
  readonly ypRad: number;
  readonly lodS: number;
}

/** UT1 = UTC, no polar motion: what the frames use when no EOP file is given. */
export const NO_EARTH_ORIENTATION: EarthOrientation = { ut1MinusUtcS: 0, xpRad: 0, ypRad: 0, lodS: 0 };

function eopError(code: string, message: string, where: ErrorContext): ZenithError {
  return new ZenithError(code, message, where);
}

function withFile(file: string | undefined, rest: ErrorContext): ErrorContext {
  return file === undefined ? rest : { file, ...rest };
}

function checkRow(row: EopRow, where: ErrorContext): EopRow {
  const bad = (field: string, value: number, limit: string): ZenithError =>
    eopError('EOP_RANGE', `${field} ${value} is out of range: expected ${limit}`, { ...where, field });
  if (Math.abs(row.xpArcsec) > 2) throw bad('x pole', row.xpArcsec, '|x| <= 2 arcsec');
  if (Math.abs(row.ypArcsec) > 2) throw bad('y pole', row.ypArcsec, '|y| <= 2 arcsec');
  if (Math.abs(row.ut1MinusUtcS) > 1) throw bad('UT1-UTC', row.ut1MinusUtcS, '|UT1-UTC| <= 1 s');
  if (Math.abs(row.lodS) > 0.01) throw bad('LOD', row.lodS, '|LOD| <= 0.01 s');
  return row;
}

// ---- IERS finals2000A.all / finals2000A.data (also finals.all: the first 86 columns agree) ----

/** 1-based inclusive column ranges of readme.finals2000A. */
const FINALS = {
  year: [1, 2],
  month: [3, 4],
  day: [5, 6],
  mjd: [8, 15],
  xp: [19, 27],
  yp: [38, 46],
  ut1Flag: [58, 58],
  ut1: [59, 68],
  lod: [80, 86],
} as const;

function columns(line: string, [from, to]: readonly [number, number]): string {
  return line.slice(from - 1, to).trim();
}

function parseFinals(lines: readonly string[], file: string | undefined): EopRow[] {
  const rows: EopRow[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNo = index + 1;
    const number = (name: string, range: readonly [number, number], required: boolean): number | undefined => {
      const raw = columns(line, range);
      if (raw === '') {
        if (!required) return undefined;
        throw eopError('EOP_FORMAT', `${name} (columns ${range[0]}-${range[1]}) is blank: expected a number`, withFile(file, { line: lineNo, column: range[0], field: name }));
      }
      const value = Number(raw);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) || !Number.isFinite(value)) {
        throw eopError('EOP_FORMAT', `${name} (columns ${range[0]}-${range[1]}) must be a number; found "${raw}"`, withFile(file, { line: lineNo, column: range[0], field: name }));
      }
      return value;
    };
    const mjd = number('MJD', FINALS.mjd, true) ?? 0;
    const xp = number('PM-x', FINALS.xp, false);
    const yp = number('PM-y', FINALS.yp, false);
    const ut1 = number('UT1-UTC', FINALS.ut1, false);
    // The file runs on past its predictions with rows that carry only a date: they end the data.
    if (xp === undefined && yp === undefined && ut1 === undefined) return;
    if (xp === undefined || yp === undefined || ut1 === undefined) {
      const missing = xp === undefined ? 'PM-x' : yp === undefined ? 'PM-y' : 'UT1-UTC';
      const range = xp === undefined ? FINALS.xp : yp === undefined ? FINALS.yp : FINALS.ut1;
      throw eopError('EOP_FORMAT', `${missing} (columns ${range[0]}-${range[1]}) is blank while the rest of the row is filled: expected a number`, withFile(file, { line: lineNo, column: range[0], field: missing }));
    }
    const yy = number('year', FINALS.year, true) ?? 0;
    const mm = number('month', FINALS.month, true) ?? 0;
    const dd = number('day', FINALS.day, true) ?? 0;
    const year = yy + (mjd <= 51_543 ? 1900 : 2000);
    if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || daysFromCivil(year, mm, dd) + 40_587 !== mjd) {
      throw eopError('EOP_FORMAT', `date ${columns(line, [1, 6])} does not match MJD ${mjd}: expected the calendar date of that MJD`, withFile(file, { line: lineNo, column: 1, field: 'date' }));
    }
    const lodMs = number('LOD', FINALS.lod, false) ?? 0;
    rows.push(
      checkRow(
        { mjd, xpArcsec: xp, ypArcsec: yp, ut1MinusUtcS: ut1, lodS: lodMs / 1000, predicted: columns(line, FINALS.ut1Flag) === 'P' },
        withFile(file, { line: lineNo }),
      ),
    );
  });
  return rows;
}

// ---- CelesTrak EOP-All.csv: DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE ----

function parseCsv(lines: readonly string[], headerIndex: number, file: string | undefined, warnings: ZenithError[]): EopRow[] {
  const header = (lines[headerIndex] ?? '').split(',').map((h) => h.trim().toUpperCase());
  const col = (name: string): number => header.indexOf(name);
  for (const required of ['MJD', 'X', 'Y', 'UT1-UTC']) {
    if (col(required) < 0) {
      throw eopError('EOP_FORMAT', `the CSV header has no ${required} column: expected DATE,MJD,X,Y,UT1-UTC,LOD,...,DAT,DATA_TYPE; found "${lines[headerIndex] ?? ''}"`, withFile(file, { line: headerIndex + 1, column: 1 }));
    }
  }
  const rows: EopRow[] = [];
  let lastDatWarned = Number.NaN;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw eopError('EOP_FORMAT', `row has ${cells.length} fields: expected ${header.length} as in the header`, withFile(file, { line: lineNo, column: 1 }));
    }
    const startColumn = (k: number): number => cells.slice(0, k).reduce((n, c) => n + c.length + 1, 1);
    const number = (name: string, required: boolean): number | undefined => {
      const k = col(name);
      if (k < 0) return undefined;
      const raw = (cells[k] ?? '').trim();
      if (raw === '' && !required) return undefined;
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        throw eopError('EOP_FORMAT', `${name} must be a number; found "${raw}"`, withFile(file, { line: lineNo, column: startColumn(k), field: name }));
      }
      return value;
    };
    const mjd = number('MJD', true) ?? 0;
    const dat = number('DAT', false);
    const utcMs = msFromModifiedJulianDate(mjd);
    // A TAI−UTC the shipped table does not know means a leap second announced after it.
    if (dat !== undefined && mjd >= MJD_1972 && dat !== taiMinusUtcSeconds(utcMs) && dat !== lastDatWarned) {
      lastDatWarned = dat;
      warnings.push(
        eopError('EOP_LEAP_SECONDS', `the EOP file gives TAI-UTC = ${dat} s at MJD ${mjd}, the shipped leap-second table ${taiMinusUtcSeconds(utcMs)} s: update Zenith`, withFile(file, { line: lineNo, field: 'DAT' })),
      );
    }
    const k = col('DATA_TYPE');
    rows.push(
      checkRow(
        {
          mjd,
          xpArcsec: number('X', true) ?? 0,
          ypArcsec: number('Y', true) ?? 0,
          ut1MinusUtcS: number('UT1-UTC', true) ?? 0,
          lodS: number('LOD', false) ?? 0,
          predicted: k >= 0 && (cells[k] ?? '').trim().toUpperCase() === 'P',
        },
        withFile(file, { line: lineNo }),
      ),
    );
  }
  return rows;
}

/**
 * Reads IERS finals2000A (`finals2000A.all`/`.data`) or CelesTrak `EOP-All.csv`, telling them
 * apart by content. Bad rows → ZenithError (EOP_FORMAT, EOP_RANGE, EOP_ORDER, EOP_EMPTY) naming the
 * file, line, column and field.
 */
export function parseEop(text: string, file?: string): EopTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw eopError('EOP_EMPTY', 'the EOP file is empty: expected IERS finals2000A or CelesTrak EOP-All.csv', withFile(file, {}));
  const warnings: ZenithError[] = [];
  const isCsv = (lines[first] ?? '').includes(',');
  const rows = isCsv ? parseCsv(lines, first, file, warnings) : parseFinals(lines, file);
  if (rows.length === 0) {
    throw eopError('EOP_EMPTY', 'the EOP file has no rows with values: expected daily rows of UT1-UTC and polar motion', withFile(file, {}));
  }
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a !== undefined && b !== undefined && !(b.mjd > a.mjd)) {
      throw eopError('EOP_ORDER', `MJD ${b.mjd} follows MJD ${a.mjd}: expected rows in increasing date order`, withFile(file, { field: 'MJD' }));
    }
  }
  return { format: isCsv ? 'celestrak-csv' : 'finals2000A', rows, warnings };
}

/** The first and last instants (ms UTC) the table covers; outside them `eopAt` holds the end values. */
export function eopCoverage(table: EopTable): { readonly firstMs: number; readonly lastMs: number } {
  const first = table.rows[0];
  const last = table.rows[table.rows.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('eopCoverage(): empty table');
  return { firstMs: msFromModifiedJulianDate(first.mjd), lastMs: msFromModifiedJulianDate(last.mjd) };
}

function ut1MinusTai(row: EopRow): number {
  return row.ut1MinusUtcS - taiMinusUtcSeconds(msFromModifiedJulianDate(row.mjd));
}

/**
 * Earth orientation at `utcMs`, linear between daily rows. UT1−UTC is interpolated as UT1−TAI,
 * which is continuous where UTC jumps at a leap second. Outside the table the end row holds.
 */
export function eopAt(table: EopTable, utcMs: number): EarthOrientation {
  const rows = table.rows;
  const mjd = modifiedJulianDate(utcMs);
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((rows[mid]?.mjd ?? Infinity) <= mjd) lo = mid;
    else hi = mid - 1;
  }
  const a = rows[lo];
  if (a === undefined) throw new RangeError('eopAt(): empty table');
  const b = rows[lo + 1];
  const f = b === undefined || mjd <= a.mjd ? 0 : Math.min(1, (mjd - a.mjd) / (b.mjd - a.mjd));
  const lerp = (u: number, v: number): number => u + (v - u) * f;
  const bb = b ?? a;
  return {
    ut1MinusUtcS: lerp(ut1MinusTai(a), ut1MinusTai(bb)) + taiMinusUtcSeconds(utcMs),
    xpRad: lerp(a.xpArcsec, bb.xpArcsec) * ARCSEC_RAD,
    ypRad: lerp(a.ypArcsec, bb.ypArcsec) * ARCSEC_RAD,
    lodS: lerp(a.lodS, bb.lodS),
  };
}
