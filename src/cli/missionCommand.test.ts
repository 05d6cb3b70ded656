import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadMission } from '../complex/mission/index.ts';
import { geodeticToItrf, temeToItrf, topocentric } from '../core/frames/index.ts';
import { Propagator } from '../core/orbit/index.ts';
import { parseIsoUtc } from '../core/time/index.ts';
import { missionPassStation, missionPasses } from './missionCommand.ts';

const DEG = Math.PI / 180;
const mission = loadMission('missions/demo');
const fromMs = parseIsoUtc('2026-06-12T00:00:00Z');
const toMs = fromMs + 86_400_000;

/** Elevation of a spacecraft from a station, worked out step by step without the pass search. */
function elevationDeg(spacecraft: string, station: string, utcMs: number): number {
  const sc = mission.spacecraft.find((s) => s.name === spacecraft)!;
  const st = mission.stations.find((s) => s.name === station)!;
  const state = Propagator.fromElements(sc.elements).propagateAt(utcMs);
  if (!state.ok) throw state.error;
  const itrf = temeToItrf(state.position, state.velocity, utcMs);
  const site = { latitudeRad: st.latitudeDeg * DEG, longitudeRad: st.longitudeDeg * DEG, altitudeKm: st.altitudeM / 1000 };
  return topocentric(site, geodeticToItrf(site), itrf.position, itrf.velocity).elevationRad / DEG;
}

describe('zenith mission passes', () => {
  const { passes, failures } = missionPasses(mission, fromMs, toMs);

  it('finds LEO passes at every station and keeps each above its mask and minimum', () => {
    expect(failures).toEqual([]);
    for (const station of ['MINSK', 'SVALBARD', 'HARTEBEESTHOEK']) {
      expect(passes.filter((p) => p.station === station && p.spacecraft === 'ZEN-EO').length).toBeGreaterThan(1);
    }
    for (const p of passes.filter((q) => q.spacecraft !== 'ZEN-GEO').slice(0, 12)) {
      const st = mission.stations.find((s) => s.name === p.station)!;
      const tca = elevationDeg(p.spacecraft, p.station, parseIsoUtc(p.tca));
      expect(Math.abs(tca - p.maxElevationDeg)).toBeLessThan(0.06);
      expect(tca).toBeGreaterThan(st.minElevationDeg);
      // a minute outside the pass the spacecraft is below this station's usable sky
      if (!p.aosCut) expect(elevationDeg(p.spacecraft, p.station, parseIsoUtc(p.aos) - 60_000)).toBeLessThan(Math.max(st.minElevationDeg, 8.01));
    }
  });

  it('gives a station its own minimum elevation and horizon mask', () => {
    const minsk = missionPassStation(mission.stations[0]!);
    expect(minsk.minElevationRad).toBeCloseTo(5 * DEG, 12);
    expect(minsk.horizonMask?.points.length).toBe(5);
  });

  it('sees the GEO satellite all day from Minsk and never from Svalbard', () => {
    const geo = passes.filter((p) => p.spacecraft === 'ZEN-GEO');
    const minsk = geo.filter((p) => p.station === 'MINSK');
    expect(minsk).toHaveLength(1);
    expect(minsk[0]).toMatchObject({ aosCut: true, losCut: true, durationS: 86_400 });
    expect(geo.some((p) => p.station === 'SVALBARD')).toBe(false);
    expect(elevationDeg('ZEN-GEO', 'SVALBARD', fromMs)).toBeLessThan(5);
    expect(elevationDeg('ZEN-GEO', 'MINSK', fromMs)).toBeGreaterThan(20);
  });

  it('prints the table an operator reads, through the real CLI', () => {
    const run = spawnSync(process.execPath, ['bin/zenith.js', 'mission', 'passes', 'missions/demo', '--from', '2026-06-12T00:00:00Z', '--hours', '6'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Zenith demo mission: \d+ passes from 2026-06-12T00:00:00.000Z to 2026-06-12T06:00:00.000Z$/);
    expect(run.stdout).toMatch(/AOS \(UTC\)\s+LOS \(UTC\)\s+duration\s+spacecraft\s+station/);
    expect(run.stdout).toMatch(/<2026-06-12 00:00:00\s+2026-06-12 06:00:00>\s+6h00m\s+ZEN-GEO\s+MINSK/);
  });

  it('names a bad window option', () => {
    const run = spawnSync(process.execPath, ['bin/zenith.js', 'mission', 'passes', '--hours', 'soon'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--hours must be a number of hours');
  });
});
