// A mission station for the pass search: units, and a mask that names north as both 0 and 360.
import { describe, expect, it } from 'vitest';
import { loadMission } from '../mission/index.ts';
import { passStationOf } from './passStationOf.ts';

const DEG = Math.PI / 180;

describe('passStationOf', () => {
  it('converts the demo stations, their masks closed at 0 = 360 deg', () => {
    const [minsk, , hart] = loadMission('missions/demo').stations.map(passStationOf);
    expect(minsk?.geodetic.latitudeRad).toBeCloseTo(53.917 * DEG, 12);
    expect(minsk?.geodetic.altitudeKm).toBeCloseTo(0.22, 12);
    expect(minsk?.minElevationRad).toBeCloseTo(5 * DEG, 12);
    // [90, 8] and [150, 6]: 7 deg half-way; [0, 3] and [360, 3] are one point.
    expect(minsk?.horizonMask?.elevationRadAt(120 * DEG)).toBeCloseTo(7 * DEG, 12);
    expect(minsk?.horizonMask?.points).toHaveLength(5);
    expect(hart?.horizonMask).toBeUndefined();
  });

  it('keeps the higher elevation when 0 and 360 disagree', () => {
    const s = passStationOf({ name: 'X', latitudeDeg: 0, longitudeDeg: 0, altitudeM: 0, minElevationDeg: 0, bands: ['S'], horizonMask: [[0, 2], [180, 1], [360, 4]] });
    expect(s.horizonMask?.elevationRadAt(0)).toBeCloseTo(4 * DEG, 12);
  });
});
