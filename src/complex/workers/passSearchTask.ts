// The worker side of findCatalogPasses: the passes of one chunk of element sets over every station,
// searched with the batch propagator as findPasses does on one thread. Stations, masks and the EOP
// table cross the thread boundary as plain data; the passes come back packed in one transferred
// buffer (a million pass objects would take seconds to clone), failures as their SGP4 numbers.
import type { EopTable } from '../../core/frames/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { move } from 'piscina';
import {
  HorizonMask,
  ephemeridesFromElements,
  findPasses,
  type HorizonMaskPoint,
  type Pass,
  type PassSearchOptions,
  type PassStation,
} from '../../core/passes/index.ts';

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

/**
 * A chunk's result as one Float64Array (transferred, not cloned): the pass count and the failure
 * count, then the passes in findPasses's order, PASS_FIELDS doubles each — the object's index in the
 * chunk, the station's index, AOS, TCA, LOS, maximum elevation, the three azimuths and the cut flags
 * (1 = aosCut, 2 = losCut) — then the failures, FAILURE_FIELDS each: the object's index, the time,
 * the SGP4 error number and the minutes from epoch of the PropagationError.
 */
export const HEADER_FIELDS = 2;
export const FAILURE_FIELDS = 4;
export const PASS_FIELDS = 10;
export const P_OBJECT = 0;
export const P_STATION = 1;
export const P_AOS = 2;
export const P_TCA = 3;
export const P_LOS = 4;
export const P_MAX_ELEVATION = 5;
export const P_AOS_AZIMUTH = 6;
export const P_TCA_AZIMUTH = 7;
export const P_LOS_AZIMUTH = 8;
export const P_FLAGS = 9;

export type PassSearchTaskResult = Float64Array;

/** A failure as its parts: the caller rebuilds the PropagationError from them. */
interface FailureData {
  readonly objectId: number;
  readonly utcMs: number;
  readonly sgp4Code: number;
  readonly minutesSinceEpoch: number;
}

/** Packs passes and failures of `elements` over `stations` as PassSearchTaskResult. */
export function packResult(passes: readonly Pass[], failures: readonly FailureData[], elements: readonly ElementSet[], stations: readonly StationData[]): Float64Array {
  const objectIndex = new Map(elements.map((es, i) => [es.catalogId, i]));
  const stationIndex = new Map(stations.map((s, i) => [s.name, i]));
  const packed = new Float64Array(HEADER_FIELDS + PASS_FIELDS * passes.length + FAILURE_FIELDS * failures.length);
  packed[0] = passes.length;
  packed[1] = failures.length;
  passes.forEach((p, k) => {
    const at = HEADER_FIELDS + PASS_FIELDS * k;
    const object = objectIndex.get(p.objectId);
    const station = stationIndex.get(p.stationName);
    if (object === undefined || station === undefined) {
      throw new RangeError(`pass of object ${p.objectId} at ${p.stationName}: not an object and station of the task`);
    }
    packed[at + P_OBJECT] = object;
    packed[at + P_STATION] = station;
    packed[at + P_AOS] = p.aosMs;
    packed[at + P_TCA] = p.tcaMs;
    packed[at + P_LOS] = p.losMs;
    packed[at + P_MAX_ELEVATION] = p.maxElevationRad;
    packed[at + P_AOS_AZIMUTH] = p.aosAzimuthRad;
    packed[at + P_TCA_AZIMUTH] = p.tcaAzimuthRad;
    packed[at + P_LOS_AZIMUTH] = p.losAzimuthRad;
    packed[at + P_FLAGS] = (p.aosCut ? 1 : 0) | (p.losCut ? 2 : 0);
  });
  failures.forEach((f, k) => {
    const at = HEADER_FIELDS + PASS_FIELDS * passes.length + FAILURE_FIELDS * k;
    packed[at] = objectIndex.get(f.objectId) ?? -1;
    packed[at + 1] = f.utcMs;
    packed[at + 2] = f.sgp4Code;
    packed[at + 3] = f.minutesSinceEpoch;
  });
  return packed;
}

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

export default function passSearchTask(task: PassSearchTask): PassSearchTaskResult {
  const sources = ephemeridesFromElements(task.elements, task.eop === undefined ? {} : { eop: task.eop });
  const result = findPasses(sources, task.stations.map(stationOf), task.fromMs, task.toMs, task.options);
  const failures = result.failures.map((f) => {
    const detail = f.error as unknown as { sgp4Code?: unknown; minutesSinceEpoch?: unknown };
    if (typeof detail.sgp4Code !== 'number' || typeof detail.minutesSinceEpoch !== 'number') {
      throw new TypeError(`object ${f.objectId}: expected a PropagationError from the batch source, found ${f.error.name}`);
    }
    return { objectId: f.objectId, utcMs: f.utcMs, sgp4Code: detail.sgp4Code, minutesSinceEpoch: detail.minutesSinceEpoch };
  });
  // Two element sets of one catalog id in a chunk would make the object index ambiguous.
  if (new Set(task.elements.map((es) => es.catalogId)).size !== task.elements.length) {
    throw new RangeError('a chunk holds two element sets of one catalog id');
  }
  // Transferred, not copied, back to the main thread.
  return move(packResult(result.passes, failures, task.elements, task.stations)) as PassSearchTaskResult;
}
