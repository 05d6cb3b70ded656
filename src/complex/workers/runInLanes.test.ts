// Chunks handed out in order to concurrent lanes; the first failure or an abort stops the rest.
import { describe, expect, it } from 'vitest';
import { runInLanes } from './runInLanes.ts';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('runInLanes', () => {
  it('covers every object once, in chunks handed out in order, on concurrent lanes', async () => {
    const seen: [number, number, number][] = [];
    let running = 0;
    let most = 0;
    await runInLanes(10, 3, 2, async (first, size, lane) => {
      running++;
      most = Math.max(most, running);
      seen.push([first, size, lane]);
      await tick();
      running--;
    });
    expect(seen.map(([f, s]) => [f, s])).toEqual([[0, 3], [3, 3], [6, 3], [9, 1]]);
    expect(most).toBe(2);
    expect(new Set(seen.map(([, , l]) => l))).toEqual(new Set([0, 1]));
  });

  it('stops handing out chunks after the first failure and rejects with it', async () => {
    const started: number[] = [];
    const run = runInLanes(100, 1, 2, async (first) => {
      started.push(first);
      await tick();
      if (first === 3) throw new Error('chunk 3 failed');
    });
    await expect(run).rejects.toThrow('chunk 3 failed');
    expect(Math.max(...started)).toBeLessThan(6);
  });

  it('stops once the signal is aborted and rejects with the abort', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = runInLanes(100, 1, 1, async (first) => {
      started.push(first);
      if (first === 2) controller.abort();
      await tick();
    }, controller.signal);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toEqual([0, 1, 2]);
  });

  it('refuses a chunk size or lane count that is not a positive integer', async () => {
    await expect(runInLanes(5, 0, 1, () => Promise.resolve())).rejects.toThrow(RangeError);
    await expect(runInLanes(5, 1, 0, () => Promise.resolve())).rejects.toThrow(RangeError);
  });
});
