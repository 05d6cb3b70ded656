// The last step of findCatalogPassTable: the workers' packed chunks, each sorted in findPasses's
// order, merged into the columns of one PassTable without making an object per pass.
import { PropagationError, type ElementSet } from '../../core/orbit/index.ts';
import type { PassSearchFailure, PassStation } from '../../core/passes/index.ts';
import * as layout from './passSearchTask.ts';
import { stationNameRanks, type PassSearchTaskResult } from './passSearchTask.ts';
import { PassTable } from './PassTable.ts';

const { FAILURE_FIELDS, HEADER_FIELDS, PASS_FIELDS, P_AOS, P_AOS_AZIMUTH, P_FLAGS, P_LOS, P_LOS_AZIMUTH, P_MAX_ELEVATION, P_OBJECT, P_STATION, P_TCA, P_TCA_AZIMUTH } = layout;

/** A chunk without passes, to read in place of a missing one. */
const EMPTY = new Float64Array(HEADER_FIELDS);

/**
 * The chunks' passes as one table in findPasses's order (AOS, then station name, then catalog id;
 * equal keys in the order found, which is chunk order), by a k-way merge of the chunks, each sorted
 * so already; the failures in object order. Chunk c holds the objects from c·chunkObjects of
 * `elements`. The heap holds chunk indices and compares the keys of their next passes, kept in
 * typed arrays, so the loop over the passes allocates nothing.
 */
export function mergePassChunks(
  chunks: readonly PassSearchTaskResult[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
): PassTable {
  const k = chunks.length;
  const rank = stationNameRanks(stations);
  const catalogIds = Float64Array.from(elements, (es) => es.catalogId);
  const failures: PassSearchFailure[] = [];
  // Where each chunk's next pass starts in its buffer, and where its passes end.
  const at = new Float64Array(k);
  const end = new Float64Array(k);
  let total = 0;
  for (let c = 0; c < k; c++) {
    const r = chunks[c];
    if (r === undefined) throw new RangeError(`chunk ${c} has no result`);
    const count = r[0] ?? 0;
    total += count;
    at[c] = HEADER_FIELDS;
    end[c] = HEADER_FIELDS + PASS_FIELDS * count;
    for (let f = 0; f < (r[1] ?? 0); f++) {
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
  const table = new PassTable(elements, stations, total, failures);
  // The sort key of each chunk's next pass: AOS, station rank, catalog id.
  const keyAos = new Float64Array(k);
  const keyRank = new Float64Array(k);
  const keyId = new Float64Array(k);
  const heap = new Int32Array(k);
  let size = 0;
  for (let c = 0; c < k; c++) {
    if ((at[c] ?? 0) < (end[c] ?? 0)) {
      const r = chunks[c] ?? EMPTY;
      keyAos[c] = r[HEADER_FIELDS + P_AOS] ?? 0;
      keyRank[c] = rank[r[HEADER_FIELDS + P_STATION] ?? 0] ?? 0;
      keyId[c] = catalogIds[c * chunkObjects + (r[HEADER_FIELDS + P_OBJECT] ?? 0)] ?? 0;
      heap[size++] = c;
    }
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, i, keyAos, keyRank, keyId);
  const objects = elements.length;
  const stationCount = stations.length;
  const { object: objectColumn, station: stationColumn, aosMs, tcaMs, losMs, maxElevationRad, aosAzimuthRad, tcaAzimuthRad, losAzimuthRad, flags } = table;
  for (let row = 0; row < total; row++) {
    const c = heap[0] ?? 0;
    const r = chunks[c] ?? EMPTY;
    const i = at[c] ?? 0;
    const index = r[i + P_OBJECT] ?? 0;
    const object = c * chunkObjects + index;
    const station = r[i + P_STATION] ?? 0;
    if (!(index < chunkObjects && object < objects && station < stationCount)) {
      throw new RangeError(`chunk ${c} names object ${index} or station ${station}, which it does not hold`);
    }
    objectColumn[row] = object;
    stationColumn[row] = station;
    aosMs[row] = r[i + P_AOS] ?? 0;
    tcaMs[row] = r[i + P_TCA] ?? 0;
    losMs[row] = r[i + P_LOS] ?? 0;
    maxElevationRad[row] = r[i + P_MAX_ELEVATION] ?? 0;
    aosAzimuthRad[row] = r[i + P_AOS_AZIMUTH] ?? 0;
    tcaAzimuthRad[row] = r[i + P_TCA_AZIMUTH] ?? 0;
    losAzimuthRad[row] = r[i + P_LOS_AZIMUTH] ?? 0;
    flags[row] = r[i + P_FLAGS] ?? 0;
    const next = i + PASS_FIELDS;
    at[c] = next;
    if (next < (end[c] ?? 0)) {
      keyAos[c] = r[next + P_AOS] ?? 0;
      keyRank[c] = rank[r[next + P_STATION] ?? 0] ?? 0;
      keyId[c] = catalogIds[c * chunkObjects + (r[next + P_OBJECT] ?? 0)] ?? 0;
    } else {
      heap[0] = heap[--size] ?? 0;
    }
    if (size > 1) siftDown(heap, size, 0, keyAos, keyRank, keyId);
  }
  return table;
}

/** Restores the heap order from `from` down, the first `size` entries of `heap` being in order below it. */
function siftDown(heap: Int32Array, size: number, from: number, aos: Float64Array, rank: Float64Array, id: Float64Array): void {
  const c = heap[from] ?? 0;
  let i = from;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= size) break;
    const r = m + 1;
    if (r < size && before(heap[r] ?? 0, heap[m] ?? 0, aos, rank, id)) m = r;
    const child = heap[m] ?? 0;
    if (!before(child, c, aos, rank, id)) break;
    heap[i] = child;
    i = m;
  }
  heap[i] = c;
}

/** Chunk a's next pass comes before chunk b's: by key, and on equal keys the earlier chunk first. */
function before(a: number, b: number, aos: Float64Array, rank: Float64Array, id: Float64Array): boolean {
  const d = (aos[a] ?? 0) - (aos[b] ?? 0) || (rank[a] ?? 0) - (rank[b] ?? 0) || (id[a] ?? 0) - (id[b] ?? 0) || a - b;
  return d < 0;
}
