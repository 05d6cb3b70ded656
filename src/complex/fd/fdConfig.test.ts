// The flightDynamics config section: defaults, and every mistake named by its key.
import { describe, expect, it } from 'vitest';
import { loadMission } from '../mission/index.ts';
import { resolveFdConfig } from './fdConfig.ts';

const mission = loadMission('missions/demo');

describe('resolveFdConfig', () => {
  it('fills in the defaults: a day ahead, every 3 h, 2-min contacts, elements flown as published', () => {
    expect(resolveFdConfig(undefined, mission)).toEqual({
      horizonMs: 86_400_000,
      refreshMs: 3 * 3_600_000,
      lookbackMs: 3_600_000,
      historyMs: 86_400_000,
      minContactMs: 120_000,
      background: 'auto',
      dedicatedStations: {},
      oneStationAtATime: true,
      reEpochMaxAgeMs: undefined,
    });
    const s = resolveFdConfig({ reEpoch: { enabled: true }, background: ['ZEN-GEO'], dedicatedStations: { MINSK: 'ZEN-EO' }, minContactMinutes: 0.5 }, mission);
    expect(s.reEpochMaxAgeMs).toBe(3 * 86_400_000);
    expect(s.background).toEqual(['ZEN-GEO']);
    expect(s.minContactMs).toBe(30_000);
    expect(resolveFdConfig({ reEpoch: { enabled: false, maxAgeDays: 1 } }, mission).reEpochMaxAgeMs).toBeUndefined();
  });

  it('names the key of each mistake', () => {
    const fail = (raw: unknown): unknown => {
      try {
        resolveFdConfig(raw, mission, 'zenith.yaml');
      } catch (error) {
        return error;
      }
      throw new Error('accepted');
    };
    expect(fail({ horizonHours: -1 })).toMatchObject({ code: 'CONFIG_INVALID', context: { field: 'flightDynamics.horizonHours', file: 'zenith.yaml' } });
    expect(fail({ horizon: 3 })).toMatchObject({ code: 'CONFIG_INVALID', context: { field: 'flightDynamics.horizon' } });
    expect(fail({ dedicatedStations: { MINSK: 'ZEN-X' } })).toMatchObject({
      context: { field: 'flightDynamics.dedicatedStations.MINSK' },
      message: expect.stringContaining('ZEN-EO, ZEN-CUBE, ZEN-GEO') as unknown,
    });
    expect(fail({ background: ['ZEN-EO', 'NOPE'] })).toMatchObject({ context: { field: 'flightDynamics.background[1]' } });
    const both = fail({ dedicatedStations: { NOWHERE: 'ZEN-EO' }, background: ['NOPE'] }) as Error;
    expect(both.message).toMatch(/2 problems/);
    expect(both.message).toMatch(/NOWHERE/);
  });
});
