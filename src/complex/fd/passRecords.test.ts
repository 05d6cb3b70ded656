// Pass records: rounding that keeps the pass covered and inside its window, views for the API, and
// a pass cut by the edge of one prediction window joined to its continuation in the next.
import { describe, expect, it } from 'vitest';
import type { Pass } from '../../core/passes/index.ts';
import { joinPasses, passDetails, passRecordOf, passViewOf } from './passRecords.ts';

const DEG = Math.PI / 180;

function pass(aosMs: number, losMs: number, maxElevationDeg: number, cuts: { aosCut?: boolean; losCut?: boolean } = {}): Pass {
  return {
    objectId: 0,
    objectName: 'X',
    stationName: 'MINSK',
    aosMs,
    tcaMs: (aosMs + losMs) / 2,
    losMs,
    maxElevationRad: maxElevationDeg * DEG,
    aosAzimuthRad: 10 * DEG,
    tcaAzimuthRad: 90 * DEG,
    losAzimuthRad: 170 * DEG,
    aosCut: cuts.aosCut ?? false,
    losCut: cuts.losCut ?? false,
  };
}

describe('pass records', () => {
  it('round AOS down and LOS up to whole ms and keep angles in degrees', () => {
    const r = passRecordOf(pass(1000.7, 2000.2, 45), 'ZEN-EO', 60989, Date.parse('2026-11-25T00:00:00Z'));
    expect([r.aosMs, r.losMs, r.tcaMs]).toEqual([1000, 2001, 1500]);
    expect(r.maxElevationDeg).toBeCloseTo(45, 12);
    expect(passDetails(r)).toEqual({
      catalogId: 60989,
      aosAzimuthDeg: expect.closeTo(10, 12) as unknown,
      tcaAzimuthDeg: expect.closeTo(90, 12) as unknown,
      losAzimuthDeg: expect.closeTo(170, 12) as unknown,
      aosCut: false,
      losCut: false,
      elementsEpoch: '2026-11-25T00:00:00.000Z',
    });
    const v = passViewOf(r, true);
    expect(v).toMatchObject({ id: 'ZEN-EO:MINSK:1000', catalogId: 60989, station: 'MINSK', planned: true });
    expect(v.losAzimuthDeg).toBeCloseTo(170, 12);
  });

  it('join a pass cut at a window end with its continuation, keeping the higher culmination', () => {
    const earlier = passRecordOf(pass(0, 100, 20, { losCut: true }), 'ZEN-GEO', 1, 0);
    const later = passRecordOf(pass(100, 300, 30, { aosCut: true }), 'ZEN-GEO', 1, 0);
    const joined = joinPasses(earlier, later);
    expect(joined).toMatchObject({ aosMs: 0, losMs: 300, tcaMs: 200, maxElevationDeg: expect.closeTo(30, 9) as unknown });
    expect(passDetails(joined ?? earlier)).toMatchObject({ aosCut: false, losCut: false });
    // Not pieces of one pass: another spacecraft, a gap, or a later piece not cut at its start.
    expect(joinPasses(earlier, { ...later, spacecraft: 'ZEN-EO' })).toBeUndefined();
    expect(joinPasses(earlier, passRecordOf(pass(150, 300, 30, { aosCut: true }), 'ZEN-GEO', 1, 0))).toBeUndefined();
    expect(joinPasses(earlier, passRecordOf(pass(100, 300, 30), 'ZEN-GEO', 1, 0))).toBeUndefined();
  });
});
