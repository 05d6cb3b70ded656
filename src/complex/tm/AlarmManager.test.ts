import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_KINDS, openTestArchive } from '../../../test/tmSupport/index.ts';
import type { TestArchive } from '../../../test/tmSupport/index.ts';
import type { AlarmRecord } from '../archive/index.ts';
import { AlarmManager, alarmState } from './index.ts';
import type { AlarmMessage } from './index.ts';

const T0 = Date.UTC(2026, 10, 25, 12);

describe.each(ARCHIVE_KINDS)('AlarmManager on %s', (kind) => {
  let store: TestArchive;
  beforeAll(async () => {
    store = await openTestArchive(kind);
  });
  afterAll(async () => {
    await store.dispose();
  });

  function manager(): { alarms: AlarmManager; changes: [AlarmMessage['change'], string, ReturnType<typeof alarmState>][]; errors: unknown[] } {
    const changes: [AlarmMessage['change'], string, ReturnType<typeof alarmState>][] = [];
    const errors: unknown[] = [];
    const alarms = new AlarmManager({
      archive: store.archive,
      onChange: (a: AlarmRecord, _sc, change) => changes.push([change, a.severity, alarmState(a)]),
      onError: (e) => errors.push(e),
      spacecraftOf: () => 'ZEN-T',
    });
    return { alarms, changes, errors };
  }

  it('latches: raised, escalated, cleared but shown until acknowledged, then closed', async () => {
    const { alarms, changes, errors } = manager();
    const s = '/T/latch';
    alarms.observe(s, 'ZEN-T', 'normal', 7, null, T0);
    alarms.observe(s, 'ZEN-T', 'warning', 8.5, 8.4, T0 + 1000);
    alarms.observe(s, 'ZEN-T', 'warning', 8.45, 8.4, T0 + 2000); // same severity: no change stored
    alarms.observe(s, 'ZEN-T', 'critical', 8.7, 8.6, T0 + 3000);
    alarms.observe(s, 'ZEN-T', 'normal', 7.5, null, T0 + 4000);
    alarms.observe(s, 'ZEN-T', 'normal', 7.4, null, T0 + 5000);
    await alarms.idle();
    expect(errors).toEqual([]);
    expect(changes).toEqual([
      ['raised', 'warning', 'raised'],
      ['updated', 'critical', 'raised'],
      ['cleared', 'critical', 'cleared'],
    ]);
    const [stored] = await store.archive.alarms({ subject: s });
    expect(stored).toMatchObject({ raisedMs: T0 + 1000, severity: 'critical', maxSeverity: 'critical', triggerValue: 8.5, value: 8.7, limit: 8.4, clearedMs: T0 + 4000 });
    expect(alarms.activeCount).toBe(1);
    const acked = await alarms.acknowledge(stored!.id, { by: 'ops', timeMs: T0 + 6000, comment: 'seen' });
    expect(alarmState(acked)).toBe('closed');
    expect(acked.acknowledged).toEqual({ by: 'ops', timeMs: T0 + 6000, comment: 'seen' });
    expect(alarms.activeCount).toBe(0);
    // A new violation after closing is a new alarm.
    alarms.observe(s, 'ZEN-T', 'warning', 8.5, 8.4, T0 + 7000);
    await alarms.idle();
    const all = await store.archive.alarms({ subject: s });
    expect(all.map((a) => [a.raisedMs, alarmState(a)])).toEqual([
      [T0 + 1000, 'closed'],
      [T0 + 7000, 'raised'],
    ]);
  });

  it('stays active-acknowledged while still violated, and closes when the value returns', async () => {
    const { alarms, changes } = manager();
    const s = '/T/acked';
    alarms.observe(s, 'ZEN-T', 'warning', 1, 2, T0);
    await alarms.idle();
    const [a] = await store.archive.alarms({ subject: s });
    expect(alarmState(await alarms.acknowledge(a!.id, { by: 'ops', timeMs: T0 + 10 }))).toBe('acknowledged');
    alarms.observe(s, 'ZEN-T', 'warning', 1, 2, T0 + 20);
    alarms.observe(s, 'ZEN-T', 'normal', 3, null, T0 + 30);
    await alarms.idle();
    expect(changes.map((c) => c.slice(0, 1).concat(c[2]))).toEqual([
      ['raised', 'raised'],
      ['acknowledged', 'acknowledged'],
      ['cleared', 'closed'],
    ]);
    expect(alarms.activeCount).toBe(0);
    expect(await store.archive.alarms({ subject: s, activeOnly: true })).toEqual([]);
  });

  it('returns a latched alarm to active when the value violates again', async () => {
    const { alarms, changes } = manager();
    const s = '/T/again';
    alarms.observe(s, 'ZEN-T', 'watch', 1, 2, T0);
    alarms.observe(s, 'ZEN-T', 'normal', 3, null, T0 + 10);
    alarms.observe(s, 'ZEN-T', 'watch', 1, 2, T0 + 20);
    await alarms.idle();
    expect(changes.map((c) => c[2])).toEqual(['raised', 'cleared', 'raised']);
    expect(await store.archive.alarms({ subject: s })).toHaveLength(1);
  });

  it('takes over open alarms after a restart', async () => {
    const first = manager();
    const s = '/T/restart';
    first.alarms.observe(s, 'ZEN-T', 'critical', 9, 8.6, T0);
    first.alarms.observe(s, 'ZEN-T', 'normal', 7, null, T0 + 10);
    await first.alarms.idle();
    const second = manager();
    await second.alarms.load();
    expect(second.alarms.activeCount).toBeGreaterThanOrEqual(1);
    second.alarms.observe(s, 'ZEN-T', 'normal', 7, null, T0 + 20); // already cleared: nothing to store
    await second.alarms.idle();
    expect(second.changes).toEqual([]);
    const [a] = await store.archive.alarms({ subject: s });
    const closed = await second.alarms.acknowledge(a!.id, { by: 'ops', timeMs: T0 + 30 });
    expect(alarmState(closed)).toBe('closed');
    expect(second.changes).toEqual([['acknowledged', 'critical', 'closed']]);
  });

  it('rejects acknowledging an alarm that does not exist, without counting a failure', async () => {
    const { alarms, errors } = manager();
    await expect(alarms.acknowledge(987_654, { by: 'ops', timeMs: T0 })).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND' });
    await alarms.idle();
    expect(errors).toEqual([]);
  });
});
