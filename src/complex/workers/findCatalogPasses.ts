// Catalog-wide pass search on every core: the element sets are cut into chunks, each chunk searched
// by findPasses on the batch propagator in a worker thread; each chunk's passes come back packed and
// sorted on shared memory, and are merged in findPasses's order straight into the columns of a
// PassTable — by the workers, one span of AOS each, once there are many — so the rows are the passes
// of findPasses over ephemeridesFromElements. The main thread makes no object per pass: with
// millions of passes it would otherwise be busy for a third of the run.
import type { Piscina } from 'piscina';
import type { EopTable } from '../../core/frames/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import type { PassSearchOptions, PassSearchResult, PassStation } from '../../core/passes/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import { stationData, type PassSearchTask, type PassSearchTaskResult, type PassWorkerTask } from './passSearchTask.ts';
import { mergeInputOf, mergePassChunks, passTableFor, splitPassChunks } from './mergePassChunks.ts';
import type { PassTable } from './PassTable.ts';
import { runInLanes } from './runInLanes.ts';

/** A pool whose workers search chunks (giving their packed passes) and merge them (giving a row count). */
export type PassSearchPool = Piscina<PassWorkerTask, PassSearchTaskResult | number>;

/** Below this many passes the chunks are merged on the calling thread (a worker task costs more). */
const MERGE_IN_WORKERS_FROM = 100_000;

export interface CatalogPassesOptions extends PassSearchOptions, WorkerPoolOptions {
  /** UT1−UTC and polar motion; without it UT1 = UTC and the pole is fixed. */
  readonly eop?: EopTable;
  /** A pool from createPassSearchPool to reuse; otherwise one is made for this call and closed after. */
  readonly pool?: PassSearchPool;
  /** Objects per work item; 64 when absent. */
  readonly chunkObjects?: number;
  /** Stops handing out chunks once aborted (running chunks finish); the call rejects with the reason. */
  readonly signal?: AbortSignal;
  /**
   * Merge the chunks in the workers, one span of AOS each (true), or on the calling thread (false);
   * when absent, in the workers from 100,000 passes on when the pool has two threads or more. The
   * table is the same either way; the option is for tests and measurements.
   */
  readonly mergeInWorkers?: boolean;
}

/** A worker pool for findCatalogPasses, to keep between calls. Close it with `destroy()`. */
export function createPassSearchPool(options: WorkerPoolOptions = {}): PassSearchPool {
  return createWorkerPool<PassWorkerTask, PassSearchTaskResult | number>(new URL('./passSearchTask.ts', import.meta.url), options);
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
    const result = await pool.run(task);
    if (typeof result === 'number') throw new TypeError('a search task gave a row count');
    results[first / chunkObjects] = result;
    signal?.throwIfAborted();
    done += chunk.length;
    options.onProgress?.(done, elements.length);
  };
  try {
    await runInLanes(elements.length, chunkObjects, 2 * pool.maxThreads, work, signal);
    const rows = results.reduce((sum, r) => sum + (r[0] ?? 0), 0);
    const inWorkers = options.mergeInWorkers ?? (pool.maxThreads >= 2 && rows >= MERGE_IN_WORKERS_FROM);
    if (!inWorkers) return mergePassChunks(results, chunkObjects, elements, stations);
    return await mergeInWorkers(pool, results, chunkObjects, elements, stations, fromMs, toMs);
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
}

/**
 * The chunks merged as mergePassChunks merges them, by the pool's workers side by side: the passes
 * are cut into one span of AOS per worker, and each worker writes its span's rows into the table,
 * whose columns are shared memory, as are the chunks (the workers made them so).
 */
async function mergeInWorkers(
  pool: PassSearchPool,
  chunks: readonly Float64Array[],
  chunkObjects: number,
  elements: readonly ElementSet[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
): Promise<PassTable> {
  const table = passTableFor(chunks, chunkObjects, elements, stations, true);
  const input = mergeInputOf(chunks, chunkObjects, elements, stations);
  // The columns alone cross to the workers: the table itself would clone every element set with it.
  const columns = {
    object: table.object,
    station: table.station,
    aosMs: table.aosMs,
    tcaMs: table.tcaMs,
    losMs: table.losMs,
    maxElevationRad: table.maxElevationRad,
    aosAzimuthRad: table.aosAzimuthRad,
    tcaAzimuthRad: table.tcaAzimuthRad,
    losAzimuthRad: table.losAzimuthRad,
    flags: table.flags,
  };
  const spans = splitPassChunks(chunks, pool.maxThreads, fromMs, toMs);
  const written = await Promise.all(spans.map((span) => pool.run({ merge: { ...input, starts: span.starts, ends: span.ends }, columns, firstRow: span.firstRow })));
  spans.forEach((span, i) => {
    if (written[i] !== span.rows) throw new RangeError(`the merge of span ${i} wrote ${String(written[i])} rows, not ${span.rows}`);
  });
  return table;
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
