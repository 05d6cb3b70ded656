// A restart of `zenith up` on the same data directory continues from the archive: the simulated
// clock resumes where it stopped, telemetry and command history of the first run are still there,
// and new telemetry joins them.
import { describe, expect, it } from 'vitest';
import { ZenithUpProcess } from './upSupport/index.ts';

const BATTERY = encodeURIComponent('/ZEN-GEO/DEMO/BAT_VOLTAGE');

interface Latest {
  readonly generationTime: string;
}

describe('zenith up restarted', () => {
  it('continues from the archive and the saved clock', async () => {
    const first = await ZenithUpProcess.start(60);
    let dataDir = first.dataDir;
    try {
      const before = await first.poll('telemetry of ZEN-GEO', async () => {
        const v = (await first.json(`/api/parameters/${BATTERY}/latest`)) as Partial<Latest>;
        return v.generationTime === undefined ? undefined : (v as Latest);
      });
      await first.json('/api/commands', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '/DEMO/RESET_COUNTERS', spacecraft: 'ZEN-GEO', id: 'restart-1' }),
      });
      const { time: stoppedAt } = (await first.json('/api/health')) as { time: string };
      expect(await first.stop({ keepData: true })).toBe(0);

      // A restart makes no new admin and prints no password: the first run's credentials still work.
      const second = await ZenithUpProcess.start(60, [], dataDir, first.credentials);
      expect(second.stdout).not.toContain('password');
      dataDir = '';
      try {
        const { time: resumedAt } = (await second.json('/api/health')) as { time: string };
        expect(Date.parse(resumedAt)).toBeGreaterThanOrEqual(Date.parse(stoppedAt));
        const history = (await second.json('/api/commands/restart-1')) as { id?: string };
        expect(history.id).toBe('restart-1');
        const old = (await second.json(`/api/parameters/${BATTERY}/history?from=${encodeURIComponent(before.generationTime)}&to=${encodeURIComponent(resumedAt)}&points=5`)) as { points: unknown[] };
        expect(old.points.length).toBeGreaterThan(0);
        const after = await second.poll('new telemetry after the restart', async () => {
          const v = (await second.json(`/api/parameters/${BATTERY}/latest`)) as Partial<Latest>;
          return v.generationTime !== undefined && Date.parse(v.generationTime) > Date.parse(resumedAt) ? v : undefined;
        });
        expect(Date.parse(after.generationTime ?? '')).toBeGreaterThan(Date.parse(before.generationTime));
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      if (dataDir !== '') await first.stop();
    }
  }, 150_000);
});
