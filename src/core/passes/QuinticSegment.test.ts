import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElements } from '../orbit/index.ts';
import { earthFixedAcceleration } from './earthFixedAcceleration.ts';
import { ephemeridesFromElements } from './ephemeridesFromBatch.ts';
import { QuinticSegment, SEGMENT_SAMPLE_SIZE } from './QuinticSegment.ts';

describe('QuinticSegment', () => {
  it('reproduces a quintic motion exactly, with its velocity', () => {
    // x(s) = Σ a_k s^k per axis, s in seconds from t0.
    const coefficients = [
      [7000, -1.2, 0.003, -2e-6, 4e-9, -3e-12],
      [-300, 7.4, -0.002, 1e-6, 2e-9, 5e-12],
      [1200, 0.5, 0.004, -3e-6, -1e-9, 2e-12],
    ];
    const at = (s: number, derivative: number): number[] =>
      coefficients.map((a) =>
        a.reduce((sum, ak, k) => {
          if (k < derivative) return sum;
          const factor = derivative === 0 ? 1 : derivative === 1 ? k : k * (k - 1);
          return sum + ak * factor * s ** (k - derivative);
        }, 0),
      );
    const sampleAt = (s: number): Float64Array => new Float64Array([...at(s, 0), ...at(s, 1), ...at(s, 2)]);
    const t0 = 1_750_000_000_000;
    const span = 400;
    const curve = new QuinticSegment();
    curve.fit(t0, sampleAt(0), 0, t0 + span * 1000, sampleAt(span), 0);
    const out = new Float64Array(8);
    for (const s of [0, 13.7, 200, 351.25, 400]) {
      curve.stateAt(t0 + s * 1000, out, 2);
      const p = at(s, 0);
      const v = at(s, 1);
      for (let i = 0; i < 3; i++) {
        expect(out[2 + i]).toBeCloseTo(p[i]!, 8);
        expect(out[5 + i]).toBeCloseTo(v[i]!, 10);
      }
    }
  });

  it('follows SGP4 between samples 1/16 of a revolution apart to metres (LEO payloads)', () => {
    const path = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
    const all = parseElements(readFileSync(path, 'utf8'), { file: path }).elements;
    // Every 200th payload, not decaying in the next day.
    const sources = ephemeridesFromElements(all.filter((_, i) => i % 200 === 0));
    const a = new Float64Array(SEGMENT_SAMPLE_SIZE);
    const b = new Float64Array(SEGMENT_SAMPLE_SIZE);
    const exact = new Float64Array(6);
    const onCurve = new Float64Array(6);
    const curve = new QuinticSegment();
    const from = Date.UTC(2026, 5, 10);
    const errors: number[] = [];
    const withoutModel: number[] = [];
    for (const source of sources) {
      const step = source.scanStepMs;
      let worst = 0;
      let worstWithout = 0;
      for (let t = from; t < from + 86_400_000; t += step) {
        if (source.stateItrfAt(t, a, 0) !== undefined || source.stateItrfAt(t + step, b, 0) !== undefined) break;
        earthFixedAcceleration(a, 0, a, 6);
        earthFixedAcceleration(b, 0, b, 6);
        const miss = (): number => {
          let most = 0;
          for (const share of [0.3, 0.5, 0.8]) {
            source.stateItrfAt(t + share * step, exact, 0);
            curve.stateAt(t + share * step, onCurve, 0);
            most = Math.max(most, Math.hypot(exact[0]! - onCurve[0]!, exact[1]! - onCurve[1]!, exact[2]! - onCurve[2]!));
          }
          return most;
        };
        curve.fit(t, a, 0, t + step, b, 0);
        worst = Math.max(worst, miss());
        a.fill(0, 6);
        b.fill(0, 6);
        curve.fit(t, a, 0, t + step, b, 0);
        worstWithout = Math.max(worstWithout, miss());
      }
      errors.push(worst);
      withoutModel.push(worstWithout);
    }
    expect(sources.length).toBeGreaterThan(70);
    errors.sort((x, y) => x - y);
    // Typically a metre or two; the worst objects (low, high drag) some tens of metres.
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.01);
    expect(errors[errors.length - 1]).toBeLessThan(0.2);
    // Without the modelled acceleration the same curve misses by kilometres.
    withoutModel.sort((x, y) => x - y);
    expect(withoutModel[Math.floor(withoutModel.length / 2)]).toBeGreaterThan(100 * errors[Math.floor(errors.length / 2)]!);
  });
});
