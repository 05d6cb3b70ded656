// Catalog-wide propagation on every core: the element sets are cut into chunks, each chunk is
// initialised and propagated by the batch propagator in a worker thread, and each result reaches the
// caller as soon as it is done. The numbers are the same bytes as one thread would produce.
import type { Piscina } from 'piscina';
import type { ElementSet } from '../../core/orbit/index.ts';
import { createWorkerPool, type WorkerPoolOptions } from './createWorkerPool.ts';
import { chunkLayout, type PropagationTask } from './propagationTask.ts';
import { runInLanes } from './runInLanes.ts';

/** `count` times `startMs + k * stepMs`, ms of UTC since 1970. */
export interface CatalogGrid {
  readonly startMs: number;
  readonly stepMs: number;
  readonly count: number;
}

/** Any times (ms of UTC since 1970), the same for every object, such as a grid with its end added. */
export interface CatalogTimes {
  readonly timesMs: readonly number[] | Float64Array;
}

/**
 * Objects `first .. first + objects - 1` of the catalog, object-major: object first + j at step k is
 * state j * count + k (TEME km, km/s; a failed step is zeros with its code in `errors`).
 */
export interface CatalogChunk {
  readonly first: number;
  readonly objects: number;
  readonly positionsKm: Float64Array;
  readonly velocitiesKmPerS: Float64Array | undefined;
  readonly errors: Uint8Array;
}

export interface PropagateCatalogOptions extends WorkerPoolOptions {
  /** A pool from createPropagationPool to reuse; otherwise one is made for this call and closed after. */
  readonly pool?: PropagationPool;
  /** Objects per work item; 256 when absent. */
  readonly chunkObjects?: number;
  /** Also return velocities (true when absent). */
  readonly velocities?: boolean;
  /**
   * Stops handing out chunks once aborted; chunks already running finish (a chunk takes
   * milliseconds) and are not delivered. The call then rejects with the signal's reason. The signal
   * is not passed to piscina: aborting a running piscina task races with its reply and surfaces as
   * an uncaught "Unexpected message from Worker".
   */
  readonly signal?: AbortSignal;
}

export interface CatalogSummary {
  readonly objects: number;
  readonly steps: number;
  readonly failedSteps: number;
}

export type PropagationPool = Piscina<PropagationTask, ArrayBuffer>;

/** A worker pool for propagateCatalog, to keep between calls. Close it with `destroy()`. */
export function createPropagationPool(options: WorkerPoolOptions = {}): PropagationPool {
  return createWorkerPool<PropagationTask, ArrayBuffer>(new URL('./propagationTask.ts', import.meta.url), options);
}

/**
 * Propagates every element set over `grid` (or at each of `timesMs`) on worker threads and calls `onChunk` for each chunk as it
 * completes (chunks arrive in any order; `first` says where each belongs). The chunk's arrays are
 * valid until `onChunk` returns: their buffer then goes back to a worker for another chunk, so copy
 * what you keep. Resolves when all are done; rejects with the first failure (or the abort).
 */
export async function propagateCatalog(
  elements: readonly ElementSet[],
  grid: CatalogGrid | CatalogTimes,
  onChunk: (chunk: CatalogChunk) => void,
  options: PropagateCatalogOptions = {},
): Promise<CatalogSummary> {
  const timesMs = 'timesMs' in grid ? Float64Array.from(grid.timesMs) : undefined;
  const { startMs, stepMs, count } = timesMs === undefined ? (grid as CatalogGrid) : { startMs: 0, stepMs: 0, count: timesMs.length };
  if (!Number.isFinite(startMs) || !Number.isFinite(stepMs)) {
    throw new RangeError(`grid start and step must be finite ms, found ${startMs} and ${stepMs}`);
  }
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`grid count must be a count, found ${count}`);
  if (timesMs !== undefined && !timesMs.every(Number.isFinite)) throw new RangeError('times must be finite ms of UTC');
  const chunkObjects = options.chunkObjects ?? 256;
  if (!Number.isSafeInteger(chunkObjects) || chunkObjects < 1) {
    throw new RangeError(`chunkObjects must be a positive integer, found ${chunkObjects}`);
  }
  const velocities = options.velocities ?? true;
  const pool = options.pool ?? createPropagationPool(options);
  const signal = options.signal;
  const bufferBytes = chunkLayout(Math.min(chunkObjects, elements.length), count, velocities).bytes;
  let failedSteps = 0;
  // Each lane has its own buffer, sent to a worker and back: a worker has its next chunk queued while
  // the main thread hands the previous one to onChunk.
  const buffers: ArrayBuffer[] = [];
  const work = async (first: number, size: number, lane: number): Promise<void> => {
    const chunk = elements.slice(first, first + size);
    const sent = buffers[lane] ?? new ArrayBuffer(bufferBytes);
    const task: PropagationTask = { elements: chunk, startMs, stepMs, count, velocities, buffer: sent, ...(timesMs === undefined ? {} : { timesMs }) };
    const buffer = await pool.run(task, { transferList: [sent] });
    buffers[lane] = buffer;
    signal?.throwIfAborted();
    const layout = chunkLayout(chunk.length, count, velocities);
    const errors = new Uint8Array(buffer, layout.errorOffset, layout.states);
    for (const code of errors) if (code !== 0) failedSteps++;
    onChunk({
      first,
      objects: chunk.length,
      positionsKm: new Float64Array(buffer, 0, 3 * layout.states),
      velocitiesKmPerS: velocities ? new Float64Array(buffer, layout.velocityOffset, 3 * layout.states) : undefined,
      errors,
    });
  };
  try {
    await runInLanes(elements.length, chunkObjects, 2 * pool.maxThreads, work, signal);
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
  return { objects: elements.length, steps: elements.length * count, failedSteps };
}
