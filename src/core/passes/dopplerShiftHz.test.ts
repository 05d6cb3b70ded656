import { describe, expect, it } from 'vitest';
import { dopplerShiftHz, SPEED_OF_LIGHT_KM_PER_S } from './dopplerShiftHz.ts';

describe('dopplerShiftHz', () => {
  it('lowers the downlink of a receding spacecraft by f0·ṙ/c', () => {
    // 437.5 MHz UHF, receding at 6 km/s: -437.5e6 * 6 / 299792.458 = -8756.0575 Hz
    expect(dopplerShiftHz(437.5e6, 6, 'downlink')).toBeCloseTo((-437.5e6 * 6) / 299_792.458, 6);
    expect(dopplerShiftHz(437.5e6, 6, 'downlink')).toBeCloseTo(-8756.0575, 3);
    // approaching: higher
    expect(dopplerShiftHz(2.2e9, -7, 'downlink')).toBeCloseTo(51_368.87, 1);
    expect(dopplerShiftHz(2.2e9, 0, 'downlink')).toBe(0);
  });

  it('pre-compensates the uplink so that the spacecraft receives the carrier', () => {
    for (const rr of [-7.5, -1, 0, 3, 7.5]) {
      const f0 = 2.0255e9;
      const transmitted = f0 + dopplerShiftHz(f0, rr, 'uplink');
      // The spacecraft receives the transmitted frequency times the one-way factor 1 - ṙ/c.
      expect(transmitted * (1 - rr / SPEED_OF_LIGHT_KM_PER_S)).toBeCloseTo(f0, 4);
    }
    // Receding: transmit higher, by f0·β/(1-β).
    const beta = 7 / SPEED_OF_LIGHT_KM_PER_S;
    expect(dopplerShiftHz(1e9, 7, 'uplink')).toBeCloseTo((1e9 * beta) / (1 - beta), 6);
  });

  it('rejects values that are not a Doppler problem', () => {
    expect(() => dopplerShiftHz(Number.NaN, 1, 'downlink')).toThrow(RangeError);
    expect(() => dopplerShiftHz(1e9, Number.POSITIVE_INFINITY, 'uplink')).toThrow(RangeError);
    expect(() => dopplerShiftHz(1e9, 300_000, 'uplink')).toThrow(RangeError);
  });
});
