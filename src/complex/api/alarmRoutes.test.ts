import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, Severity } from '../archive/index.ts';
import { BACKENDS, T0, openTestApi } from './apiTestKit.ts';
import type { TestApi } from './apiTestKit.ts';

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

interface AlarmBody {
  id: number;
  parameter: string;
  spacecraft: string | null;
  severity: string;
  state: string;
  raisedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgeComment: string | null;
  clearedAt: string | null;
}

describe.each(BACKENDS)('alarms and events on %s', (backend) => {
  let api: TestApi;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    api = await openTestApi(backend, {
      authenticate: (request) => ({ name: typeof request.headers['x-user'] === 'string' ? request.headers['x-user'] : 'operator', roles: [] }),
    });
    const a = api.deps.archive;
    ids['batt'] = (await a.raiseAlarm({ subject: '/ZEN-EO/EPS/BATT_V', raisedMs: T0 - 30 * MIN, severity: 'warning', value: 24.1, limit: 24.5, message: 'battery low' })).id;
    ids['bus'] = (await a.raiseAlarm({ subject: '/ZEN-EO/EPS/BUS_V', raisedMs: T0 - 20 * MIN, severity: 'critical', value: 31.2, limit: 30 })).id;
    ids['closed'] = (await a.raiseAlarm({ subject: '/ZEN-EO/OBC/UPTIME', raisedMs: T0 - 40 * MIN, severity: 'watch', value: 5, limit: 10 })).id;
    await a.acknowledgeAlarm(ids['closed'], { by: 'earlier', timeMs: T0 - 39 * MIN });
    await a.clearAlarm(ids['closed'], T0 - 38 * MIN);
    ids['cleared'] = (await a.raiseAlarm({ subject: '/PUS/apid', raisedMs: T0 - 35 * MIN, severity: 'distress', value: 'x', limit: null })).id;
    await a.clearAlarm(ids['cleared'], T0 - 34 * MIN);
  });
  afterAll(async () => {
    await api.close();
  });

  const alarms = async (query = ''): Promise<AlarmBody[]> => {
    const r = await api.app.inject(`/api/alarms${query}`);
    expect(r.statusCode, query).toBe(200);
    return r.json<AlarmBody[]>();
  };

  it('lists the active alarms (all but closed), newest first, in the REST shape', async () => {
    const list = await alarms();
    expect(list.map((a) => a.id)).toEqual([ids['bus'], ids['batt'], ids['cleared']]);
    expect(list[1]).toEqual({
      id: ids['batt'],
      parameter: '/ZEN-EO/EPS/BATT_V',
      spacecraft: 'ZEN-EO',
      severity: 'warning',
      maxSeverity: 'warning',
      state: 'raised',
      raisedAt: iso(T0 - 30 * MIN),
      updatedAt: iso(T0 - 30 * MIN),
      value: 24.1,
      triggerValue: 24.1,
      limit: 24.5,
      message: 'battery low',
      acknowledgedBy: null,
      acknowledgedAt: null,
      acknowledgeComment: null,
      clearedAt: null,
    });
    expect(list[2]).toMatchObject({ parameter: '/PUS/apid', spacecraft: 'ZEN-EO', state: 'cleared', clearedAt: iso(T0 - 34 * MIN), value: 'x', limit: null });
  });
  it('filters by state and by minimum severity', async () => {
    expect((await alarms('?state=closed')).map((a) => a.id)).toEqual([ids['closed']]);
    expect((await alarms('?state=cleared')).map((a) => a.id)).toEqual([ids['cleared']]);
    expect((await alarms('?state=all')).map((a) => a.id)).toEqual([ids['bus'], ids['batt'], ids['cleared'], ids['closed']]);
    expect((await alarms('?severity=distress')).map((a) => a.id)).toEqual([ids['bus'], ids['cleared']]);
    expect((await alarms('?state=all&limit=1')).map((a) => a.id)).toEqual([ids['bus']]);
    expect((await alarms(`?state=all&from=${iso(T0 - 36 * MIN)}&to=${iso(T0 - 25 * MIN)}`)).map((a) => a.id)).toEqual([ids['batt'], ids['cleared']]);
  });
  it('acknowledges an alarm as the requesting user, keeping the first acknowledgement', async () => {
    const url = `/api/alarms/${ids['batt']}/acknowledge`;
    const before = api.clock.nowMs();
    const r = await api.app.inject({ method: 'POST', url, headers: { 'x-user': 'alice' }, payload: { comment: 'heater on' } });
    expect(r.statusCode).toBe(200);
    const acked = r.json<AlarmBody>();
    expect(acked).toMatchObject({ id: ids['batt'], state: 'acknowledged', acknowledgedBy: 'alice', acknowledgeComment: 'heater on' });
    expect(Date.parse(acked.acknowledgedAt!)).toBeGreaterThanOrEqual(Math.floor(before));
    const again = await api.app.inject({ method: 'POST', url, headers: { 'x-user': 'bob' }, payload: {} });
    expect(again.json<AlarmBody>()).toMatchObject({ acknowledgedBy: 'alice', acknowledgeComment: 'heater on' });
    // No body at all is an acknowledgement without comment.
    const bare = await api.app.inject({ method: 'POST', url: `/api/alarms/${ids['bus']}/acknowledge`, headers: { 'x-user': 'bob' } });
    expect(bare.statusCode).toBe(200);
    expect(bare.json<AlarmBody>()).toMatchObject({ acknowledgedBy: 'bob', acknowledgeComment: null });
    expect((await alarms('?state=acknowledged')).map((a) => a.id)).toEqual([ids['bus'], ids['batt']]);
  });
  it('answers 404 for an alarm that does not exist, 400 for a body it does not understand', async () => {
    const missing = await api.app.inject({ method: 'POST', url: '/api/alarms/987654/acknowledge', payload: {} });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'UNKNOWN_ALARM', field: 'id' } });
    const extra = await api.app.inject({ method: 'POST', url: `/api/alarms/${ids['batt']}/acknowledge`, payload: { comment: 'x', by: 'someone else' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'by' } });
    const long = await api.app.inject({ method: 'POST', url: `/api/alarms/${ids['batt']}/acknowledge`, payload: { comment: 'x'.repeat(2001) } });
    expect(long.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'comment' } });
  });

  it('lists events in a window, oldest first, by minimum severity and source', async () => {
    const severities: Severity[] = ['info', 'watch', 'warning', 'distress', 'critical', 'severe'];
    const events: EventRecord[] = Array.from({ length: 30 }, (_, i) => ({
      source: i % 3 === 0 ? 'link:MINSK' : 'alarms',
      sequence: i,
      timeMs: T0 - 3_600_000 + i * MIN,
      severity: severities[i % 6]!,
      type: 'TEST',
      message: `event ${i}, with "quotes" and ; semicolons`,
    }));
    await api.deps.archive.storeEvents(events);
    const from = T0 - 3_600_000 + 5 * MIN;
    const to = T0 - 3_600_000 + 25 * MIN;
    const get = async (q: string): Promise<{ id: string; time: string; severity: string; source: string; type: string; message: string }[]> => {
      const r = await api.app.inject(`/api/events?from=${iso(from)}&to=${iso(to)}${q}`);
      expect(r.statusCode).toBe(200);
      return r.json();
    };
    const inWindow = events.filter((e) => e.timeMs >= from && e.timeMs < to);
    const view = (e: EventRecord): Record<string, string> => ({ id: `${e.source}:${e.timeMs}:${e.sequence}`, time: iso(e.timeMs), severity: e.severity, source: e.source, type: e.type, message: e.message });
    expect(await get('')).toEqual(inWindow.map(view));
    expect(await get('&severity=distress')).toEqual(inWindow.filter((e) => severities.indexOf(e.severity) >= 3).map(view));
    expect(await get('&source=link%3AMINSK')).toEqual(inWindow.filter((e) => e.source === 'link:MINSK').map(view));
    expect(await get('&limit=3')).toEqual(inWindow.slice(0, 3).map(view));
    // Default window: the 24 h before now.
    expect((await api.app.inject('/api/events')).json<unknown[]>().length).toBe(30);
  });
});
