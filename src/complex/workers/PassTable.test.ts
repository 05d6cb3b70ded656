// PassTable: rows read back as the Pass objects written into them, names and ids resolved from the
// element sets and stations the table keeps; rows outside the table or naming what it does not hold.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PropagationError, parseElements } from '../../core/orbit/index.ts';
import type { Pass, PassStation } from '../../core/passes/index.ts';
import { AOS_CUT, LOS_CUT, PassTable } from './PassTable.ts';

const DEG = Math.PI / 180;
const FILE = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const elements = parseElements(readFileSync(FILE, 'utf8'), { file: FILE }).elements.slice(0, 3);
const stations: PassStation[] = [
  { name: 'SVALBARD', geodetic: { latitudeRad: 78.23 * DEG, longitudeRad: 15.41 * DEG, altitudeKm: 0.5 } },
  { name: 'MADRID', geodetic: { latitudeRad: 40.43 * DEG, longitudeRad: -4.25 * DEG, altitudeKm: 0.8 } },
];
const T0 = Date.UTC(2026, 5, 10);

/** Rows as (object index, station index, AOS offset s, flags). */
const ROWS = [
  [2, 1, 0, AOS_CUT],
  [0, 0, 0, AOS_CUT | LOS_CUT],
  [1, 1, 600, 0],
  [0, 1, 900.25, LOS_CUT],
] as const;

function filled(): PassTable {
  const failure = { objectId: elements[1]!.catalogId, objectName: elements[1]!.name, utcMs: T0 + 5000, error: new PropagationError(6, elements[1]!.catalogId, 42) };
  const table = new PassTable(elements, stations, ROWS.length, [failure]);
  ROWS.forEach(([object, station, aosS, flags], i) => {
    table.object[i] = object;
    table.station[i] = station;
    table.aosMs[i] = T0 + aosS * 1000;
    table.tcaMs[i] = T0 + aosS * 1000 + 240_000.5;
    table.losMs[i] = T0 + aosS * 1000 + 480_000;
    table.maxElevationRad[i] = (10 + i) * DEG;
    table.aosAzimuthRad[i] = 0.1 * i;
    table.tcaAzimuthRad[i] = 0.1 * i + 1;
    table.losAzimuthRad[i] = 0.1 * i + 2;
    table.flags[i] = flags;
  });
  return table;
}

describe('PassTable', () => {
  it('reads each row back as the pass written, its ids and names taken from its elements and stations', () => {
    const table = filled();
    expect(table.count).toBe(4);
    const expected: Pass[] = ROWS.map(([object, station, aosS, flags], i) => ({
      objectId: elements[object]!.catalogId,
      objectName: elements[object]!.name,
      stationName: stations[station]!.name,
      aosMs: T0 + aosS * 1000,
      tcaMs: T0 + aosS * 1000 + 240_000.5,
      losMs: T0 + aosS * 1000 + 480_000,
      maxElevationRad: (10 + i) * DEG,
      aosAzimuthRad: 0.1 * i,
      tcaAzimuthRad: 0.1 * i + 1,
      losAzimuthRad: 0.1 * i + 2,
      aosCut: (flags & AOS_CUT) !== 0,
      losCut: (flags & LOS_CUT) !== 0,
    }));
    expect(table.toPasses()).toEqual(expected);
    expect(expected.map((_, i) => table.passAt(i))).toEqual(expected);
    // Distinct objects and stations really were resolved (the fixture is not all one object).
    expect(new Set(expected.map((p) => p.objectId)).size).toBe(3);
    expect(table.passAt(3)).toMatchObject({ objectId: elements[0]!.catalogId, stationName: 'MADRID', aosCut: false, losCut: true });
    expect(table.failures.map((f) => [f.objectId, f.error.code])).toEqual([[elements[1]!.catalogId, 'SGP4_DECAYED']]);
  });

  it('is empty with no rows', () => {
    const table = new PassTable(elements, stations, 0, []);
    expect(table.toPasses()).toEqual([]);
    expect(() => table.passAt(0)).toThrow(RangeError);
  });

  it('refuses rows outside the table, rows naming an object or station it does not hold, and a bad count', () => {
    const table = filled();
    expect(() => table.passAt(4)).toThrow(/row 4 is outside the table of 4 passes/);
    expect(() => table.passAt(-1)).toThrow(RangeError);
    expect(() => table.passAt(1.5)).toThrow(RangeError);
    table.object[2] = 3;
    expect(() => table.passAt(2)).toThrow(/names object 3/);
    expect(() => table.toPasses()).toThrow(RangeError);
    table.object[2] = 1;
    table.station[2] = 2;
    expect(() => table.passAt(2)).toThrow(/station 2/);
    expect(() => new PassTable(elements, stations, -1, [])).toThrow(RangeError);
  });
});
