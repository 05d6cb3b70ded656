// Per-step result codes of the batch propagator (Vallado's satrec.error numbers, AIAA 2006-6753,
// as satellite.js reports them) and the ways a batch call can be given its times.

/** The step succeeded. */
export const SGP4_OK = 0;
/** Mean eccentricity outside -0.001 <= e < 1. */
export const SGP4_MEAN_ECCENTRICITY = 1;
/** Mean motion has fallen to zero or below. */
export const SGP4_MEAN_MOTION = 2;
/** Perturbed eccentricity outside 0 <= e <= 1 (deep space). */
export const SGP4_PERTURBED_ECCENTRICITY = 3;
/** Semi-latus rectum below zero. */
export const SGP4_SEMI_LATUS_RECTUM = 4;
/** The satellite has decayed: radius below one earth radius. */
export const SGP4_DECAYED = 6;
/**
 * No SGP4 error, but the state is not finite (element sets far outside their valid range). Not a
 * Vallado number: satellite.js would return the non-finite state; Zenith never hands out NaN.
 */
export const SGP4_NOT_FINITE = 255;

/** Time k is `(startMs + k * stepMs - epochMs) / 60000` minutes from epoch. */
export const TIME_GRID_MS = 0;
/** Time k is `(times[k] - epochMs) / 60000` minutes from epoch. */
export const TIME_LIST_MS = 1;
/** Time k is `times[k]` minutes from epoch. */
export const TIME_LIST_MIN = 2;
export type TimeMode = typeof TIME_GRID_MS | typeof TIME_LIST_MS | typeof TIME_LIST_MIN;
