// The packed chunk layout: a pass is the object index followed by searchPassRows's row, and station
// ranks order stations as their names do.
import { describe, expect, it } from 'vitest';
import { PASS_ROW_AOS, PASS_ROW_FLAGS, PASS_ROW_SIZE, PASS_ROW_STATION } from '../../core/passes/index.ts';
import { P_AOS, P_FLAGS, P_OBJECT, P_ROW, P_STATION, PASS_FIELDS, stationNameRanks } from './passChunkLayout.ts';

describe('passChunkLayout', () => {
  it('puts the object index first and searchPassRows row after it', () => {
    expect(P_OBJECT).toBe(0);
    expect(PASS_FIELDS).toBe(1 + PASS_ROW_SIZE);
    expect([P_STATION, P_AOS, P_FLAGS]).toEqual([P_ROW + PASS_ROW_STATION, P_ROW + PASS_ROW_AOS, P_ROW + PASS_ROW_FLAGS]);
    expect(P_FLAGS).toBe(PASS_FIELDS - 1);
  });

  it('ranks stations in the order of their names, whatever order they are given in', () => {
    expect(Array.from(stationNameRanks([{ name: 'ZULU' }, { name: 'ALPHA' }, { name: 'MIKE' }]))).toEqual([2, 0, 1]);
    expect(Array.from(stationNameRanks([{ name: 'b' }, { name: 'B' }, { name: 'a' }]))).toEqual([2, 0, 1]);
    expect(stationNameRanks([])).toHaveLength(0);
  });
});
