// The typed failure of one SGP4/SDP4 propagation: which object, at which time since epoch, and which
// of Vallado's error conditions (AIAA 2006-6753, sgp4unit `satrec.error` 1..6) stopped it.

import { ZenithError } from '../errors/index.ts';

/** Stable codes for Vallado's `satrec.error` numbers, plus a guard for non-finite output. */
export type Sgp4ErrorCode =
  | 'SGP4_ECCENTRICITY'
  | 'SGP4_MEAN_MOTION'
  | 'SGP4_PERTURBED_ECCENTRICITY'
  | 'SGP4_SEMI_LATUS_RECTUM'
  | 'SGP4_SUBORBITAL'
  | 'SGP4_DECAYED'
  | 'SGP4_NOT_FINITE'
  | 'SGP4_UNKNOWN';

/** sgp4Code used when SGP4 reported no error but returned a non-finite state. */
export const SGP4_NOT_FINITE_NUMBER = 0;

const CODES: Readonly<Record<number, { code: Sgp4ErrorCode; meaning: string }>> = {
  0: { code: 'SGP4_NOT_FINITE', meaning: 'SGP4 returned a non-finite state vector' },
  1: { code: 'SGP4_ECCENTRICITY', meaning: 'mean eccentricity is outside 0 <= e < 1 (or the mean semi-major axis is below 0.95 earth radii)' },
  2: { code: 'SGP4_MEAN_MOTION', meaning: 'mean motion has fallen below zero' },
  3: { code: 'SGP4_PERTURBED_ECCENTRICITY', meaning: 'perturbed eccentricity is outside 0 <= e <= 1' },
  4: { code: 'SGP4_SEMI_LATUS_RECTUM', meaning: 'semi-latus rectum has fallen below zero' },
  5: { code: 'SGP4_SUBORBITAL', meaning: 'epoch elements are sub-orbital' },
  6: { code: 'SGP4_DECAYED', meaning: 'the satellite has decayed (radius below one earth radius)' },
};

/** The stable code and a plain-words meaning of Vallado's error number `sgp4Code`. */
export function describeSgp4Error(sgp4Code: number): { code: Sgp4ErrorCode; meaning: string } {
  return CODES[sgp4Code] ?? { code: 'SGP4_UNKNOWN', meaning: `SGP4 reported unknown error number ${sgp4Code}` };
}

export class PropagationError extends ZenithError {
  declare readonly code: Sgp4ErrorCode;
  /** Vallado's `satrec.error` number (1..6), or 0 for a non-finite result. */
  readonly sgp4Code: number;
  readonly catalogId: number;
  readonly minutesSinceEpoch: number;

  constructor(sgp4Code: number, catalogId: number, minutesSinceEpoch: number) {
    const { code, meaning } = describeSgp4Error(sgp4Code);
    super(
      code,
      `object ${catalogId} cannot be propagated to ${minutesSinceEpoch} min from its epoch: ${meaning} (SGP4 error ${sgp4Code})`,
      { objectId: catalogId, minutesSinceEpoch },
    );
    this.name = 'PropagationError';
    this.sgp4Code = sgp4Code;
    this.catalogId = catalogId;
    this.minutesSinceEpoch = minutesSinceEpoch;
  }
}
