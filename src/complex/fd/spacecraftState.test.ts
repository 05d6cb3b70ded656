// The state of a spacecraft against satellite.js's own geodetic conversion and shadow fraction
// (another implementation of both), over one orbit of the demo EO satellite.
import { readFileSync } from 'node:fs';
import { eciToGeodetic, gstime, jday, shadowFraction, sunPos } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { Propagator, parseElements } from '../../core/orbit/index.ts';
import { spacecraftStateAt } from './spacecraftState.ts';

const RAD_TO_DEG = 180 / Math.PI;

describe('spacecraftStateAt', () => {
  const [eo] = parseElements(readFileSync('missions/demo/fleet.tle', 'utf8')).elements;
  if (eo === undefined) throw new Error('no EO set');
  const propagator = Propagator.fromElements(eo);

  it('agrees with satellite.js on the sub-satellite point and the eclipse over an orbit', () => {
    let umbra = 0;
    let sunlit = 0;
    for (let m = 0; m < 101; m += 1) {
      const t = eo.epochMs + m * 60_000;
      const s = spacecraftStateAt('ZEN-EO', propagator, t);
      if (s === undefined) throw new Error('not propagated');
      const d = new Date(t);
      const jd = jday(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + d.getUTCMilliseconds() / 1000);
      const g = eciToGeodetic(s.positionTemeKm, gstime(jd));
      expect(s.latitudeDeg).toBeCloseTo(g.latitude * RAD_TO_DEG, 2);
      expect(Math.abs(((s.longitudeDeg - g.longitude * RAD_TO_DEG + 540) % 360) - 180)).toBeLessThan(0.01);
      expect(s.altitudeKm).toBeCloseTo(g.height, 0);
      const covered = shadowFraction(sunPos(jd).rsun, s.positionTemeKm);
      if (covered === 0) expect(s.eclipse).toBe('sunlit');
      if (covered === 1) expect(s.eclipse).toBe('umbra');
      expect(s.sunlitFraction).toBeCloseTo(1 - covered, 1);
      if (s.eclipse === 'umbra') umbra++;
      if (s.eclipse === 'sunlit') sunlit++;
      expect(s.elementsEpochMs).toBe(eo.epochMs);
    }
    // A sun-synchronous LEO passes through the Earth's shadow once an orbit.
    expect(umbra).toBeGreaterThan(20);
    expect(sunlit).toBeGreaterThan(50);
  });

  it('says nothing for a time SGP4 cannot reach', () => {
    const falling = Propagator.fromElements({ ...eo, bstar: 0.01 });
    let t = eo.epochMs;
    while (falling.propagateAt(t).ok) t += 86_400_000;
    expect(t - eo.epochMs).toBeLessThan(20 * 365 * 86_400_000);
    expect(spacecraftStateAt('X', falling, t)).toBeUndefined();
    expect(spacecraftStateAt('X', falling, eo.epochMs)).toBeDefined();
  });
});
