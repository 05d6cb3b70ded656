// The batch propagator's public calls: one object over a time grid or a list of times, one object at
// one time (for root finding), and a range of objects over one grid (catalog-wide jobs). States are
// TEME, km and km/s; each step has a result code (stepCodes.ts) and a failed step is written as zeros.

import { deepSpaceSteps as deepSpaceStepsImported } from './deepSpaceSteps.ts';
import { nearEarthSteps as nearEarthStepsImported } from './nearEarthSteps.ts';
import { KIND_DEEP_SPACE as KIND_DEEP_SPACE_IMPORTED, type Sgp4Batch } from './Sgp4Batch.ts';
import * as codes from './stepCodes.ts';
import type { TimeMode } from './stepCodes.ts';

// Imported values copied to module constants (propagateAt runs once per root-finding step): under
// tsx an imported binding may be read through a getter at every use.
const deepSpaceSteps = deepSpaceStepsImported;
const nearEarthSteps = nearEarthStepsImported;
const KIND_DEEP_SPACE = KIND_DEEP_SPACE_IMPORTED;
const { TIME_GRID_MS, TIME_LIST_MIN, TIME_LIST_MS } = codes;

/**
 * Where a call writes its states: step k (0-based within the call, plus `first`) at
 * positionsKm[3 * (first + k) ..+2], velocitiesKmPerS[3 * (first + k) ..+2] (when given) and
 * errors[first + k].
 */
export interface StateBuffers {
  readonly positionsKm: Float64Array;
  readonly velocitiesKmPerS?: Float64Array | undefined;
  readonly errors: Uint8Array;
}

/** StateBuffers with velocities. */
export interface FullStateBuffers extends StateBuffers {
  readonly velocitiesKmPerS: Float64Array;
}

/** Buffers sized for `steps` states, velocities included. */
export function createStateBuffers(steps: number): FullStateBuffers {
  if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError(`steps must be a count, found ${steps}`);
  return {
    positionsKm: new Float64Array(3 * steps),
    velocitiesKmPerS: new Float64Array(3 * steps),
    errors: new Uint8Array(steps),
  };
}

/**
 * Farthest time from an epoch the calls accept, in minutes (about 190 years). SDP4's resonance
 * integration steps 720 min at a time from epoch, so an infinite or absurd time would never return.
 */
export const MAX_MINUTES_FROM_EPOCH = 1e8;
const MAX_MS_FROM_EPOCH = MAX_MINUTES_FROM_EPOCH * 60_000;

function checkTimeMs(batch: Sgp4Batch, index: number, utcMs: number): void {
  if (!(Math.abs(utcMs - (batch.epochMs[index] ?? 0)) <= MAX_MS_FROM_EPOCH)) {
    throw new RangeError(`time ${utcMs} ms is not finite or more than ${MAX_MINUTES_FROM_EPOCH} min from the epoch of object ${index}`);
  }
}

function checkMinutes(minutes: number): void {
  if (!(Math.abs(minutes) <= MAX_MINUTES_FROM_EPOCH)) {
    throw new RangeError(`minutes from epoch must be finite and within ±${MAX_MINUTES_FROM_EPOCH}, found ${minutes}`);
  }
}

function checkIndex(batch: Sgp4Batch, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= batch.count) {
    throw new RangeError(`object index must be in 0..${batch.count - 1}, found ${index}`);
  }
}

function checkBuffers(out: StateBuffers, first: number, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a count, found ${count}`);
  if (!Number.isSafeInteger(first) || first < 0) throw new RangeError(`first must be a count, found ${first}`);
  const end = first + count;
  if (out.positionsKm.length < 3 * end) {
    throw new RangeError(`positionsKm holds ${out.positionsKm.length / 3} states, ${end} needed`);
  }
  if (out.velocitiesKmPerS !== undefined && out.velocitiesKmPerS.length < 3 * end) {
    throw new RangeError(`velocitiesKmPerS holds ${out.velocitiesKmPerS.length / 3} states, ${end} needed`);
  }
  if (out.errors.length < end) throw new RangeError(`errors holds ${out.errors.length} codes, ${end} needed`);
}

function run(
  batch: Sgp4Batch,
  index: number,
  mode: TimeMode,
  startMs: number,
  stepMs: number,
  times: ArrayLike<number> | null,
  count: number,
  out: StateBuffers,
  first: number,
): number {
  const steps = batch.kind[index] === KIND_DEEP_SPACE ? deepSpaceSteps : nearEarthSteps;
  const velocities = out.velocitiesKmPerS ?? null;
  return steps(batch, index, mode, startMs, stepMs, times, count, out.positionsKm, 3 * first, velocities, 3 * first, 3, out.errors, first);
}

/**
 * Object `index` at `count` times `startMs + k * stepMs` (ms of UTC since 1970), i.e. at
 * `(startMs + k * stepMs - epochMs) / 60000` minutes from its epoch. Returns the number of failed steps.
 */
export function propagateGrid(
  batch: Sgp4Batch,
  index: number,
  startMs: number,
  stepMs: number,
  count: number,
  out: StateBuffers,
  first = 0,
): number {
  checkIndex(batch, index);
  checkBuffers(out, first, count);
  if (!Number.isFinite(startMs) || !Number.isFinite(stepMs)) {
    throw new RangeError(`grid start and step must be finite ms, found ${startMs} and ${stepMs}`);
  }
  if (count > 0) {
    checkTimeMs(batch, index, startMs);
    checkTimeMs(batch, index, startMs + (count - 1) * stepMs);
  }
  return run(batch, index, TIME_GRID_MS, startMs, stepMs, null, count, out, first);
}

/** Object `index` at each of `timesMs` (ms of UTC since 1970). Returns the number of failed steps. */
export function propagateTimes(
  batch: Sgp4Batch,
  index: number,
  timesMs: ArrayLike<number>,
  out: StateBuffers,
  first = 0,
): number {
  checkIndex(batch, index);
  checkBuffers(out, first, timesMs.length);
  for (let k = 0; k < timesMs.length; k++) checkTimeMs(batch, index, timesMs[k] ?? NaN);
  return run(batch, index, TIME_LIST_MS, 0, 0, timesMs, timesMs.length, out, first);
}

/** Object `index` at each of `minutes` from its element epoch. Returns the number of failed steps. */
export function propagateMinutes(
  batch: Sgp4Batch,
  index: number,
  minutes: ArrayLike<number>,
  out: StateBuffers,
  first = 0,
): number {
  checkIndex(batch, index);
  checkBuffers(out, first, minutes.length);
  for (let k = 0; k < minutes.length; k++) checkMinutes(minutes[k] ?? NaN);
  return run(batch, index, TIME_LIST_MIN, 0, 0, minutes, minutes.length, out, first);
}

/**
 * Object `index` at `utcMs`: position (km) at state[offset ..+2] and velocity (km/s) at
 * state[offset + 3 ..+5], TEME. Returns the result code (0 = success; on failure the six slots are 0).
 * Made for root finding, which asks for one time after another.
 */
export function propagateAt(
  batch: Sgp4Batch,
  index: number,
  utcMs: number,
  state: Float64Array,
  offset: number,
  errors: Uint8Array,
  errorOffset: number,
): number {
  checkIndex(batch, index);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + 6 > state.length) {
    throw new RangeError(`state offset ${offset} does not leave 6 slots in ${state.length}`);
  }
  if (!Number.isSafeInteger(errorOffset) || errorOffset < 0 || errorOffset >= errors.length) {
    throw new RangeError(`error offset ${errorOffset} is outside ${errors.length} codes`);
  }
  checkTimeMs(batch, index, utcMs);
  const steps = batch.kind[index] === KIND_DEEP_SPACE ? deepSpaceSteps : nearEarthSteps;
  steps(batch, index, TIME_GRID_MS, utcMs, 0, null, 1, state, offset, state, offset + 3, 6, errors, errorOffset);
  return errors[errorOffset] ?? 0;
}

/**
 * Objects `firstObject .. firstObject + objectCount - 1` over one grid, object-major: object j's
 * step k goes to state (j - firstObject) * count + k. Returns the number of failed steps.
 */
export function propagateBatchGrid(
  batch: Sgp4Batch,
  startMs: number,
  stepMs: number,
  count: number,
  out: StateBuffers,
  firstObject = 0,
  objectCount = batch.count - firstObject,
): number {
  if (!Number.isSafeInteger(objectCount) || objectCount < 0 || firstObject + objectCount > batch.count) {
    throw new RangeError(`objects ${firstObject}..${firstObject + objectCount - 1} are not all in the batch of ${batch.count}`);
  }
  if (objectCount > 0) checkIndex(batch, firstObject);
  checkBuffers(out, 0, objectCount * count);
  if (!Number.isFinite(startMs) || !Number.isFinite(stepMs)) {
    throw new RangeError(`grid start and step must be finite ms, found ${startMs} and ${stepMs}`);
  }
  let failures = 0;
  for (let j = 0; j < objectCount; j++) {
    if (count > 0) {
      checkTimeMs(batch, firstObject + j, startMs);
      checkTimeMs(batch, firstObject + j, startMs + (count - 1) * stepMs);
    }
    failures += run(batch, firstObject + j, TIME_GRID_MS, startMs, stepMs, null, count, out, j * count);
  }
  return failures;
}
