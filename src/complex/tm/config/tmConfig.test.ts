import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isZenithError } from '../../../core/errors/index.ts';
import { openArchive } from '../../archive/index.ts';
import type { Archive } from '../../archive/index.ts';
import { MemoryBus } from '../../bus/memory/index.ts';
import { loadMission } from '../../mission/index.ts';
import { buildTmService } from './index.ts';

const mission = loadMission(resolve('missions/demo'));
const file = resolve('test/fixtures/zenith.yaml'); // named in messages only
const baseDir = resolve('test/fixtures');

describe('telemetry configuration', () => {
  let archive: Archive;
  const bus = new MemoryBus();
  beforeAll(async () => {
    archive = await openArchive(':memory:');
  });
  afterAll(async () => {
    await archive.close();
    await bus.close();
  });

  const context = (): Parameters<typeof buildTmService>[1] => ({ archive, bus, mission, file, baseDir });

  it('builds the service: spacecraft SCIDs from the mission, databases loaded, links made', () => {
    const service = buildTmService(
      {
        spacecraft: [{ name: 'ZEN-EO', mdb: ['tmTest.xml'], frameLength: 1115, parameterPrefix: '/ZEN-EO' }],
        links: [
          { name: 'MINSK-tm', transport: 'tcp', station: 'MINSK', port: 0 },
          { name: 'SVB-tm', transport: 'udp', station: 'SVALBARD', spacecraft: 'ZEN-EO', port: 0 },
        ],
      },
      context(),
    );
    expect(service.linkInfo().map((l) => [l.name, l.transport, l.station, l.spacecraft])).toEqual([
      ['MINSK-tm', 'tcp', 'MINSK', undefined],
      ['SVB-tm', 'udp', 'SVALBARD', 'ZEN-EO'],
    ]);
    expect(service.spacecraftOfParameter('/ZEN-EO/TMTEST/BATT_V')).toBe('ZEN-EO');
    expect(service.spacecraftOfParameter('/TMTEST/BATT_V')).toBeUndefined();
  });

  it('reports every mistake at once, each naming its key', () => {
    let caught: unknown;
    try {
      buildTmService(
        {
          spacecraft: [
            { name: 'ZEN-XX', mdb: ['tmTest.xml'], frameLength: 1115 },
            { name: 'ZEN-CUBE', mdb: ['missing.xml'], frameLength: 256 },
          ],
          links: [
            { name: 'A', transport: 'tcp', station: 'NOWHERE', port: 1, framing: 'fixed-length' },
            { name: 'A', transport: 'udp', station: 'MINSK', spacecraft: 'ZEN-GEO', port: 2, framing: 'acknowledged' },
          ],
        },
        context(),
      );
    } catch (error) {
      caught = error;
    }
    expect(isZenithError(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/^7 problems:/);
    for (const key of ['tm.spacecraft[0].name', 'tm.spacecraft[1].mdb', 'tm.links[0].station', 'tm.links[0].frameLength', 'tm.links[1].name', 'tm.links[1].spacecraft', 'tm.links[1].framing']) {
      expect(message).toContain(key);
    }
    expect(message).toContain('missing.xml');
  });

  it('refuses a malformed section with the schema\'s key', () => {
    expect(() => buildTmService({ spacecraft: [], links: [{ name: 'A', transport: 'tcp', station: 'MINSK', port: 70000 }] }, context())).toThrow(/tm\.links\[0\]\.port/);
    expect(() => buildTmService({ spacecraft: [], links: [], colour: 1 }, context())).toThrow(/tm\.colour is not a known key/);
  });
});
