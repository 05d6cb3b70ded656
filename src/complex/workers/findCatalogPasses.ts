// Catalog-wide pass search on every core: the element sets are cut into chunks, each chunk searched
// by findPasses on the batch propagator in a worker thread; each chunk's passes come back packed and
// sorted, and are merged in findPasses's order straight into the columns of a PassTable, so the rows
// are the passes of findPasses over ephemeridesFromElements. The main thread makes no object per
// pass: with millions of passes it would otherwise be busy for a third of the run.
import type { Piscina } from 'piscina';
import type { EopTable } from '../../core/frames/index.ts';
import { PropagationError, type ElementSet } from '../../core/orbit/index.ts';
import type { PassSearchFailure, PassSearchOptions, PassSearchResult, PassStation } from '../../core/passes/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import * as layout from './passSearchTask.ts';
import { stationData, type PassSearchTask, type PassSearchTaskResult } from './passSearchTask.ts';
import { PassTable } from './PassTable.ts';
import { runInLanes } from './runInLanes.ts';

const { FAILURE_FIELDS, HEADER_FIELDS, PASS_FIELDS, P_AOS, P_AOS_AZIMUTH, P_FLAGS, P_LOS, P_LOS_AZIMUTH, P_MAX_ELEVATION, P_OBJECT, P_STATION, P_TCA, P_TCA_AZIMUTH } = layout;

export type PassSearchPool = Piscina<PassSearchTask, PassSearchTaskResult>;

export interface CatalogPassesOptions extends PassSearchOptions, WorkerPoolOptions {
  /** UT1−UTC and polar motion; without it UT1 = UTC and the pole is fixed. */
  readonly eop?: EopTable;
  /** A pool from createPassSearchPool to reuse; otherwise one is made for this call and closed after. */
  readonly pool?: PassSearchPool;
  /** Objects per work item; 64 when absent. */
  readonly chunkObjects?: number;
  /** Stops handing out chunks once aborted (running chunks finish); the call rejects with the reason. */
  readonly signal?: AbortSignal;
}

/** A worker pool for findCatalogPasses, to keep between calls. Close it with `destroy()`. */
export function createPassSearchPool(options: WorkerPoolOptions = {}): PassSearchPool {
  return createWorkerPool<PassSearchTask, PassSearchTaskResult>(new URL('./passSearchTask.ts', import.meta.url), options);
}

/**
 * All passes of `elements` over `stations` between fromMs and toMs on worker threads, as a table
 * whose rows are, in order, the passes of findPasses(ephemeridesFromElements(elements), ...), and
 * whose failures are its failures. `onProgress` is called as chunks complete, with the number of
 * objects done.
 */
export async function findCatalogPassTable(
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  options: CatalogPassesOptions = {},
): Promise<PassTable> {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) {
    throw new RangeError(`findCatalogPassTable: need finite fromMs < toMs, found ${fromMs} .. ${toMs}`);
  }
  const chunkObjects = options.chunkObjects ?? 64;
  if (!Number.isSafeInteger(chunkObjects) || chunkObjects < 1) {
    throw new RangeError(`chunkObjects must be a positive integer, found ${chunkObjects}`);
  }
  const taskOptions = {
    ...(options.minElevationRad === undefined ? {} : { minElevationRad: options.minElevationRad }),
    ...(options.toleranceMs === undefined ? {} : { toleranceMs: options.toleranceMs }),
    ...(options.tcaToleranceMs === undefined ? {} : { tcaToleranceMs: options.tcaToleranceMs }),
    ...(options.maskStepMs === undefined ? {} : { maskStepMs: options.maskStepMs }),
    ...(options.skipFarBelow === undefined ? {} : { skipFarBelow: options.skipFarBelow }),
  };
  const stationList = stations.map(stationData);
  // The warnings hold error objects, which would not cross as themselves; the search does not read them.
  const eop = options.eop === undefined ? undefined : { format: options.eop.format, rows: options.eop.rows, warnings: [] };
  const pool = options.pool ?? createPassSearchPool(options);
  const signal = options.signal;
  const results: PassSearchTaskResult[] = [];
  let done = 0;
  const work = async (first: number, size: number): Promise<void> => {
    const chunk = elements.slice(first, first + size);
    const task: PassSearchTask = { elements: chunk, stations: stationList, fromMs, toMs, options: taskOptions, ...(eop === undefined ? {} : { eop }) };
    results[first / chunkObjects] = await pool.run(task);
    signal?.throwIfAborted();
    done += chunk.length;
    options.onProgress?.(done, elements.length);
  };
  try {
    await runInLanes(elements.length, chunkObjects, 2 * pool.maxThreads, work, signal);
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
  return merge(results, chunkObjects, elements, stations);
}

/**
 * All passes of `elements` over `stations` between fromMs and toMs on worker threads: the same
 * passes and failures, in the same order, as findPasses(ephemeridesFromElements(elements), ...).
 * The passes are made from findCatalogPassTable's rows; for millions of them, read the table.
 */
export async function findCatalogPasses(
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  options: CatalogPassesOptions = {},
): Promise<PassSearchResult> {
  const table = await findCatalogPassTable(elements, stations, fromMs, toMs, options);
  return { passes: table.toPasses(), failures: table.failures };
}

/** A chunk without passes, to read in place of a missing one. */
const EMPTY = new Float64Array(HEADER_FIELDS);

/**
 * The chunks' passes as one table in findPasses's order (AOS, then station name, then catalog id;
 * equal keys in the order found, which is chunk order), by a k-way merge of the chunks, each sorted
 * so already; the failures in object order. The heap holds chunk indices and compares the keys of
 * their next passes, kept in typed arrays, so the loop over the passes allocates nothing.
 */
function merge(
  chunks: readonly PassSearchTaskResult[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
): PassTable {
  const k = chunks.length;
  // Station names as ranks: the same order as comparing the strings.
  const names = [...new Set(stations.map((s) => s.name))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = Float64Array.from(stations, (s) => names.indexOf(s.name));
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
      const es = elements[c * chunkObjects + (r[i] ?? -1)];
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
  // The sort key of each chunk's next pass.
  const keys: Keys = { aos: new Float64Array(k), rank: new Float64Array(k), id: new Float64Array(k) };
  const heap = new Int32Array(k);
  let size = 0;
  for (let c = 0; c < k; c++) {
    if ((at[c] ?? 0) < (end[c] ?? 0)) {
      loadKey(keys, c, chunks[c] ?? EMPTY, HEADER_FIELDS, c * chunkObjects, rank, catalogIds);
      heap[size++] = c;
    }
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, i, keys);
  const objects = elements.length;
  const stationCount = stations.length;
  for (let row = 0; row < total; row++) {
    const c = heap[0] ?? 0;
    const r = chunks[c] ?? EMPTY;
    const i = at[c] ?? 0;
    const object = c * chunkObjects + (r[i + P_OBJECT] ?? 0);
    const station = r[i + P_STATION] ?? 0;
    if (!(object < objects && station < stationCount)) {
      throw new RangeError(`chunk ${c} names object ${object} or station ${station}, which it does not hold`);
    }
    table.object[row] = object;
    table.station[row] = station;
    table.aosMs[row] = r[i + P_AOS] ?? 0;
    table.tcaMs[row] = r[i + P_TCA] ?? 0;
    table.losMs[row] = r[i + P_LOS] ?? 0;
    table.maxElevationRad[row] = r[i + P_MAX_ELEVATION] ?? 0;
    table.aosAzimuthRad[row] = r[i + P_AOS_AZIMUTH] ?? 0;
    table.tcaAzimuthRad[row] = r[i + P_TCA_AZIMUTH] ?? 0;
    table.losAzimuthRad[row] = r[i + P_LOS_AZIMUTH] ?? 0;
    table.flags[row] = r[i + P_FLAGS] ?? 0;
    const next = i + PASS_FIELDS;
    at[c] = next;
    if (next < (end[c] ?? 0)) loadKey(keys, c, r, next, c * chunkObjects, rank, catalogIds);
    else heap[0] = heap[--size] ?? 0;
    if (size > 1) siftDown(heap, size, 0, keys);
  }
  return table;
}

/** Per chunk, the AOS, station rank and catalog id of its next pass. */
interface Keys {
  readonly aos: Float64Array;
  readonly rank: Float64Array;
  readonly id: Float64Array;
}

function loadKey(keys: Keys, c: number, r: Float64Array, i: number, firstObject: number, rank: Float64Array, catalogIds: Float64Array): void {
  keys.aos[c] = r[i + P_AOS] ?? 0;
  keys.rank[c] = rank[r[i + P_STATION] ?? 0] ?? 0;
  keys.id[c] = catalogIds[firstObject + (r[i + P_OBJECT] ?? 0)] ?? 0;
}

/** Chunk a's next pass comes before chunk b's: by key, and on equal keys the earlier chunk first. */
function before(a: number, b: number, keys: Keys): boolean {
  const d =
    (keys.aos[a] ?? 0) - (keys.aos[b] ?? 0) ||
    (keys.rank[a] ?? 0) - (keys.rank[b] ?? 0) ||
    (keys.id[a] ?? 0) - (keys.id[b] ?? 0) ||
    a - b;
  return d < 0;
}

/** Restores the heap order below `from`, the first `size` entries of `heap` being a heap elsewhere. */
function siftDown(heap: Int32Array, size: number, from: number, keys: Keys): void {
  const c = heap[from] ?? 0;
  let i = from;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= size) break;
    const r = m + 1;
    if (r < size && before(heap[r] ?? 0, heap[m] ?? 0, keys)) m = r;
    const child = heap[m] ?? 0;
    if (!before(child, c, keys)) break;
    heap[i] = child;
    i = m;
  }
  heap[i] = c;
}
