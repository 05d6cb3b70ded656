// The mapping of Vallado's satrec.error numbers to stable codes, and the error's context.
import { SatRecError } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { describeSgp4Error, PropagationError } from './PropagationError.ts';

describe('PropagationError', () => {
  it("maps satellite.js's SatRecError numbers to their stable codes", () => {
    expect(describeSgp4Error(SatRecError.MeanEccentricityOutOfRange).code).toBe('SGP4_ECCENTRICITY');
    expect(describeSgp4Error(SatRecError.MeanMotionBelowZero).code).toBe('SGP4_MEAN_MOTION');
    expect(describeSgp4Error(SatRecError.PerturbedEccentricityOutOfRange).code).toBe('SGP4_PERTURBED_ECCENTRICITY');
    expect(describeSgp4Error(SatRecError.SemiLatusRectumBelowZero).code).toBe('SGP4_SEMI_LATUS_RECTUM');
    expect(describeSgp4Error(5).code).toBe('SGP4_SUBORBITAL');
    expect(describeSgp4Error(SatRecError.Decayed).code).toBe('SGP4_DECAYED');
    expect(describeSgp4Error(0).code).toBe('SGP4_NOT_FINITE');
    expect(describeSgp4Error(42).code).toBe('SGP4_UNKNOWN');
  });

  it('is a ZenithError naming the object and the time', () => {
    const e = new PropagationError(4, 33333, 25);
    expect(e).toBeInstanceOf(ZenithError);
    expect(e.code).toBe('SGP4_SEMI_LATUS_RECTUM');
    expect(e.context.objectId).toBe(33333);
    expect(e.describe()).toBe(
      '[SGP4_SEMI_LATUS_RECTUM] object 33333 cannot be propagated to 25 min from its epoch: ' +
        'semi-latus rectum has fallen below zero (SGP4 error 4)',
    );
  });
});
