// Builds a batch from Zenith's element sets: each record is initialised by satellite.js's sgp4init
// (through elementSetToSatrec, as the single-object Propagator does) and copied into the arrays.

import { elementSetToSatrec, type ElementSet } from '../index.ts';
import { createSgp4Batch, type Sgp4Batch } from './Sgp4Batch.ts';

/**
 * The batch of `elements`, in the same order. Times are measured from each ElementSet's `epochMs`, so
 * object i at `utcMs` is `(utcMs - elements[i].epochMs) / 60000` minutes from its epoch, as in
 * Propagator.propagateAt. Throws RangeError for a non-finite field (parsers never produce one).
 */
export function batchFromElements(elements: readonly ElementSet[]): Sgp4Batch {
  const satrecs = elements.map((es) => elementSetToSatrec(es));
  return createSgp4Batch(
    satrecs,
    elements.map((es) => es.epochMs),
    elements.map((es) => es.catalogId),
  );
}
