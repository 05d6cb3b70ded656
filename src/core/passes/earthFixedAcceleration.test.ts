import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElements } from '../orbit/index.ts';
import { earthFixedAcceleration } from './earthFixedAcceleration.ts';
import { ephemeridesFromElements } from './ephemeridesFromBatch.ts';

describe('earthFixedAcceleration', () => {
  it('is the rate of the Earth-fixed velocity of SGP4 trajectories, to a fifth of its J2 part', () => {
    const path = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
    const all = parseElements(readFileSync(path, 'utf8'), { file: path }).elements;
    const sources = ephemeridesFromElements(all.filter((_, i) => i % 400 === 0));
    const before = new Float64Array(6);
    const after = new Float64Array(6);
    const here = new Float64Array(9);
    let worst = 0;
    let smallest = Infinity;
    for (const source of sources) {
      for (let t = Date.UTC(2026, 5, 10); t < Date.UTC(2026, 5, 10, 6); t += 600_000) {
        if (source.stateItrfAt(t - 500, before, 0) || source.stateItrfAt(t + 500, after, 0) || source.stateItrfAt(t, here, 0)) break;
        earthFixedAcceleration(here, 0, here, 6);
        for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs((after[3 + i]! - before[3 + i]!) / 1 - here[6 + i]!));
        smallest = Math.min(smallest, Math.hypot(here[6]!, here[7]!, here[8]!));
      }
    }
    // Gravity is about 8e-3 km/s² in LEO, its J2 part about 1.5e-5 and the Coriolis term about
    // 1e-3: leaving out either would miss by far more than this.
    expect(smallest).toBeGreaterThan(1e-4);
    expect(worst).toBeLessThan(4e-6);
  });

  it('is pure gravity plus the frame terms: towards the centre on the axis, centrifugal on the equator at rest', () => {
    const out = new Float64Array(3);
    earthFixedAcceleration(new Float64Array([0, 0, 7000, 0, 0, 0]), 0, out, 0);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    // Over the pole J2 weakens gravity: −μ/r² (1 − 3 J2 (R/r)²).
    expect(out[2]).toBeCloseTo(-(398_600.8 / 7000 ** 2) * (1 - 3 * 0.001082616 * (6378.135 / 7000) ** 2), 12);
    earthFixedAcceleration(new Float64Array([42_164, 0, 0, 0, 0, 0]), 0, out, 0);
    // Geostationary radius: gravity and the centrifugal term almost cancel (J2 is what is left).
    expect(Math.abs(out[0]!)).toBeLessThan(1e-6);
    expect(out[1]).toBeCloseTo(0, 15);
  });
});
