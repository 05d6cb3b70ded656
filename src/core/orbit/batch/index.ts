// The batch SGP4/SDP4 propagator: many objects over many times on typed arrays, the same results as
// satellite.js (its sgp4init builds the records; the per-step model is re-implemented for speed).
export { batchFromElements } from './batchFromElements.ts';
export { createSgp4Batch, F, KIND_DEEP_SPACE, KIND_NEAR_EARTH, KIND_NEAR_EARTH_SIMPLE } from './Sgp4Batch.ts';
export type { Sgp4Batch } from './Sgp4Batch.ts';
export {
  createStateBuffers,
  MAX_MINUTES_FROM_EPOCH,
  propagateAt,
  propagateBatchGrid,
  propagateGrid,
  propagateMinutes,
  propagateTimes,
} from './propagateBatch.ts';
export type { FullStateBuffers, StateBuffers } from './propagateBatch.ts';
export { sinCos } from './sinCos.ts';
export {
  SGP4_DECAYED,
  SGP4_MEAN_ECCENTRICITY,
  SGP4_MEAN_MOTION,
  SGP4_NOT_FINITE,
  SGP4_OK,
  SGP4_PERTURBED_ECCENTRICITY,
  SGP4_SEMI_LATUS_RECTUM,
} from './stepCodes.ts';
