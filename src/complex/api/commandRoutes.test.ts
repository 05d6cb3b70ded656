import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, T0, openTestApi } from './apiTestKit.ts';
import type { TestApi } from './apiTestKit.ts';

interface CommandBody {
  id: string;
  name: string;
  spacecraft: string;
  arguments: Record<string, unknown>;
  critical: boolean;
  queuedBy: string;
  queuedAt: string;
  release: { mode: string; time?: string };
  state: string;
  binary?: string;
  stages: { stage: string; status: string; time: string; message?: string }[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe.each(BACKENDS)('commanding on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(backend, {
      authenticate: (request) => ({ name: typeof request.headers['x-user'] === 'string' ? request.headers['x-user'] : 'operator', roles: [] }),
    });
  });
  afterAll(async () => {
    await api.close();
  });
  const queue = (payload: Record<string, unknown>, user = 'alice') => api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'x-user': user }, payload });

  it('offers the concrete commands of the mission database with their open arguments', async () => {
    const r = await api.app.inject('/api/commands?spacecraft=ZEN-EO');
    expect(r.statusCode).toBe(200);
    const catalog = r.json<{ name: string; description: string; critical: boolean; arguments: Record<string, unknown>[] }[]>();
    // The abstract base commands (/PUS/pus-tc, /ZEN-EO/mission-tc) are not offered.
    expect(catalog.map((c) => c.name).sort()).toEqual(['/PUS17/ARE_YOU_ALIVE', '/ZEN-EO/HEATER_SETPOINT', '/ZEN-EO/REBOOT']);
    const heater = catalog.find((c) => c.name === '/ZEN-EO/HEATER_SETPOINT')!;
    expect(heater.description).toBe('Heater set-point');
    expect(heater.critical).toBe(false);
    // Those fixed by ArgumentAssignments (type 200, subtype 7) are left out; the rest keep their XTCE facts.
    expect(heater.arguments).toEqual([
      { name: 'apid', type: 'integer' },
      { name: 'ackflags', type: 'integer', default: '7' },
      { name: 'source', type: 'integer', default: '0' },
      { name: 'heater', type: 'enumerated', values: ['BATTERY', 'PROPULSION'] },
      { name: 'setpoint', type: 'float', units: 'degC', min: -20, max: 40, default: '15' },
    ]);
    expect(catalog.find((c) => c.name === '/ZEN-EO/REBOOT')!.critical).toBe(true);
    // Without a spacecraft: the first of the fleet's.
    expect((await api.app.inject('/api/commands')).json()).toEqual(catalog);
    expect((await api.app.inject('/api/commands?spacecraft=ZEN-X')).json()).toMatchObject({ error: { code: 'UNKNOWN_SPACECRAFT', field: 'spacecraft' } });
  });

  it('queues a command signed by the requesting user, then shows it by id and in the history', async () => {
    const before = api.clock.nowMs();
    const r = await queue({ name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', setpoint: 21.5 } });
    expect(r.statusCode).toBe(201);
    const c = r.json<CommandBody>();
    expect(c).toMatchObject({ name: '/ZEN-EO/HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', setpoint: 21.5 }, critical: false, queuedBy: 'alice', release: { mode: 'now' } });
    expect(Date.parse(c.queuedAt)).toBeGreaterThanOrEqual(Math.floor(before));
    expect(c.stages[0]).toMatchObject({ stage: 'queued', status: 'ok' });
    // The packet: PUS TC header with service type 200, subtype 7, then heater 1 and the float 21.5.
    expect(c.binary).toMatch(/c807[0-9a-f]*0141ac0000$/);
    const byId = await api.app.inject(`/api/commands/${encodeURIComponent(c.id)}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json<CommandBody>()).toMatchObject({ id: c.id, name: c.name, queuedBy: 'alice', arguments: c.arguments });
    const history = (await api.app.inject('/api/commands/history')).json<CommandBody[]>();
    expect(history.map((h) => h.id)).toContain(c.id);
  });

  it('names the field of what it refuses: command, spacecraft, argument, release', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '/ZEN-EO/NOPE', spacecraft: 'ZEN-EO' }, 'UNKNOWN_COMMAND', 'name'],
      [{ name: '/ZEN-EO/mission-tc', spacecraft: 'ZEN-EO' }, 'UNKNOWN_COMMAND', 'name'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-NOPE' }, 'UNKNOWN_SPACECRAFT', 'spacecraft'],
      [{ name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', setpoint: 99 } }, 'TC_BAD_ARGUMENT', 'setpoint'],
      [{ name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'KETTLE' } }, 'TC_BAD_ARGUMENT', 'heater'],
      [{ name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', subtype: 3 } }, 'TC_BAD_ARGUMENT', 'subtype'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', release: { mode: 'at' } }, 'INVALID_REQUEST', 'release.time'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', release: { mode: 'now', time: iso(T0) } }, 'INVALID_REQUEST', 'release.time'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', release: { mode: 'at', time: 'soon' } }, 'BAD_TIME', 'release.time'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', release: { mode: 'whenever' } }, 'INVALID_REQUEST', 'release.mode'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', priority: 'high' }, 'INVALID_REQUEST', 'priority'],
      [{ name: 'REBOOT', spacecraft: 'ZEN-EO', id: 'has spaces' }, 'INVALID_REQUEST', 'id'],
      [{ spacecraft: 'ZEN-EO' }, 'INVALID_REQUEST', 'name'],
    ];
    for (const [payload, code, field] of cases) {
      const r = await queue(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json(), JSON.stringify(payload)).toMatchObject({ error: { code, field } });
    }
  });

  it('holds a critical command for approval; approving and cancelling are signed too', async () => {
    const held = (await queue({ name: '/ZEN-EO/REBOOT', spacecraft: 'ZEN-EO', arguments: { delay: 30 }, release: { mode: 'at', time: iso(T0 + 3_600_000) } })).json<CommandBody>();
    expect(held).toMatchObject({ critical: true, state: 'awaiting-approval', release: { mode: 'at', time: iso(T0 + 3_600_000) } });
    expect(held.stages.find((s) => s.stage === 'approval')).toMatchObject({ status: 'pending' });
    const approved = await api.app.inject({ method: 'POST', url: `/api/commands/${held.id}/approve`, headers: { 'x-user': 'carol' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<CommandBody>().stages.find((s) => s.stage === 'approval')).toMatchObject({ status: 'ok', message: 'approved by carol' });
    const twice = await api.app.inject({ method: 'POST', url: `/api/commands/${held.id}/approve` });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ error: { code: 'TC_NOT_AWAITING_APPROVAL' } });
    const cancelled = await api.app.inject({ method: 'POST', url: `/api/commands/${held.id}/cancel`, headers: { 'x-user': 'dave' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<CommandBody>()).toMatchObject({ state: 'cancelled' });
    expect(cancelled.json<CommandBody>().stages.find((s) => s.stage === 'sent')).toMatchObject({ status: 'cancelled', message: 'cancelled by dave' });
    const unknown = await api.app.inject({ method: 'POST', url: '/api/commands/no-such-id/cancel' });
    expect(unknown.statusCode).toBe(404);
  });

  it('queues a request with the same client id once, and lists the history newest first by spacecraft', async () => {
    const payload = { id: 'ui-42.retry', name: 'REBOOT', spacecraft: 'ZEN-CUBE', release: { mode: 'next-contact' } };
    const first = (await queue(payload)).json<CommandBody>();
    const second = (await queue(payload)).json<CommandBody>();
    expect(second.id).toBe('ui-42.retry');
    expect(second.queuedAt).toBe(first.queuedAt);
    expect(first.release).toEqual({ mode: 'next-contact' });
    const cube = (await api.app.inject('/api/commands/history?spacecraft=ZEN-CUBE')).json<CommandBody[]>();
    expect(cube.map((c) => c.id)).toEqual(['ui-42.retry']);
    const all = (await api.app.inject('/api/commands/history')).json<CommandBody[]>();
    expect(all.length).toBe(3);
    const times = all.map((c) => Date.parse(c.queuedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await api.app.inject('/api/commands/history?limit=1')).json<CommandBody[]>().map((c) => c.id)).toEqual([all[0]!.id]);
    expect((await api.app.inject(`/api/commands/history?from=${iso(T0 + 86_400_000)}`)).json()).toEqual([]);
    expect((await api.app.inject('/api/commands/history?spacecraft=X')).json()).toMatchObject({ error: { code: 'UNKNOWN_SPACECRAFT' } });
    expect((await api.app.inject('/api/commands/missing')).json()).toMatchObject({ error: { code: 'UNKNOWN_COMMAND_ID', field: 'id' } });
  });
});
