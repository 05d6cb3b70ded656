// Catalog-wide pass search on every core: the element sets are cut into chunks, each chunk searched
// by findPasses on the batch propagator in a worker thread; each chunk's passes come back packed and
// sorted, and are merged in findPasses's order, so the result is the same as findPasses over
// ephemeridesFromElements.
import type { Piscina } from 'piscina';
import type { EopTable } from '../../core/frames/index.ts';
import { PropagationError, type ElementSet } from '../../core/orbit/index.ts';
import {
  type Pass,
  type PassSearchFailure,
  type PassSearchOptions,
  type PassSearchResult,
  type PassStation,
} from '../../core/passes/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import * as layout from './passSearchTask.ts';
import { stationData, type PassSearchTask, type PassSearchTaskResult } from './passSearchTask.ts';
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
 * All passes of `elements` over `stations` between fromMs and toMs on worker threads: the same
 * passes and failures, in the same order, as findPasses(ephemeridesFromElements(elements), ...).
 * `onProgress` is called as chunks complete, with the number of objects done.
 */
export async function findCatalogPasses(
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  options: CatalogPassesOptions = {},
): Promise<PassSearchResult> {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) {
    throw new RangeError(`findCatalogPasses: need finite fromMs < toMs, found ${fromMs} .. ${toMs}`);
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
  const unpacked: Pass[][] = [];
  let done = 0;
  const work = async (first: number, size: number): Promise<void> => {
    const chunk = elements.slice(first, first + size);
    const task: PassSearchTask = { elements: chunk, stations: stationList, fromMs, toMs, options: taskOptions, ...(eop === undefined ? {} : { eop }) };
    const result = await pool.run(task);
    // Pass objects are made as each chunk arrives, while the workers go on.
    results[first / chunkObjects] = result;
    unpacked[first / chunkObjects] = unpack(result, first, elements, stations);
    signal?.throwIfAborted();
    done += chunk.length;
    options.onProgress?.(done, elements.length);
  };
  try {
    await runInLanes(elements.length, chunkObjects, 2 * pool.maxThreads, work, signal);
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
  return merge(results, unpacked, chunkObjects, elements, stations);
}

/** The passes of the chunk starting at object `first`, as Pass objects in the chunk's order. */
function unpack(r: PassSearchTaskResult, first: number, elements: readonly ElementSet[], stations: readonly PassStation[]): Pass[] {
  const passes: Pass[] = [];
  const count = r[0] ?? 0;
  for (let k = 0; k < count; k++) {
    const at = HEADER_FIELDS + PASS_FIELDS * k;
    const index = r[at + P_OBJECT] ?? 0;
    const es = elements[first + index];
    const station = stations[r[at + P_STATION] ?? 0];
    if (es === undefined || station === undefined) throw new RangeError(`a chunk from object ${first} names object ${index} or a station it does not hold`);
    const flags = r[at + P_FLAGS] ?? 0;
    passes.push({
      objectId: es.catalogId,
      objectName: es.name,
      stationName: station.name,
      aosMs: r[at + P_AOS] ?? 0,
      tcaMs: r[at + P_TCA] ?? 0,
      losMs: r[at + P_LOS] ?? 0,
      maxElevationRad: r[at + P_MAX_ELEVATION] ?? 0,
      aosAzimuthRad: r[at + P_AOS_AZIMUTH] ?? 0,
      tcaAzimuthRad: r[at + P_TCA_AZIMUTH] ?? 0,
      losAzimuthRad: r[at + P_LOS_AZIMUTH] ?? 0,
      aosCut: (flags & 1) !== 0,
      losCut: (flags & 2) !== 0,
    });
  }
  return passes;
}

/**
 * The chunks' passes in findPasses's order (AOS, then station name, then object id; ties in the
 * order found), by a k-way merge of the chunks, each sorted so already; the failures in object order.
 */
function merge(
  results: readonly PassSearchTaskResult[],
  unpacked: readonly Pass[][],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
): PassSearchResult {
  // Station names as ranks: the same order as comparing the strings.
  const names = [...new Set(stations.map((s) => s.name))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = Float64Array.from(stations, (s) => names.indexOf(s.name));
  const none = new Float64Array(HEADER_FIELDS);
  const chunk = (c: number): Float64Array => results[c] ?? none;
  const counts = Float64Array.from(results, (r) => r[0] ?? 0);
  const pos = new Float64Array(results.length);
  const offset = (c: number): number => HEADER_FIELDS + PASS_FIELDS * (pos[c] ?? 0);
  const elementOf = (c: number, index: number): ElementSet => {
    const es = elements[c * chunkObjects + index];
    if (es === undefined) throw new RangeError(`chunk ${c} names object ${index}, which it does not hold`);
    return es;
  };
  /** Chunk a's current pass comes before chunk b's. */
  const before = (a: number, b: number): boolean => {
    const ra = chunk(a);
    const rb = chunk(b);
    const ia = offset(a);
    const ib = offset(b);
    const d =
      (ra[ia + P_AOS] ?? 0) - (rb[ib + P_AOS] ?? 0) ||
      (rank[ra[ia + P_STATION] ?? 0] ?? 0) - (rank[rb[ib + P_STATION] ?? 0] ?? 0) ||
      elementOf(a, ra[ia + P_OBJECT] ?? 0).catalogId - elementOf(b, rb[ib + P_OBJECT] ?? 0).catalogId ||
      a - b;
    return d < 0;
  };
  const heap = new Int32Array(results.length);
  let size = 0;
  const down = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && before(heap[l] ?? 0, heap[m] ?? 0)) m = l;
      if (r < size && before(heap[r] ?? 0, heap[m] ?? 0)) m = r;
      if (m === i) return;
      const swap = heap[i] ?? 0;
      heap[i] = heap[m] ?? 0;
      heap[m] = swap;
      i = m;
    }
  };
  counts.forEach((count, c) => {
    if (count > 0) heap[size++] = c;
  });
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  const passes: Pass[] = [];
  while (size > 0) {
    const c = heap[0] ?? 0;
    const pass = unpacked[c]?.[pos[c] ?? 0];
    if (pass === undefined) throw new RangeError(`chunk ${c} has fewer passes than it counts`);
    passes.push(pass);
    pos[c] = (pos[c] ?? 0) + 1;
    if ((pos[c] ?? 0) >= (counts[c] ?? 0)) heap[0] = heap[--size] ?? 0;
    if (size > 0) down(0);
  }
  const failures: PassSearchFailure[] = [];
  results.forEach((r, c) => {
    const start = HEADER_FIELDS + PASS_FIELDS * (counts[c] ?? 0);
    for (let k = 0; k < (r[1] ?? 0); k++) {
      const at = start + FAILURE_FIELDS * k;
      const es = elementOf(c, r[at] ?? 0);
      failures.push({
        objectId: es.catalogId,
        objectName: es.name,
        utcMs: r[at + 1] ?? 0,
        error: new PropagationError(r[at + 2] ?? 0, es.catalogId, r[at + 3] ?? 0),
      });
    }
  });
  return { passes, failures };
}
