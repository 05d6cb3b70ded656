import { describe, expect, it } from 'vitest';
import { sunPositionEci } from '../../../src/core/sky/index.ts';
import { gmstRad } from '../../../src/core/time/index.ts';
import { subsolarPoint } from './subsolarPoint.ts';

const RAD = 180 / Math.PI;

/** The reference: astronomy-engine's Sun in TEME (src/core/sky) turned by GMST. */
function reference(utcMs: number): { latitudeDeg: number; longitudeDeg: number } {
  const s = sunPositionEci(utcMs);
  const lon = (Math.atan2(s.y, s.x) - gmstRad(utcMs)) * RAD;
  return { latitudeDeg: Math.atan2(s.z, Math.hypot(s.x, s.y)) * RAD, longitudeDeg: ((((lon + 180) % 360) + 360) % 360) - 180 };
}

describe('subsolarPoint', () => {
  it('is within 0.05 deg of the Sun of src/core/sky over decades (a map pixel is ~0.3 deg)', () => {
    for (const iso of ['2000-01-01T12:00:00Z', '2026-03-20T14:00:00Z', '2026-06-21T08:30:00Z', '2026-11-26T01:00:00Z', '2040-12-21T23:59:00Z']) {
      const ms = Date.parse(iso);
      const got = subsolarPoint(ms);
      const want = reference(ms);
      expect(Math.abs(got.latitudeDeg - want.latitudeDeg), iso).toBeLessThan(0.05);
      const dLon = ((((got.longitudeDeg - want.longitudeDeg + 180) % 360) + 360) % 360) - 180;
      expect(Math.abs(dLon), iso).toBeLessThan(0.05);
    }
  });

  it('puts the Sun over the Tropic of Cancer at the June solstice and near Greenwich at noon UTC', () => {
    const p = subsolarPoint(Date.parse('2026-06-21T12:00:00Z'));
    expect(p.latitudeDeg).toBeCloseTo(23.44, 1);
    expect(Math.abs(p.longitudeDeg)).toBeLessThan(1);
  });
});
