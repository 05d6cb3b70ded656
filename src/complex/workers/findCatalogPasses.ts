// Catalog-wide pass search on every core: the element sets are cut into chunks, each chunk searched
// by findPasses on the batch propagator in a worker thread; the passes are merged and sorted as one
// thread sorts them, so the result is the same as findPasses over ephemeridesFromElements.
import type { Piscina } from 'piscina';
import type { EopTable } from '../../core/frames/index.ts';
import { PropagationError, type ElementSet } from '../../core/orbit/index.ts';
import {
  sortPasses,
  type Pass,
  type PassSearchFailure,
  type PassSearchOptions,
  type PassSearchResult,
  type PassStation,
} from '../../core/passes/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import { stationData, type PassSearchTask, type PassSearchTaskResult } from './passSearchTask.ts';

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
  let nextFirst = 0;
  let done = 0;
  let failure: { reason: unknown } | undefined;

  const lane = async (): Promise<void> => {
    while (failure === undefined && nextFirst < elements.length) {
      const first = nextFirst;
      nextFirst += chunkObjects;
      const chunk = elements.slice(first, first + chunkObjects);
      try {
        signal?.throwIfAborted();
        const task: PassSearchTask = { elements: chunk, stations: stationList, fromMs, toMs, options: taskOptions, ...(eop === undefined ? {} : { eop }) };
        results[first / chunkObjects] = await pool.run(task);
        signal?.throwIfAborted();
        done += chunk.length;
        options.onProgress?.(done, elements.length);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  try {
    // Two lanes per worker: each worker has its next chunk queued while a reply crosses back.
    await Promise.all(Array.from({ length: 2 * pool.maxThreads }, lane));
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
  if (failure !== undefined) throw failure.reason;
  const passes: Pass[] = [];
  const failures: PassSearchFailure[] = [];
  for (const result of results) {
    for (const p of result.passes) passes.push(p);
    for (const f of result.failures) {
      failures.push({
        objectId: f.objectId,
        objectName: f.objectName,
        utcMs: f.utcMs,
        error: new PropagationError(f.sgp4Code, f.objectId, f.minutesSinceEpoch),
      });
    }
  }
  return { passes: sortPasses(passes), failures };
}
