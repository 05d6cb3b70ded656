// The k-way merge of the catalog pass search on numbers alone: given the chunks' packed passes (each
// chunk sorted in findPasses's order) and, per chunk, the range of its passes to take, it writes them
// in findPasses's order into the columns of a table from a given row. mergePassChunks runs it over
// every pass on one thread; findCatalogPassTable runs it in the workers, each over the passes of one
// span of AOS, into a table on shared memory.
import { P_AOS, P_AOS_AZIMUTH, P_FLAGS, P_LOS, P_LOS_AZIMUTH, P_MAX_ELEVATION, P_OBJECT, P_STATION, P_TCA, P_TCA_AZIMUTH, PASS_FIELDS } from './passChunkLayout.ts';

/** The columns of a PassTable (one entry per row). */
export interface PassColumns {
  readonly object: Uint32Array;
  readonly station: Uint32Array;
  readonly aosMs: Float64Array;
  readonly tcaMs: Float64Array;
  readonly losMs: Float64Array;
  readonly maxElevationRad: Float64Array;
  readonly aosAzimuthRad: Float64Array;
  readonly tcaAzimuthRad: Float64Array;
  readonly losAzimuthRad: Float64Array;
  readonly flags: Uint8Array;
}

export interface PassMergeInput {
  /** The chunks as the workers pack them (passChunkLayout.ts); chunk c holds objects from c·chunkObjects. */
  readonly chunks: readonly Float64Array[];
  /** Per chunk, the index (in doubles) of its first pass to take and the index after its last. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly chunkObjects: number;
  /** The catalog id of every object searched. */
  readonly catalogIds: Float64Array;
  /** Each station's rank in the order of names (stationNameRanks). */
  readonly stationRanks: Float64Array;
}

/** A merge for a worker: `merge`'s passes into `columns` from row `firstRow`. */
export interface PassMergeTask {
  readonly merge: PassMergeInput;
  readonly columns: PassColumns;
  readonly firstRow: number;
}

/**
 * Writes the passes `input` selects into `columns` from row `firstRow`, in findPasses's order (AOS,
 * then station name, then catalog id; equal keys in chunk order, which is the order found) and
 * returns how many. The heap holds chunk indices and compares the keys of their next passes, kept in
 * typed arrays, so the loop over the passes allocates nothing. A pass naming an object or station
 * its chunk does not hold is a RangeError.
 */
export function mergePassRows(input: PassMergeInput, columns: PassColumns, firstRow: number): number {
  const { chunks, chunkObjects, catalogIds, stationRanks: rank } = input;
  const k = chunks.length;
  const objects = catalogIds.length;
  const stationCount = rank.length;
  // Where each chunk's next pass starts in its buffer, and where its range ends.
  const at = Float64Array.from(input.starts);
  const end = input.ends;
  let total = 0;
  for (let c = 0; c < k; c++) {
    const size = ((end[c] ?? 0) - (at[c] ?? 0)) / PASS_FIELDS;
    if (!(Number.isSafeInteger(size) && size >= 0 && (end[c] ?? 0) <= (chunks[c]?.length ?? 0))) {
      throw new RangeError(`chunk ${c}: passes ${at[c]} .. ${end[c]} are not whole passes within its ${chunks[c]?.length ?? 0} numbers`);
    }
    total += size;
  }
  if (!(Number.isSafeInteger(firstRow) && firstRow >= 0 && firstRow + total <= columns.aosMs.length)) {
    throw new RangeError(`rows ${firstRow} .. ${firstRow + total - 1} do not fit in a table of ${columns.aosMs.length}`);
  }
  // The sort key of each chunk's next pass: AOS, station rank, catalog id.
  const keyAos = new Float64Array(k);
  const keyRank = new Float64Array(k);
  const keyId = new Float64Array(k);
  const heap = new Int32Array(k);
  const setKey = (c: number, r: Float64Array, i: number): void => {
    keyAos[c] = r[i + P_AOS] ?? 0;
    keyRank[c] = rank[r[i + P_STATION] ?? 0] ?? 0;
    keyId[c] = catalogIds[c * chunkObjects + (r[i + P_OBJECT] ?? 0)] ?? 0;
  };
  let size = 0;
  for (let c = 0; c < k; c++) {
    if ((at[c] ?? 0) < (end[c] ?? 0)) {
      setKey(c, chunks[c] ?? EMPTY, at[c] ?? 0);
      heap[size++] = c;
    }
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, i, keyAos, keyRank, keyId);
  const { object: objectColumn, station: stationColumn, aosMs, tcaMs, losMs, maxElevationRad, aosAzimuthRad, tcaAzimuthRad, losAzimuthRad, flags } = columns;
  for (let n = 0; n < total; n++) {
    const row = firstRow + n;
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
    if (next < (end[c] ?? 0)) setKey(c, r, next);
    else heap[0] = heap[--size] ?? 0;
    if (size > 1) siftDown(heap, size, 0, keyAos, keyRank, keyId);
  }
  return total;
}

/** A chunk without passes, to read in place of a missing one. */
const EMPTY = new Float64Array(0);

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
