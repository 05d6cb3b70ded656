// Doppler shift of a carrier on a space link, from the range rate between station and spacecraft.
// One-way factor D = 1 − ṙ/c (first order in ṙ/c, as satellite.js's dopplerFactor and most
// tracking software): ṙ > 0 (receding) lowers the received frequency.

/** Speed of light in vacuum (km/s), exact by the definition of the metre. */
export const SPEED_OF_LIGHT_KM_PER_S = 299_792.458;

export type LinkDirection = 'downlink' | 'uplink';

/**
 * downlink: received on the ground minus transmitted by the spacecraft, f0·(D − 1) = −f0·ṙ/c.
 * Tune the receiver to carrierHz + shift.
 *
 * uplink: the pre-compensation to add to the ground transmitter so that the spacecraft receives
 * exactly carrierHz: transmit f0/D, so the shift is f0·(1/D − 1) ≈ +f0·ṙ/c.
 */
export function dopplerShiftHz(carrierHz: number, rangeRateKmPerS: number, direction: LinkDirection): number {
  if (!Number.isFinite(carrierHz) || !Number.isFinite(rangeRateKmPerS)) {
    throw new RangeError(`dopplerShiftHz: carrier and range rate must be finite, found ${carrierHz} Hz, ${rangeRateKmPerS} km/s`);
  }
  if (!(Math.abs(rangeRateKmPerS) < SPEED_OF_LIGHT_KM_PER_S)) {
    throw new RangeError(`dopplerShiftHz: |range rate| ${rangeRateKmPerS} km/s must be below the speed of light`);
  }
  const factor = 1 - rangeRateKmPerS / SPEED_OF_LIGHT_KM_PER_S;
  return direction === 'downlink' ? carrierHz * (factor - 1) : carrierHz * (1 / factor - 1);
}
