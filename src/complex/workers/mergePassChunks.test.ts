// mergePassChunks on chunks packed as the workers pack them: the rows come out in findPasses's order
// (sortPasses over every pass, found object by object), ties on AOS included — broken by station
// name, then catalog id, then chunk order — and the failures in object order.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElements, type ElementSet } from '../../core/orbit/index.ts';
import { sortPasses, type Pass, type PassStation } from '../../core/passes/index.ts';
import { mergeInputOf, mergePassChunks, passTableFor, splitPassChunks } from './mergePassChunks.ts';
import { mergePassRows } from './mergePassRows.ts';
import * as layout from './passChunkLayout.ts';

const DEG = Math.PI / 180;
const FILE = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const FROM = Date.UTC(2026, 5, 10);
const CHUNK = 2;

// Catalog ids falling from chunk to chunk, and object 3 a second element set of object 0's id, so
// that neither the chunk order nor the object order is the id order.
const read = parseElements(readFileSync(FILE, 'utf8'), { file: FILE }).elements.slice(0, 5).reverse();
const elements: ElementSet[] = [read[0]!, read[1]!, read[2]!, { ...read[0]!, name: 'SECOND SET' }, read[3]!, read[4]!];
// Station order is not name order either.
const stations: PassStation[] = ['ZULU', 'ALPHA', 'MIKE'].map((name, i) => ({
  name,
  geodetic: { latitudeRad: 10 * i * DEG, longitudeRad: 0, altitudeKm: 0 },
}));

function pass(es: ElementSet, station: PassStation, aosMs: number, tag: number, aosCut: boolean): Pass {
  return {
    objectId: es.catalogId,
    objectName: es.name,
    stationName: station.name,
    aosMs,
    tcaMs: aosMs + 1000 * tag,
    losMs: aosMs + 600_000,
    maxElevationRad: tag * DEG,
    aosAzimuthRad: 0.01 * tag,
    tcaAzimuthRad: 0.02 * tag,
    losAzimuthRad: 0.03 * tag,
    aosCut,
    losCut: tag % 3 === 0,
  };
}

/** Every object over every station: one pass cut at the window start, one later at a shared time. */
function passesOf(o: number): Pass[] {
  const es = elements[o]!;
  return stations.flatMap((s, j) => [pass(es, s, FROM, 10 * o + j, true), pass(es, s, FROM + 60_000 * ((o + j) % 3), 100 + 10 * o + j, false)]);
}

/** Object failures as the workers report them: object index's catalog id, time, SGP4 code, minutes. */
const FAILED = new Map([
  [1, { utcMs: FROM + 3_600_000, sgp4Code: 6, minutesSinceEpoch: 1234.5 }],
  [4, { utcMs: FROM, sgp4Code: 1, minutesSinceEpoch: 20 }],
]);

/** A chunk's passes (sorted) and failures in the workers' packed layout. */
function pack(passes: readonly Pass[], failures: readonly { objectId: number; utcMs: number; sgp4Code: number; minutesSinceEpoch: number }[], chunk: readonly ElementSet[]): Float64Array {
  const { FAILURE_FIELDS, HEADER_FIELDS, PASS_FIELDS } = layout;
  const objectIndex = (id: number): number => chunk.findIndex((es) => es.catalogId === id);
  const packed = new Float64Array(HEADER_FIELDS + PASS_FIELDS * passes.length + FAILURE_FIELDS * failures.length);
  packed[0] = passes.length;
  packed[1] = failures.length;
  passes.forEach((p, k) => {
    const row = [objectIndex(p.objectId), stations.findIndex((s) => s.name === p.stationName), p.aosMs, p.tcaMs, p.losMs, p.maxElevationRad];
    row.push(p.aosAzimuthRad, p.tcaAzimuthRad, p.losAzimuthRad, (p.aosCut ? 1 : 0) | (p.losCut ? 2 : 0));
    packed.set(row, HEADER_FIELDS + PASS_FIELDS * k);
  });
  failures.forEach((f, k) => {
    packed.set([objectIndex(f.objectId), f.utcMs, f.sgp4Code, f.minutesSinceEpoch], HEADER_FIELDS + PASS_FIELDS * passes.length + FAILURE_FIELDS * k);
  });
  return packed;
}

function chunks(): Float64Array[] {
  const out: Float64Array[] = [];
  for (let first = 0; first < elements.length; first += CHUNK) {
    const objects = [first, first + 1];
    const passes = sortPasses(objects.flatMap(passesOf));
    const failures = objects.flatMap((o) => {
      const f = FAILED.get(o);
      return f === undefined ? [] : [{ objectId: elements[o]!.catalogId, ...f }];
    });
    out.push(pack(passes, failures, elements.slice(first, first + CHUNK)));
  }
  return out;
}

describe('mergePassChunks', () => {
  it('gives the rows of sortPasses over every pass, ties at the window start broken as findPasses breaks them', () => {
    const table = mergePassChunks(chunks(), CHUNK, elements, stations);
    // findPasses pushes the passes object by object, then sorts them stably.
    const expected = sortPasses(elements.flatMap((_, o) => passesOf(o)));
    expect(table.count).toBe(expected.length);
    expect(table.toPasses()).toEqual(expected);
    // The 18 passes at the window start: station names in order, then ids, then the object order.
    const atStart = table.toPasses().filter((p) => p.aosMs === FROM && p.aosCut);
    expect(atStart).toHaveLength(18);
    expect(atStart.slice(0, 6).map((p) => p.stationName)).toEqual(Array(6).fill('ALPHA'));
    expect(atStart.slice(12).map((p) => p.stationName)).toEqual(Array(6).fill('ZULU'));
    const ids = atStart.slice(0, 6).map((p) => p.objectId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Object 0 and its second set (object 3, a later chunk) tie on every key: object 0 comes first.
    const twins = atStart.slice(0, 6).filter((p) => p.objectId === elements[0]!.catalogId).map((p) => p.objectName);
    expect(twins).toEqual([elements[0]!.name, 'SECOND SET']);
    // The lowest id is the last object's: row 0 names it, at ALPHA (station 1).
    expect(ids[0]).toBe(elements[5]!.catalogId);
    expect(table.object[0]).toBe(5);
    expect(Array.from(table.station.slice(0, 6))).toEqual(Array(6).fill(1));
  });

  it('carries the failures in object order as PropagationErrors', () => {
    const table = mergePassChunks(chunks(), CHUNK, elements, stations);
    expect(table.failures.map((f) => [f.objectId, f.objectName, f.utcMs, f.error.code, f.error.name])).toEqual([
      [elements[1]!.catalogId, elements[1]!.name, FROM + 3_600_000, 'SGP4_DECAYED', 'PropagationError'],
      [elements[4]!.catalogId, elements[4]!.name, FROM, 'SGP4_ECCENTRICITY', 'PropagationError'],
    ]);
    expect(table.failures[0]!.error.message).toMatch(/1234\.5 min from its epoch/);
  });

  it('merges no chunks into an empty table, and refuses a chunk naming an object or station it does not hold', () => {
    expect(mergePassChunks([], CHUNK, [], stations).count).toBe(0);
    const bad = chunks();
    bad[1]![2] = CHUNK; // the first pass of chunk 1 names object 2 of a two-object chunk
    expect(() => mergePassChunks(bad, CHUNK, elements, stations)).toThrow(/chunk 1 names object 2/);
    const badStation = chunks();
    badStation[2]![3] = stations.length;
    expect(() => mergePassChunks(badStation, CHUNK, elements, stations)).toThrow(/station 3/);
  });

  it('cuts the passes into spans of AOS that, merged one by one into a shared table, give the same rows', () => {
    const whole = mergePassChunks(chunks(), CHUNK, elements, stations);
    // AOS are FROM and FROM + 1, 2 min: with these windows the span bounds fall on the tied AOS.
    for (const [parts, to] of [[1, FROM], [2, FROM + 120_000], [3, FROM + 180_000], [4, FROM + 120_000], [5, FROM - 60_000]] as const) {
      const packed = chunks();
      const spans = splitPassChunks(packed, parts, FROM, to);
      expect(spans).toHaveLength(parts);
      expect(spans.reduce((n, s) => n + s.rows, 0)).toBe(whole.count);
      const table = passTableFor(packed, CHUNK, elements, stations, true);
      expect(table.aosMs.buffer).toBeInstanceOf(SharedArrayBuffer);
      const input = mergeInputOf(packed, CHUNK, elements, stations);
      // Merged last span first: each writes only its own rows.
      for (const span of [...spans].reverse()) {
        expect(mergePassRows({ ...input, starts: span.starts, ends: span.ends }, table, span.firstRow)).toBe(span.rows);
      }
      expect(table.toPasses()).toEqual(whole.toPasses());
      expect(table.failures).toEqual(whole.failures);
    }
    // Two spans at FROM + 1 min: the first holds the passes before it, the second the rest.
    const [early, late] = splitPassChunks(chunks(), 2, FROM, FROM + 120_000);
    expect(whole.toPasses().slice(0, early!.rows).every((p) => p.aosMs < FROM + 60_000)).toBe(true);
    expect(whole.toPasses().slice(early!.rows).every((p) => p.aosMs >= FROM + 60_000)).toBe(true);
    expect(early!.rows).toBeGreaterThan(0);
    expect(late!.rows).toBeGreaterThan(0);
  });

  it('refuses a span that is not whole passes or rows that do not fit the table', () => {
    const packed = chunks();
    const input = mergeInputOf(packed, CHUNK, elements, stations);
    const [all] = splitPassChunks(packed, 1, FROM, FROM);
    const table = passTableFor(packed, CHUNK, elements, stations);
    const ends = Float64Array.from(all!.ends, (e) => e - 1);
    expect(() => mergePassRows({ ...input, starts: all!.starts, ends }, table, 0)).toThrow(/not whole passes/);
    expect(() => mergePassRows({ ...input, starts: all!.starts, ends: all!.ends }, table, 1)).toThrow(/do not fit/);
    expect(() => passTableFor([new Float64Array([3, 0, 1])], CHUNK, elements, stations)).toThrow(/not a packed chunk/);
    expect(() => splitPassChunks(packed, 0, FROM, FROM)).toThrow(RangeError);
  });
});
