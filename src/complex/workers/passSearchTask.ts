// The worker side of findCatalogPasses: the passes of one chunk of element sets over every station,
// searched with the batch propagator as findPasses does on one thread. Stations, masks and the EOP
// table cross the thread boundary as plain data; failures come back as their SGP4 numbers.
import type { EopTable } from '../../core/frames/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
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

/** A failure as its parts: the caller rebuilds the PropagationError from them. */
export interface FailureData {
  readonly objectId: number;
  readonly objectName: string | undefined;
  readonly utcMs: number;
  readonly sgp4Code: number;
  readonly minutesSinceEpoch: number;
}

export interface PassSearchTaskResult {
  readonly passes: Pass[];
  readonly failures: FailureData[];
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
    return { objectId: f.objectId, objectName: f.objectName, utcMs: f.utcMs, sgp4Code: detail.sgp4Code, minutesSinceEpoch: detail.minutesSinceEpoch };
  });
  return { passes: result.passes, failures };
}
