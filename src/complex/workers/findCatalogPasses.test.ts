// Catalog-wide pass search on worker threads: the same passes and failures, in the same order, as
// findPasses on the batch propagator in this thread (masks, minimum elevations, an EOP table and
// objects that decay during the window included), as a table and as Pass objects; the ties of the
// passes cut at the window start; progress and misuse.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EopTable } from '../../core/frames/index.ts';
import { parseElements } from '../../core/orbit/index.ts';
import { HorizonMask, ephemeridesFromElements, findPasses, type PassStation } from '../../core/passes/index.ts';
import { createPassSearchPool, findCatalogPassTable, findCatalogPasses } from './findCatalogPasses.ts';
import { AOS_CUT, LOS_CUT } from './PassTable.ts';

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
const FILE = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const GEO_FILE = resolve('../shared/data/tle/celestrak-geo-2026-05/geo.tle');
const all = parseElements(readFileSync(FILE, 'utf8'), { file: FILE }).elements;
// Every 40th payload, and five that decay in the week from FROM.
const decaying = [43184, 44537, 45569, 46461, 46696];
const elements = [...all.filter((_, i) => i % 40 === 0), ...all.filter((es) => decaying.includes(es.catalogId))];
const FROM = Date.UTC(2026, 5, 10);
const TO = FROM + 3 * DAY_MS;

const stations: PassStation[] = [
  { name: 'SVALBARD', geodetic: { latitudeRad: 78.23 * DEG, longitudeRad: 15.41 * DEG, altitudeKm: 0.5 } },
  {
    name: 'MADRID',
    geodetic: { latitudeRad: 40.43 * DEG, longitudeRad: -4.25 * DEG, altitudeKm: 0.8 },
    horizonMask: new HorizonMask([
      { azimuthRad: 0, elevationRad: 4 * DEG },
      { azimuthRad: 90 * DEG, elevationRad: 12 * DEG },
      { azimuthRad: 200 * DEG, elevationRad: 2 * DEG },
    ]),
  },
  { name: 'CANBERRA', geodetic: { latitudeRad: -35.4 * DEG, longitudeRad: 148.98 * DEG, altitudeKm: 0.69 }, minElevationRad: 10 * DEG },
];

/** Daily rows with a UT1−UTC of a few tenths of a second and a pole off by tenths of an arcsecond. */
const eop: EopTable = {
  format: 'celestrak-csv',
  rows: Array.from({ length: 10 }, (_, d) => ({
    mjd: 61_200 + d,
    xpArcsec: 0.1 + 0.01 * d,
    ypArcsec: 0.35 - 0.005 * d,
    ut1MinusUtcS: 0.3 - 0.001 * d,
    lodS: 0.0005,
    predicted: false,
  })),
  warnings: [],
};

describe('findCatalogPassTable and findCatalogPasses', () => {
  const pool = createPassSearchPool({ threads: 2 });
  afterAll(async () => {
    await pool.destroy();
  });

  it('finds on two worker threads a table whose rows are the passes of findPasses on this one, and its failures', async () => {
    const single = findPasses(ephemeridesFromElements(elements, { eop }), stations, FROM, TO, { minElevationRad: 2 * DEG });
    const progress: number[] = [];
    const table = await findCatalogPassTable(elements, stations, FROM, TO, {
      pool,
      eop,
      minElevationRad: 2 * DEG,
      chunkObjects: 25,
      onProgress: (done, total) => {
        expect(total).toBe(elements.length);
        progress.push(done);
      },
    });
    expect(single.passes.length).toBeGreaterThan(5000);
    // Three of them decay within these three days.
    expect(single.failures.filter((f) => f.utcMs > FROM).map((f) => f.objectId).sort()).toEqual([43184, 44537, 45569]);
    // Passes cut at the window start all have AOS = FROM: the order among them is the station name
    // and the catalog id, in workers as on this thread.
    expect(single.passes.filter((p) => p.aosCut).length).toBeGreaterThan(10);
    expect(table.count).toBe(single.passes.length);
    expect(table.toPasses()).toEqual(single.passes);
    // The columns themselves, row for row: indices into the elements and stations given.
    single.passes.forEach((p, i) => {
      expect(elements[table.object[i]!]!.catalogId).toBe(p.objectId);
      expect(stations[table.station[i]!]!.name).toBe(p.stationName);
      expect([table.aosMs[i], table.tcaMs[i], table.losMs[i], table.maxElevationRad[i]]).toEqual([p.aosMs, p.tcaMs, p.losMs, p.maxElevationRad]);
      expect(table.flags[i]).toBe((p.aosCut ? AOS_CUT : 0) | (p.losCut ? LOS_CUT : 0));
    });
    const multi = { passes: table.toPasses(), failures: table.failures };
    expect(multi.failures.map((f) => [f.objectId, f.objectName, f.utcMs, f.error.code, f.error.message, f.error.name])).toEqual(
      single.failures.map((f) => [f.objectId, f.objectName, f.utcMs, f.error.code, f.error.message, f.error.name]),
    );
    expect(progress.at(-1)).toBe(elements.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Merged by the two workers, each a span of AOS, into shared columns: the same rows, column for column.
    const merged = await findCatalogPassTable(elements, stations, FROM, TO, { pool, eop, minElevationRad: 2 * DEG, chunkObjects: 25, mergeInWorkers: true });
    expect(merged.aosMs.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(table.aosMs.buffer).toBeInstanceOf(ArrayBuffer);
    for (const column of ['object', 'station', 'aosMs', 'tcaMs', 'losMs', 'maxElevationRad', 'aosAzimuthRad', 'tcaAzimuthRad', 'losAzimuthRad', 'flags'] as const) {
      expect(Array.from(merged[column])).toEqual(Array.from(table[column]));
    }
    expect(merged.failures).toEqual(table.failures);
    // The EOP table reached the workers: without it the times move.
    const withoutEop = await findCatalogPasses(elements.slice(0, 30), stations, FROM, TO, { pool, minElevationRad: 2 * DEG });
    const plain = withoutEop.passes.find((p) => !p.aosCut)!;
    const firstWith = multi.passes.find((p) => p.objectId === plain.objectId && p.stationName === plain.stationName && !p.aosCut);
    expect(firstWith).toBeDefined();
    expect(Math.abs(firstWith!.aosMs - plain.aosMs)).toBeGreaterThan(10);
    expect(Math.abs(firstWith!.aosMs - plain.aosMs)).toBeLessThan(5000);
  });

  it('orders the passes cut at the window start, all at one AOS, by station name and catalog id across chunks', async () => {
    // Geostationary objects in falling id order over stations whose order is not their names' order:
    // most passes are cut at the window start, so the AOS ties span every chunk.
    const geo = parseElements(readFileSync(GEO_FILE, 'utf8'), { file: GEO_FILE }).elements.filter((_, i) => i % 12 === 0).reverse();
    const ties: PassStation[] = [
      { name: 'USUDA', geodetic: { latitudeRad: 36.13 * DEG, longitudeRad: 138.36 * DEG, altitudeKm: 1.46 } },
      { name: 'DARMSTADT', geodetic: { latitudeRad: 49.87 * DEG, longitudeRad: 8.62 * DEG, altitudeKm: 0.14 } },
      { name: 'KOUROU', geodetic: { latitudeRad: 5.25 * DEG, longitudeRad: -52.8 * DEG, altitudeKm: 0.01 } },
    ];
    const to = FROM + DAY_MS / 4;
    const single = findPasses(ephemeridesFromElements(geo), ties, FROM, to);
    const table = await findCatalogPassTable(geo, ties, FROM, to, { pool, chunkObjects: 7 });
    const passes = table.toPasses();
    expect(passes).toEqual(single.passes);
    const merged = await findCatalogPassTable(geo, ties, FROM, to, { pool, chunkObjects: 7, mergeInWorkers: true });
    expect(merged.toPasses()).toEqual(single.passes);
    const atStart = passes.filter((p) => p.aosMs === FROM);
    expect(atStart.length).toBeGreaterThan(30);
    expect(atStart.every((p) => p.aosCut)).toBe(true);
    const names = atStart.map((p) => p.stationName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names)).toEqual(new Set(['DARMSTADT', 'KOUROU', 'USUDA']));
    for (const name of names) {
      const ids = atStart.filter((p) => p.stationName === name).map((p) => p.objectId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    // Ties were merged from many chunks, not found in one.
    expect(new Set(atStart.map((_, i) => Math.floor(table.object[i]! / 7))).size).toBeGreaterThan(5);
    expect(table.failures).toEqual(single.failures);
  });

  it('makes and closes its own pool when given none', async () => {
    const few = elements.slice(0, 6);
    const result = await findCatalogPasses(few, stations, FROM, FROM + DAY_MS, { threads: 2, chunkObjects: 2 });
    expect(result).toEqual(findPasses(ephemeridesFromElements(few), stations, FROM, FROM + DAY_MS));
  });

  it('stops handing out chunks on abort and rejects with the reason', async () => {
    const controller = new AbortController();
    const run = findCatalogPasses(elements, stations, FROM, TO, {
      pool,
      chunkObjects: 5,
      signal: controller.signal,
      onProgress: () => { controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a bad window or chunk size', async () => {
    await expect(findCatalogPasses(elements, stations, TO, FROM, { pool })).rejects.toThrow(RangeError);
    await expect(findCatalogPasses(elements, stations, FROM, TO, { pool, chunkObjects: 0 })).rejects.toThrow(RangeError);
  });
});
