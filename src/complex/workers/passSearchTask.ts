// The worker side of findCatalogPasses: the passes of one chunk of element sets over every station,
// searched on the batch propagator by searchPassRows (findPasses's search, with the passes kept as
// numbers: no Pass object is made here). Stations, masks and the EOP table cross the thread boundary
// as plain data; the passes come back sorted and packed in one buffer of shared memory (a million
// pass objects would take seconds to clone), failures as their SGP4 numbers. The same workers then
// merge the chunks, each a part of the rows (mergePassRows).
import type { EopTable } from '../../core/frames/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import {
  HorizonMask,
  PASS_ROW_SIZE,
  ephemeridesFromElements,
  searchPassRows,
  type HorizonMaskPoint,
  type PassSearchOptions,
  type PassStation,
} from '../../core/passes/index.ts';
import { FAILURE_FIELDS, HEADER_FIELDS, P_AOS, P_OBJECT, P_ROW, P_STATION, PASS_FIELDS, stationNameRanks } from './passChunkLayout.ts';
import { mergePassRows, type PassMergeTask } from './mergePassRows.ts';

/** A PassStation as plain data: its mask as the table of points. */
export interface StationData {
  readonly name: string;
  readonly geodetic: PassStation['geodetic'];
  readonly minElevationRad?: number;
  readonly maskPoints?: readonly HorizonMaskPoint[];
}

/** The search options that cross to a worker (no callbacks). */
export type PassTaskOptions = Pick<PassSearchOptions, 'minElevationRad' | 'toleranceMs' | 'tcaToleranceMs' | 'maskStepMs' | 'skipFarBelow'>;

export interface PassSearchTask {
  readonly elements: readonly ElementSet[];
  readonly stations: readonly StationData[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly options: PassTaskOptions;
  /** UT1−UTC and polar motion, without its warnings (they stay with the caller). */
  readonly eop?: EopTable;
}

/** A chunk's result, laid out as passChunkLayout.ts says, on shared memory (see passSearchTask). */
export type PassSearchTaskResult = Float64Array;

export function stationData(station: PassStation): StationData {
  return {
    name: station.name,
    geodetic: { ...station.geodetic },
    ...(station.minElevationRad === undefined ? {} : { minElevationRad: station.minElevationRad }),
    ...(station.horizonMask === undefined ? {} : { maskPoints: station.horizonMask.points.map((p) => ({ ...p })) }),
  };
}

export function stationOf(data: StationData): PassStation {
  return {
    name: data.name,
    geodetic: data.geodetic,
    ...(data.minElevationRad === undefined ? {} : { minElevationRad: data.minElevationRad }),
    ...(data.maskPoints === undefined ? {} : { horizonMask: new HorizonMask(data.maskPoints) }),
  };
}

/**
 * The row numbers of `found` in findPasses's order: AOS, then station name, then catalog id, ties
 * in the order found. Rows are dealt into as many buckets of AOS as there are rows (a counting
 * sort), and each bucket, a few rows, is sorted by insertion: about linear in the number of rows.
 */
function sortedRows(found: Float64Array, count: number, task: PassSearchTask): Int32Array {
  const rank = stationNameRanks(task.stations);
  const ids = Float64Array.from(task.elements, (es) => es.catalogId);
  const before = (i: number, j: number): boolean => {
    const a = i * PASS_FIELDS;
    const b = j * PASS_FIELDS;
    const d =
      (found[a + P_AOS] ?? 0) - (found[b + P_AOS] ?? 0) ||
      (rank[found[a + P_STATION] ?? 0] ?? 0) - (rank[found[b + P_STATION] ?? 0] ?? 0) ||
      (ids[found[a + P_OBJECT] ?? 0] ?? 0) - (ids[found[b + P_OBJECT] ?? 0] ?? 0) ||
      i - j;
    return d < 0;
  };
  // About one row per bucket: passes are spread evenly over the window.
  const buckets = Math.max(1, Math.min(count, 1 << 20));
  const width = (task.toMs - task.fromMs) / buckets;
  const bucketOf = (row: number): number => {
    const k = Math.floor(((found[row * PASS_FIELDS + P_AOS] ?? 0) - task.fromMs) / width);
    return k < 0 ? 0 : k >= buckets ? buckets - 1 : k;
  };
  const starts = new Int32Array(buckets + 1);
  for (let row = 0; row < count; row++) {
    const k = bucketOf(row) + 1;
    starts[k] = (starts[k] ?? 0) + 1;
  }
  for (let k = 0; k < buckets; k++) starts[k + 1] = (starts[k + 1] ?? 0) + (starts[k] ?? 0);
  const fill = starts.slice(0, buckets);
  const order = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const k = bucketOf(row);
    order[fill[k] ?? 0] = row;
    fill[k] = (fill[k] ?? 0) + 1;
  }
  for (let k = 0; k < buckets; k++) {
    const end = starts[k + 1] ?? 0;
    for (let i = (starts[k] ?? 0) + 1; i < end; i++) {
      const row = order[i] ?? 0;
      let j = i - 1;
      while (j >= (starts[k] ?? 0) && before(row, order[j] ?? 0)) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = row;
    }
  }
  return order;
}

/** What a pass-search pool's worker is given: a chunk to search, or a part of the chunks to merge. */
export type PassWorkerTask = PassSearchTask | PassMergeTask;

/** A search task gives its chunk's result; a merge task the number of rows it wrote. */
export default function passWorkerTask(task: PassWorkerTask): PassSearchTaskResult | number {
  return 'merge' in task ? mergePassRows(task.merge, task.columns, task.firstRow) : passSearchTask(task);
}

/**
 * The passes and failures of one chunk. The result is on a SharedArrayBuffer: it reaches the main
 * thread without a copy, and from there the workers that merge the chunks read it in place.
 */
export function passSearchTask(task: PassSearchTask): PassSearchTaskResult {
  const elements = task.elements;
  // Two element sets of one catalog id in a chunk would make the object index ambiguous.
  if (new Set(elements.map((es) => es.catalogId)).size !== elements.length) {
    throw new RangeError('a chunk holds two element sets of one catalog id');
  }
  const sources = ephemeridesFromElements(elements, task.eop === undefined ? {} : { eop: task.eop });
  const stations = task.stations.map(stationOf);
  // The passes as they are found, PASS_FIELDS numbers each, in a buffer that grows.
  let found = new Float64Array(4096 * PASS_FIELDS);
  let count = 0;
  const failures = searchPassRows(sources, stations, task.fromMs, task.toMs, task.options, (object, rows, n) => {
    if (found.length < (count + n) * PASS_FIELDS) {
      const grown = new Float64Array(Math.max(2 * found.length, (count + n) * PASS_FIELDS));
      grown.set(found);
      found = grown;
    }
    // Copied number by number: a subarray per pass would be an object per pass.
    for (let k = 0; k < n; k++) {
      const at = (count + k) * PASS_FIELDS;
      found[at + P_OBJECT] = object;
      for (let f = 0; f < PASS_ROW_SIZE; f++) found[at + P_ROW + f] = rows[k * PASS_ROW_SIZE + f] ?? 0;
    }
    count += n;
  });
  const order = sortedRows(found, count, task);
  const objectIndex = new Map(elements.map((es, i) => [es.catalogId, i]));
  const packed = new Float64Array(new SharedArrayBuffer(8 * (HEADER_FIELDS + PASS_FIELDS * count + FAILURE_FIELDS * failures.length)));
  packed[0] = count;
  packed[1] = failures.length;
  for (let k = 0; k < count; k++) {
    const from = (order[k] ?? 0) * PASS_FIELDS;
    const to = HEADER_FIELDS + PASS_FIELDS * k;
    for (let f = 0; f < PASS_FIELDS; f++) packed[to + f] = found[from + f] ?? 0;
  }
  failures.forEach((f, k) => {
    const detail = f.error as unknown as { sgp4Code?: unknown; minutesSinceEpoch?: unknown };
    if (typeof detail.sgp4Code !== 'number' || typeof detail.minutesSinceEpoch !== 'number') {
      throw new TypeError(`object ${f.objectId}: expected a PropagationError from the batch source, found ${f.error.name}`);
    }
    const at = HEADER_FIELDS + PASS_FIELDS * count + FAILURE_FIELDS * k;
    packed[at] = objectIndex.get(f.objectId) ?? -1;
    packed[at + 1] = f.utcMs;
    packed[at + 2] = detail.sgp4Code;
    packed[at + 3] = detail.minutesSinceEpoch;
  });
  return packed;
}
