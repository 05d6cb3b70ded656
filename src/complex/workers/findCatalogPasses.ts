// Catalog-wide pass search on every core: the element sets are cut into chunks, each chunk searched
// by findPasses on the batch propagator in a worker thread; each chunk's passes come back packed and
// sorted, and are merged in findPasses's order straight into the columns of a PassTable, so the rows
// are the passes of findPasses over ephemeridesFromElements. The main thread makes no object per
// pass: with millions of passes it would otherwise be busy for a third of the run.
import type { Piscina } from 'piscina';
import type { EopTable } from '../../core/frames/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import type { PassSearchOptions, PassSearchResult, PassStation } from '../../core/passes/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import { stationData, type PassSearchTask, type PassSearchTaskResult } from './passSearchTask.ts';
import { mergePassChunks } from './mergePassChunks.ts';
import type { PassTable } from './PassTable.ts';
import { runInLanes } from './runInLanes.ts';

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
  return mergePassChunks(results, chunkObjects, elements, stations);
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
