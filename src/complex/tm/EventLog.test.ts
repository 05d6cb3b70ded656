import { describe, expect, it } from 'vitest';
import type { Archive, EventRecord } from '../archive/index.ts';
import { MemoryBus } from '../bus/memory/index.ts';
import { fromJson } from '../bus/index.ts';
import { until } from '../links/contract/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import { EVENT_ALL, EventLog } from './index.ts';

describe('EventLog', () => {
  it('numbers events per source, stores them, then publishes them on event.<source>', async () => {
    const stored: EventRecord[][] = [];
    let fail = false;
    const archive = {
      storeEvents: (batch: readonly EventRecord[]) => {
        if (fail) return Promise.reject(new Error('disk full'));
        stored.push([...batch]);
        return Promise.resolve(batch.length);
      },
    } as unknown as Archive;
    const bus = new MemoryBus();
    const seen: { subject: string; event: EventRecord }[] = [];
    bus.subscribe(EVENT_ALL, (m) => {
      seen.push({ subject: m.subject, event: fromJson(m.data) as EventRecord });
    });
    const log = new EventLog(archive, bus, new ScaledClock({ startMs: 1000, speed: 1, realNow: () => 0 }));
    log.emit('S1-tm', 'info', 'link-status', 'ok');
    log.emit('alarms', 'warning', 'alarm-raised', 'BATT_V', 500);
    log.emit('S1-tm', 'warning', 'link-status', 'failed');
    await log.idle();
    expect(stored.flat().map((e) => [e.source, e.sequence, e.timeMs, e.type])).toEqual([
      ['S1-tm', 0, 1000, 'link-status'],
      ['alarms', 0, 500, 'alarm-raised'],
      ['S1-tm', 1, 1000, 'link-status'],
    ]);
    await until(() => seen.length === 3, 'three events on the bus');
    expect(seen.map((s) => s.subject)).toEqual(['event.S1-tm', 'event.alarms', 'event.S1-tm']);
    expect(seen[1]?.event).toEqual({ source: 'alarms', sequence: 0, timeMs: 500, severity: 'warning', type: 'alarm-raised', message: 'BATT_V' });
    // An event the archive cannot take is still published, and counted.
    fail = true;
    log.emit('tm', 'warning', 'x', 'y');
    await log.idle();
    await until(() => seen.length === 4, 'the fourth event');
    expect(log.failures).toBe(1);
    await bus.close();
  });
});
