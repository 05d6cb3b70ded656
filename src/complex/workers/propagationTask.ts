// The worker side of propagateCatalog: one chunk of element sets over one time grid with the batch
// propagator, written to one transferred buffer (positions, then velocities, then codes).
import { move } from 'piscina';
import type { ElementSet } from '../../core/orbit/index.ts';
import { batchFromElements, propagateBatchGrid, propagateTimes } from '../../core/orbit/batch/index.ts';

export interface PropagationTask {
  readonly elements: readonly ElementSet[];
  readonly startMs: number;
  readonly stepMs: number;
  readonly count: number;
  readonly velocities: boolean;
  /** When given, the times (ms of UTC) instead of the grid; `count` is their number. */
  readonly timesMs?: Float64Array;
  /**
   * Where to write (transferred in and back out, so the same few buffers circulate: fresh memory
   * for every chunk costs more than propagating into it). A new one is made when absent or too small.
   */
  readonly buffer?: ArrayBuffer;
}

/** Bytes of a chunk's buffer: 3 doubles per state for positions (and velocities), 1 byte per code. */
export function chunkLayout(objects: number, count: number, velocities: boolean): { states: number; velocityOffset: number; errorOffset: number; bytes: number } {
  const states = objects * count;
  const velocityOffset = 24 * states;
  const errorOffset = velocities ? 48 * states : 24 * states;
  return { states, velocityOffset, errorOffset, bytes: errorOffset + states };
}

export default function propagationTask(task: PropagationTask): ArrayBuffer {
  const { elements, startMs, stepMs, count, velocities } = task;
  const layout = chunkLayout(elements.length, count, velocities);
  const buffer = task.buffer !== undefined && task.buffer.byteLength >= layout.bytes ? task.buffer : new ArrayBuffer(layout.bytes);
  const out = {
    positionsKm: new Float64Array(buffer, 0, 3 * layout.states),
    velocitiesKmPerS: velocities ? new Float64Array(buffer, layout.velocityOffset, 3 * layout.states) : undefined,
    errors: new Uint8Array(buffer, layout.errorOffset, layout.states),
  };
  if (layout.states > 0) {
    const batch = batchFromElements(elements);
    const times = task.timesMs;
    if (times === undefined) propagateBatchGrid(batch, startMs, stepMs, count, out);
    else for (let j = 0; j < elements.length; j++) propagateTimes(batch, j, times, out, j * count);
  }
  // Transferred, not copied, back to the main thread.
  return move(buffer) as ArrayBuffer;
}
