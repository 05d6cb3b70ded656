// mergePassRows on hand-made chunks: the rows in AOS, station-name, catalog-id order, equal keys in
// chunk order; only the ranges asked for, from the row asked for; bad ranges and rows are refused.
import { describe, expect, it } from 'vitest';
import { HEADER_FIELDS, PASS_FIELDS } from './passChunkLayout.ts';
import { mergePassRows, type PassColumns } from './mergePassRows.ts';

/** A chunk of passes given as [object index, station, AOS], the other fields numbered after the AOS. */
function chunk(passes: readonly (readonly [number, number, number])[]): Float64Array {
  const r = new Float64Array(HEADER_FIELDS + PASS_FIELDS * passes.length);
  r[0] = passes.length;
  passes.forEach(([object, station, aos], k) => {
    r.set([object, station, aos, aos + 1, aos + 2, 0.5, 0.1, 0.2, 0.3, k % 4], HEADER_FIELDS + PASS_FIELDS * k);
  });
  return r;
}

function columns(rows: number): PassColumns {
  return {
    object: new Uint32Array(rows),
    station: new Uint32Array(rows),
    aosMs: new Float64Array(rows),
    tcaMs: new Float64Array(rows),
    losMs: new Float64Array(rows),
    maxElevationRad: new Float64Array(rows),
    aosAzimuthRad: new Float64Array(rows),
    tcaAzimuthRad: new Float64Array(rows),
    losAzimuthRad: new Float64Array(rows),
    flags: new Uint8Array(rows),
  };
}

const whole = (chunks: readonly Float64Array[]): { starts: Float64Array; ends: Float64Array } => ({
  starts: Float64Array.from(chunks, () => HEADER_FIELDS),
  ends: Float64Array.from(chunks, (c) => HEADER_FIELDS + PASS_FIELDS * (c[0] ?? 0)),
});

// Two objects per chunk; catalog ids fall with the object index; station 0 is named after station 1.
const catalogIds = Float64Array.from([50, 40, 30, 20]);
const stationRanks = Float64Array.from([1, 0]);
const chunks = [
  chunk([[1, 1, 100], [0, 0, 100], [0, 1, 300]]),
  chunk([[1, 0, 100], [0, 0, 100], [0, 0, 200], [1, 1, 300]]),
];

describe('mergePassRows', () => {
  it('orders by AOS, then station name, then catalog id, then chunk', () => {
    const out = columns(7);
    expect(mergePassRows({ chunks, chunkObjects: 2, catalogIds, stationRanks, ...whole(chunks) }, out, 0)).toBe(7);
    // At AOS 100: station 1 (rank 0) first: object 1 (id 40); then station 0: ids 20 (object 3), 30 (object 2), 50 (object 0).
    expect(Array.from(out.aosMs)).toEqual([100, 100, 100, 100, 200, 300, 300]);
    expect(Array.from(out.object)).toEqual([1, 3, 2, 0, 2, 3, 0]);
    expect(Array.from(out.station)).toEqual([1, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(out.tcaMs)).toEqual(Array.from(out.aosMs, (a) => a + 1));
    expect(out.maxElevationRad.every((e) => e === 0.5)).toBe(true);
  });

  it('keeps chunk order between passes whose keys are all equal', () => {
    // The same object id in both chunks (a second element set of one object), same station and AOS.
    const twins = [chunk([[0, 0, 100]]), chunk([[0, 0, 100]])];
    const out = columns(2);
    mergePassRows({ chunks: twins, chunkObjects: 1, catalogIds: Float64Array.from([7, 7]), stationRanks, ...whole(twins) }, out, 0);
    expect(Array.from(out.object)).toEqual([0, 1]);
  });

  it('merges only the ranges asked for, into the rows from firstRow', () => {
    const out = columns(10);
    const starts = Float64Array.from([HEADER_FIELDS + PASS_FIELDS * 2, HEADER_FIELDS + PASS_FIELDS * 2]);
    const { ends } = whole(chunks);
    expect(mergePassRows({ chunks, chunkObjects: 2, catalogIds, stationRanks, starts, ends }, out, 5)).toBe(3);
    expect(Array.from(out.aosMs)).toEqual([0, 0, 0, 0, 0, 200, 300, 300, 0, 0]);
  });

  it('refuses ranges that are not whole passes, rows past the table and passes naming what a chunk does not hold', () => {
    const input = { chunks, chunkObjects: 2, catalogIds, stationRanks, ...whole(chunks) };
    expect(() => mergePassRows({ ...input, ends: Float64Array.from(input.ends, (e) => e + 1) }, columns(7), 0)).toThrow(/not whole passes/);
    expect(() => mergePassRows(input, columns(6), 0)).toThrow(/do not fit in a table of 6/);
    const bad = [chunk([[2, 0, 100]])];
    expect(() => mergePassRows({ ...input, chunks: bad, ...whole(bad) }, columns(1), 0)).toThrow(/chunk 0 names object 2/);
    const badStation = [chunk([[0, 2, 100]])];
    expect(() => mergePassRows({ ...input, chunks: badStation, ...whole(badStation) }, columns(1), 0)).toThrow(/station 2/);
  });
});
