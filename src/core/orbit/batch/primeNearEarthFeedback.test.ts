import { sgp4 } from 'satellite.js';
import { describe, expect, it, vi } from 'vitest';
import { elementSetToSatrec } from '../index.ts';
import { batchFromElements } from './batchFromElements.ts';
import { PRIMING_ELEMENTS, PRIMING_MINUTES, primeNearEarthFeedback } from './primeNearEarthFeedback.ts';
import { createStateBuffers, propagateMinutes } from './propagateBatch.ts';

describe('primeNearEarthFeedback', () => {
  it('propagates the priming object on the first call only, every step good', async () => {
    vi.resetModules();
    const fresh = await import('./primeNearEarthFeedback.ts');
    const maker = vi.fn(batchFromElements);
    expect(fresh.primeNearEarthFeedback(maker)).toBe(0);
    expect(maker).toHaveBeenCalledTimes(1);
    expect(maker.mock.calls[0]?.[0]).toEqual([PRIMING_ELEMENTS]);
    expect(fresh.primeNearEarthFeedback(maker)).toBe(0);
    expect(maker).toHaveBeenCalledTimes(1);
  });

  it('is done by batchFromElements before its first batch', () => {
    batchFromElements([PRIMING_ELEMENTS]);
    const maker = vi.fn(batchFromElements);
    primeNearEarthFeedback(maker);
    expect(maker).not.toHaveBeenCalled();
  });

  it('uses an object that stays up over the priming steps and agrees with satellite.js there', () => {
    const batch = batchFromElements([PRIMING_ELEMENTS]);
    const out = createStateBuffers(PRIMING_MINUTES.length);
    expect(propagateMinutes(batch, 0, PRIMING_MINUTES, out)).toBe(0);
    const satrec = elementSetToSatrec(PRIMING_ELEMENTS);
    // The last steps are the far ones, where the rare branches are taken.
    for (const k of [0, 100, 150, 199]) {
      const ref = sgp4(satrec, PRIMING_MINUTES[k] ?? 0);
      if (ref === null || typeof ref.position === 'boolean') throw new Error(`satellite.js failed at step ${k}`);
      expect(Math.abs((out.positionsKm[3 * k] ?? 0) - ref.position.x)).toBeLessThan(1e-6);
      expect(Math.abs((out.positionsKm[3 * k + 2] ?? 0) - ref.position.z)).toBeLessThan(1e-6);
    }
  });
});
