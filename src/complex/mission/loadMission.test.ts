import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../../core/errors/index.ts';
import { keyOfPointer, loadMission } from './index.ts';

const demoYaml = readFileSync('missions/demo/mission.yaml', 'utf8');
const demoTle = readFileSync('missions/demo/fleet.tle', 'utf8');

function missionDir(yaml: string, tle = demoTle): string {
  const dir = mkdtempSync(join(tmpdir(), 'mission-'));
  writeFileSync(join(dir, 'mission.yaml'), yaml);
  writeFileSync(join(dir, 'fleet.tle'), tle);
  return dir;
}

function problemOf(dir: string): string {
  try {
    loadMission(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ZenithError);
    return (error as ZenithError).message;
  }
  throw new Error('loadMission accepted a broken mission');
}

describe('loadMission', () => {
  it('loads the demo mission with its fleet and stations', () => {
    const mission = loadMission('missions/demo');
    expect(mission.spacecraft.map((s) => [s.name, s.elements.catalogId])).toEqual([
      ['ZEN-EO', 60989],
      ['ZEN-CUBE', 39161],
      ['ZEN-GEO', 41238],
    ]);
    expect(mission.stations.map((s) => s.name)).toEqual(['MINSK', 'SVALBARD', 'HARTEBEESTHOEK']);
    expect(mission.stations[0]?.horizonMask?.length).toBeGreaterThan(2);
  });
  it('names the key of a value out of range', () => {
    const dir = missionDir(demoYaml.replace('latitudeDeg: 78.230', 'latitudeDeg: 178.230'));
    expect(problemOf(dir)).toMatch(/stations\[1\]\.latitudeDeg must be <= 90 \(found 178\.23\)/);
  });
  it('names an unknown key and a missing one', () => {
    const dir = missionDir(demoYaml.replace('    minElevationDeg: 10\n', '    minElevation: 10\n'));
    const message = problemOf(dir);
    expect(message).toContain('stations[2].minElevation is not a known key');
    expect(message).toContain('stations[2].minElevationDeg is required but missing');
  });
  it('names a spacecraft without elements', () => {
    const dir = missionDir(demoYaml, demoTle.split('\n').slice(0, 6).join('\n'));
    expect(problemOf(dir)).toContain('spacecraft[2].catalogId 41238 has no element set');
  });
  it('converts JSON pointers to keys', () => {
    expect(keyOfPointer('/stations/1/horizonMask/0')).toBe('stations[1].horizonMask[0]');
    expect(keyOfPointer('')).toBe('(top level)');
  });
});
