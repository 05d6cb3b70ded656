// Passes: visibility of objects from ground stations, the pass search (AOS, TCA, LOS with minimum
// elevation and horizon masks), pointing tracks and Doppler shifts.
export {
  findPasses,
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
  searchPassRows,
  sortPasses,
} from './findPasses.ts';
export type { Pass, PassSearchFailure, PassSearchOptions, PassSearchResult } from './findPasses.ts';
export type { PassStation } from './PassStation.ts';
export { HorizonMask } from './HorizonMask.ts';
export type { HorizonMaskPoint } from './HorizonMask.ts';
export { STATE_SIZE } from './EphemerisSource.ts';
export type { EphemerisSource, MotionBound } from './EphemerisSource.ts';
export { ephemeridesFromElements, ephemerisFromBatch, motionBoundOf } from './ephemeridesFromBatch.ts';
export { ephemerisFromElements, scanStepMsFor } from './ephemerisFromElements.ts';
export type { ElementsEphemerisOptions } from './ephemerisFromElements.ts';
export { MAX_TRACK_SAMPLES, pointingTrack } from './pointingTrack.ts';
export type { PointingSample, PointingTrack } from './pointingTrack.ts';
export { SPEED_OF_LIGHT_KM_PER_S, dopplerShiftHz } from './dopplerShiftHz.ts';
export type { LinkDirection } from './dopplerShiftHz.ts';
