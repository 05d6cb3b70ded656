// The sample times of a propagation run: from start to stop by step, plus stop itself when the step
// does not land on it — the grid of Vallado's verification driver (AIAA 2006-6753, testcpp).

/** Above this many samples a grid is a mistake (a step in the wrong unit), not a request. */
export const MAX_GRID_SAMPLES = 10_000_000;

/**
 * `start, start + step, ...` while below `stop`, then `stop`. Values are `start + i * step` rather than
 * a running sum, so a long grid does not drift; a value within 1e-9 step of `stop` is taken as `stop`.
 * Throws RangeError for a non-positive step, stop before start, or more than MAX_GRID_SAMPLES values.
 */
export function stepGrid(start: number, stop: number, step: number): number[] {
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step)) {
    throw new RangeError(`grid bounds and step must be finite, found ${start}:${stop}:${step}`);
  }
  if (step <= 0) throw new RangeError(`grid step must be positive, found ${step}`);
  if (stop < start) throw new RangeError(`grid stop ${stop} is before its start ${start}`);
  const count = stepGridLength(start, stop, step);
  if (count > MAX_GRID_SAMPLES) {
    throw new RangeError(`grid ${start}:${stop}:${step} has ${count} samples, more than ${MAX_GRID_SAMPLES}`);
  }
  const values: number[] = [];
  const landing = step * 1e-9;
  for (let i = 0; ; i++) {
    // The first value is start itself (start + 0 * step would turn a start of -0 into +0).
    const value = i === 0 ? start : start + i * step;
    if (value >= stop - landing) break;
    values.push(value);
  }
  values.push(stop);
  return values;
}

/** Number of values stepGrid(start, stop, step) returns, without building them. */
export function stepGridLength(start: number, stop: number, step: number): number {
  return Math.ceil((stop - start) / step - 1e-9) + 1;
}
