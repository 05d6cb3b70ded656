// The last step of findCatalogPassTable: the workers' packed chunks, each sorted in findPasses's
// order, merged into the columns of one PassTable without making an object per pass — on this thread
// (mergePassChunks), or cut into spans of AOS that worker threads merge side by side (splitPassChunks
// gives the spans; mergePassRows.ts is the merge either way).
import { PropagationError, type ElementSet } from '../../core/orbit/index.ts';
import type { PassSearchFailure, PassStation } from '../../core/passes/index.ts';
import { FAILURE_FIELDS, HEADER_FIELDS, P_AOS, PASS_FIELDS, stationNameRanks } from './passChunkLayout.ts';
import { mergePassRows, type PassMergeInput } from './mergePassRows.ts';
import { PassTable } from './PassTable.ts';

/** The passes of one span of AOS: per chunk, the range to take, and the table row the span starts at. */
export interface PassSpan {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly firstRow: number;
  readonly rows: number;
}

/**
 * An empty table for the chunks' passes (on shared memory when `shared`), with their failures in
 * object order as PropagationErrors. Chunk c holds the objects from c·chunkObjects of `elements`.
 */
export function passTableFor(
  chunks: readonly Float64Array[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
  shared = false,
): PassTable {
  const failures: PassSearchFailure[] = [];
  let total = 0;
  for (let c = 0; c < chunks.length; c++) {
    const r = chunks[c];
    if (r === undefined) throw new RangeError(`chunk ${c} has no result`);
    const count = r[0] ?? 0;
    const failed = r[1] ?? 0;
    if (!(Number.isSafeInteger(count) && Number.isSafeInteger(failed) && count >= 0 && failed >= 0) || r.length !== HEADER_FIELDS + PASS_FIELDS * count + FAILURE_FIELDS * failed) {
      throw new RangeError(`chunk ${c} is not a packed chunk: it says ${count} passes and ${failed} failures in ${r.length} numbers`);
    }
    total += count;
    for (let f = 0; f < failed; f++) {
      const i = HEADER_FIELDS + PASS_FIELDS * count + FAILURE_FIELDS * f;
      const index = r[i] ?? -1;
      const es = index >= 0 && index < chunkObjects ? elements[c * chunkObjects + index] : undefined;
      if (es === undefined) throw new RangeError(`chunk ${c} names object ${r[i]}, which it does not hold`);
      failures.push({
        objectId: es.catalogId,
        objectName: es.name,
        utcMs: r[i + 1] ?? 0,
        error: new PropagationError(r[i + 2] ?? 0, es.catalogId, r[i + 3] ?? 0),
      });
    }
  }
  return new PassTable(elements, stations, total, failures, shared);
}

/** What mergePassRows needs besides the spans: the chunks, the catalog ids and the station ranks. */
export function mergeInputOf(
  chunks: readonly Float64Array[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
): Omit<PassMergeInput, 'starts' | 'ends'> {
  return { chunks, chunkObjects, catalogIds: Float64Array.from(elements, (es) => es.catalogId), stationRanks: stationNameRanks(stations) };
}

/**
 * The chunks' passes cut into `parts` spans of AOS of equal length between fromMs and toMs (the
 * first from −∞, the last to +∞): each chunk is sorted by AOS, so a span is a range of each chunk,
 * found by bisection, and the spans' rows follow each other in the table.
 */
export function splitPassChunks(chunks: readonly Float64Array[], parts: number, fromMs: number, toMs: number): PassSpan[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive integer, found ${parts}`);
  const k = chunks.length;
  /** Index (in doubles) of chunk c's first pass with AOS at or after `t`. */
  const firstAtOrAfter = (c: number, t: number): number => {
    const r = chunks[c] ?? new Float64Array(HEADER_FIELDS);
    let lo = 0;
    let hi = r[0] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((r[HEADER_FIELDS + PASS_FIELDS * mid + P_AOS] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return HEADER_FIELDS + PASS_FIELDS * lo;
  };
  const spans: PassSpan[] = [];
  let starts = Float64Array.from(chunks, () => HEADER_FIELDS);
  let firstRow = 0;
  for (let p = 0; p < parts; p++) {
    const ends = new Float64Array(k);
    const bound = fromMs + ((p + 1) * (toMs - fromMs)) / parts;
    let rows = 0;
    for (let c = 0; c < k; c++) {
      const r = chunks[c] ?? new Float64Array(HEADER_FIELDS);
      ends[c] = p === parts - 1 ? HEADER_FIELDS + PASS_FIELDS * (r[0] ?? 0) : Math.max(starts[c] ?? 0, firstAtOrAfter(c, bound));
      rows += ((ends[c] ?? 0) - (starts[c] ?? 0)) / PASS_FIELDS;
    }
    spans.push({ starts, ends, firstRow, rows });
    firstRow += rows;
    starts = ends;
  }
  return spans;
}

/**
 * The chunks' passes as one table in findPasses's order (AOS, then station name, then catalog id;
 * equal keys in the order found, which is chunk order), merged on this thread; the failures in
 * object order. Chunk c holds the objects from c·chunkObjects of `elements`.
 */
export function mergePassChunks(
  chunks: readonly Float64Array[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
): PassTable {
  const table = passTableFor(chunks, chunkObjects, elements, stations);
  const [all] = splitPassChunks(chunks, 1, 0, 0);
  if (all !== undefined) mergePassRows({ ...mergeInputOf(chunks, chunkObjects, elements, stations), starts: all.starts, ends: all.ends }, table, 0);
  return table;
}
