// How a chunk of the catalog pass search comes back from a worker: one Float64Array holding the
// pass count and the failure count, then the passes in findPasses's order, PASS_FIELDS doubles each —
// the object's index in the chunk followed by searchPassRows's row (station index, AOS, TCA, LOS,
// maximum elevation, the three azimuths and the cut flags 1 = aosCut, 2 = losCut) — then the
// failures, FAILURE_FIELDS each: the object's index, the time, the SGP4 error number and the minutes
// from epoch of the PropagationError.
import {
  PASS_ROW_AOS,
  PASS_ROW_AOS_AZIMUTH,
  PASS_ROW_FLAGS,
  PASS_ROW_LOS,
  PASS_ROW_LOS_AZIMUTH,
  PASS_ROW_MAX_ELEVATION,
  PASS_ROW_SIZE,
  PASS_ROW_STATION,
  PASS_ROW_TCA,
  PASS_ROW_TCA_AZIMUTH,
} from '../../core/passes/index.ts';

export const HEADER_FIELDS = 2;
export const FAILURE_FIELDS = 4;
export const P_OBJECT = 0;
/** Where searchPassRows's row starts within a pass. */
export const P_ROW = 1;
export const PASS_FIELDS = P_ROW + PASS_ROW_SIZE;
export const P_STATION = P_ROW + PASS_ROW_STATION;
export const P_AOS = P_ROW + PASS_ROW_AOS;
export const P_TCA = P_ROW + PASS_ROW_TCA;
export const P_LOS = P_ROW + PASS_ROW_LOS;
export const P_MAX_ELEVATION = P_ROW + PASS_ROW_MAX_ELEVATION;
export const P_AOS_AZIMUTH = P_ROW + PASS_ROW_AOS_AZIMUTH;
export const P_TCA_AZIMUTH = P_ROW + PASS_ROW_TCA_AZIMUTH;
export const P_LOS_AZIMUTH = P_ROW + PASS_ROW_LOS_AZIMUTH;
export const P_FLAGS = P_ROW + PASS_ROW_FLAGS;

/** Each station's rank in the order of names: comparing ranks orders passes as comparing names does. */
export function stationNameRanks(stations: readonly { readonly name: string }[]): Float64Array {
  const names = stations.map((s) => s.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Float64Array.from(stations, (s) => names.indexOf(s.name));
}
