import { describe, expect, it } from 'vitest';
import { parseTle } from '../../../src/core/orbit/index.ts';
import type { ElementSet } from '../../../src/core/orbit/index.ts';
import { footprintRadiusDeg, groundTrack, orbitalPeriodMs, subPoint } from './fleetGeometry.ts';

// ISS (ZARYA), a public element set of 2008 used by the core's own tests.
const ISS = ['1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927', '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537'];

function iss(): ElementSet {
  const parsed = parseTle(ISS.join('\n'));
  const es = parsed.elements[0];
  if (es === undefined) throw new Error(`expected the ISS element set, found problems ${JSON.stringify(parsed.problems)}`);
  return es;
}

describe('fleet geometry', () => {
  it('gives the footprint a station sees: wider for higher orbits, narrower for a higher minimum elevation', () => {
    // acos(6371 / 7171 * cos 5 deg) - 5 deg = 22.75 deg.
    expect(footprintRadiusDeg(800, 5)).toBeCloseTo(22.75, 1);
    expect(footprintRadiusDeg(35_786, 0)).toBeCloseTo(81.3, 1);
    expect(footprintRadiusDeg(800, 10)).toBeLessThan(footprintRadiusDeg(800, 5));
  });

  it('puts the ISS between its inclination latitudes at its altitude, and tracks it for a revolution', () => {
    const es = iss();
    const period = orbitalPeriodMs(es);
    expect(period / 60_000).toBeCloseTo(1440 / 15.72125391, 3);
    for (let k = 0; k < 20; k++) {
      const p = subPoint(es, es.epochMs + k * 300_000);
      expect(p).toBeDefined();
      // Geodetic latitude runs a little past the inclination (geocentric) near the turning points.
    expect(Math.abs(p?.latitudeDeg ?? 99)).toBeLessThanOrEqual(52);
      expect(p?.altitudeKm).toBeGreaterThan(330);
      expect(p?.altitudeKm).toBeLessThan(380);
    }
    const track = groundTrack(es, es.epochMs, es.epochMs + period, 90);
    expect(track.length).toBe(91);
    expect(Math.max(...track.map(([, lat]) => lat))).toBeGreaterThan(50);
  });
});
