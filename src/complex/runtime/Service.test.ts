import { describe, expect, it } from 'vitest';
import { startAll, stopAll } from './index.ts';
import type { Service } from './index.ts';

function recorder(log: string[], name: string, failStart = false): Service {
  return {
    name,
    start: () => {
      if (failStart) return Promise.reject(new Error(`${name} cannot start`));
      log.push(`start ${name}`);
      return Promise.resolve();
    },
    stop: () => {
      log.push(`stop ${name}`);
      return Promise.resolve();
    },
  };
}

describe('startAll', () => {
  it('stops in reverse order of starting', async () => {
    const log: string[] = [];
    const stop = await startAll([recorder(log, 'archive'), recorder(log, 'bus'), recorder(log, 'api')]);
    await stop();
    expect(log).toEqual(['start archive', 'start bus', 'start api', 'stop api', 'stop bus', 'stop archive']);
  });
  it('stops what had started when a later service fails', async () => {
    const log: string[] = [];
    await expect(startAll([recorder(log, 'archive'), recorder(log, 'links', true)])).rejects.toThrow('links cannot start');
    expect(log).toEqual(['start archive', 'stop archive']);
  });
});

describe('stopAll', () => {
  it('says what it stops, leaves behind a service that overruns its time, and stops the rest', async () => {
    const log: string[] = [];
    const hung: Service = { name: 'links', start: () => Promise.resolve(), stop: () => new Promise<void>(() => undefined) };
    const stopping = stopAll([recorder(log, 'archive'), hung, recorder(log, 'api')], { log: (l) => log.push(l), timeoutMs: 50 });
    await expect(stopping).rejects.toThrow('1 service(s) failed to stop');
    expect(log).toEqual(['stopping api', 'stop api', 'stopping links', 'links: did not stop within 50 ms; left behind', 'stopping archive', 'stop archive']);
  });
});
