// Builds a batch from Zenith's element sets: each record is initialised by satellite.js's sgp4init
// (as the single-object Propagator's records are) and copied into the arrays.

import { json2satrec } from 'satellite.js';
import { elementSetToOmmJson, elementSetToSatrec, type ElementSet } from '../index.ts';
import { primeNearEarthFeedback } from './primeNearEarthFeedback.ts';
import { createSgp4Batch, type Sgp4Batch } from './Sgp4Batch.ts';

/**
 * The batch of `elements`, in the same order, with the constants of elementSetToSatrec's records.
 * Times are measured from each ElementSet's `epochMs`: object i at `utcMs` is
 * `(utcMs - elements[i].epochMs) / 60000` minutes from its epoch, as in Propagator.propagateAt.
 * Throws RangeError for a non-finite field (parsers never produce one).
 */
export function batchFromElements(elements: readonly ElementSet[]): Sgp4Batch {
  // Once per thread, before the first batch is used (see primeNearEarthFeedback.ts).
  primeNearEarthFeedback(batchFromElements);
  const satrecs = elements.map((es) => {
    // elementSetToSatrec initialises twice around a sub-millisecond epoch because the deep-space
    // terms depend on the epoch. Near-earth constants do not (only the unused sidereal angle at
    // epoch does), so for those one initialisation gives the same batch constants at half the cost.
    if (allFinite(es)) {
      const once = json2satrec(elementSetToOmmJson(es), 'i');
      if (once.method === 'n') return once;
    }
    return elementSetToSatrec(es);
  });
  return createSgp4Batch(
    satrecs,
    elements.map((es) => es.epochMs),
    elements.map((es) => es.catalogId),
  );
}

function allFinite(es: ElementSet): boolean {
  return [
    es.epochMs,
    es.meanMotionRevPerDay,
    es.eccentricity,
    es.inclinationDeg,
    es.raanDeg,
    es.argOfPericenterDeg,
    es.meanAnomalyDeg,
    es.bstar,
    es.meanMotionDot,
    es.meanMotionDdot,
  ].every(Number.isFinite);
}
