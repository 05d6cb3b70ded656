// Runs the near-earth kernel through its rarely taken branches once, before any real work, so that V8
// has type feedback for them when it optimizes the kernel. Those branches (a secular correction or
// the mean-longitude argument of 1/8 rad or more, where the short series gives way to sinCos) are
// taken by high-drag objects far from their epoch. Without feedback, the first such object deep into
// a run throws the optimized kernel away; V8 then sometimes kept the one-time calls of the pass
// search's root finding on unoptimized code for tens of seconds (a pass search at half speed in two
// or three runs of six, measured on 2026-11-26).
import type { ElementSet } from '../index.ts';
import type { Sgp4Batch } from './Sgp4Batch.ts';
import { createStateBuffers, propagateMinutes } from './propagateBatch.ts';

/**
 * A low LEO object with BSTAR 0.001: over 200 steps of 100 min from its epoch both rare branches were
 * taken over a hundred times each (counted with a probe in the kernel while choosing it); the test
 * beside this file checks that no step fails and that the far steps agree with satellite.js.
 */
export const PRIMING_ELEMENTS: ElementSet = {
  name: 'PRIMING',
  internationalDesignator: undefined,
  catalogId: 99_999,
  classification: 'U',
  epochMs: Date.UTC(2026, 0, 1),
  meanMotionRevPerDay: 16,
  eccentricity: 0.001,
  inclinationDeg: 51.6,
  raanDeg: 120,
  argOfPericenterDeg: 30,
  meanAnomalyDeg: 10,
  bstar: 0.001,
  meanMotionDot: 0,
  meanMotionDdot: 0,
  ephemerisType: 0,
  elementSetNo: 999,
  revAtEpoch: 0,
};

export const PRIMING_MINUTES = Float64Array.from({ length: 200 }, (_, k) => k * 100);

let primed = false;

/**
 * Propagates PRIMING_ELEMENTS (made into a batch by `makeBatch`) over PRIMING_MINUTES, once per
 * thread; later calls do nothing. Returns the number of failed steps of the priming run (0), or 0
 * when already primed.
 */
export function primeNearEarthFeedback(makeBatch: (elements: readonly ElementSet[]) => Sgp4Batch): number {
  if (primed) return 0;
  primed = true;
  const batch = makeBatch([PRIMING_ELEMENTS]);
  return propagateMinutes(batch, 0, PRIMING_MINUTES, createStateBuffers(PRIMING_MINUTES.length));
}
