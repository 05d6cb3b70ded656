import { eciToGeodetic, gstime, propagate, twoline2satrec } from 'satellite.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTle, parseElements } from '../../core/orbit/index.ts';
import { toJson } from '../bus/index.ts';
import { paramMessage as tmParamMessage } from '../tm/index.ts';
import { T0, WsClient, apiTestMdb, openTestApi } from './apiTestKit.ts';
import type { TestApi } from './apiTestKit.ts';
import type { LiveFeeds } from './LiveFeeds.ts';
import { CLOSE_TOO_SLOW, MAX_BUFFERED_BYTES, MAX_SUBSCRIPTIONS, WsConnection } from './WsConnection.ts';
import type { WsSocket } from './WsConnection.ts';

const BATT = '/ZEN-EO/EPS/BATT_V';
const iso = (ms: number): string => new Date(ms).toISOString();
type Message = Record<string, unknown>;
const of = (type: string, id: string | null) => (m: Message): boolean => m['type'] === type && m['id'] === id;

/** The values of one packet, in the telemetry pipeline's own `tm.param` message format. */
function paramMessage(generationTimeMs: number, values: Record<string, number>): Uint8Array {
  const mdb = apiTestMdb();
  return toJson(
    tmParamMessage({
      spacecraft: 'ZEN-EO',
      source: 'MINSK-tm',
      station: 'MINSK',
      apid: 100,
      sequenceCount: 1,
      container: '/ZEN-EO/HK',
      error: null,
      generationTimeMs,
      receptionTimeMs: generationTimeMs + 250,
      parameters: Object.entries(values).map(([name, v]) => ({
        parameter: mdb.parameter(name)!,
        record: { parameter: name, generationTimeMs, receptionTimeMs: generationTimeMs + 250, raw: Math.round(v * 1000), eng: v, monitoring: 'normal' },
      })),
    }),
  );
}

describe('WebSocket /api/ws', () => {
  let api: TestApi;
  let url: string;
  const clients: WsClient[] = [];
  const connect = async (): Promise<WsClient> => {
    const c = await WsClient.open(url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    api = await openTestApi('sqlite', { speed: 10, live: { clockPeriodMs: 200, positionMinPeriodMs: 100 } });
    const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
    url = `${address.replace('http', 'ws')}/api/ws`;
    await api.deps.archive.storeParameters([{ parameter: BATT, generationTimeMs: T0 - 1000, receptionTimeMs: T0 - 900, raw: 27_100, eng: 27.1, monitoring: 'normal' }]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await api.close();
  });

  it('subscribes to parameters: the stored latest value first, then live values of the names asked for, until cancelled', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'p1', topic: 'parameters', options: { names: [BATT, 'UPTIME'] } });
    expect(await c.next(of('subscribed', 'p1'))).toEqual({ type: 'subscribed', id: 'p1', topic: 'parameters' });
    expect(await c.next(of('data', 'p1'))).toEqual({
      type: 'data',
      id: 'p1',
      data: { name: BATT, generationTime: iso(T0 - 1000), receptionTime: iso(T0 - 900), raw: 27_100, eng: 27.1, state: 'normal' },
    });
    api.deps.bus.publish('tm.param.ZEN-EO', paramMessage(T0 + 1000, { [BATT]: 26.9, '/ZEN-EO/EPS/BUS_V': 28, '/ZEN-EO/OBC/UPTIME': 7 }));
    const live = [await c.next(of('data', 'p1')), await c.next(of('data', 'p1'))].map((m) => m['data'] as Record<string, unknown>);
    expect(live).toEqual([
      { name: BATT, generationTime: iso(T0 + 1000), receptionTime: iso(T0 + 1250), raw: 26_900, eng: 26.9, state: 'normal' },
      { name: '/ZEN-EO/OBC/UPTIME', generationTime: iso(T0 + 1000), receptionTime: iso(T0 + 1250), raw: 7000, eng: 7, state: 'normal' },
    ]);
    c.send({ type: 'cancel', id: 'p1' });
    expect(await c.next(of('cancelled', 'p1'))).toEqual({ type: 'cancelled', id: 'p1' });
    // After the cancel, a second subscription sees the next value; messages of one socket arrive in
    // order, so anything still sent for p1 would have come before it.
    c.send({ type: 'subscribe', id: 'p2', topic: 'parameters', options: { names: [BATT], latest: false } });
    await c.next(of('subscribed', 'p2'));
    api.deps.bus.publish('tm.param.ZEN-EO', paramMessage(T0 + 2000, { [BATT]: 26.8 }));
    expect((await c.next(of('data', 'p2')))['data']).toMatchObject({ eng: 26.8 });
    expect(c.messages.filter((m) => m['id'] === 'p1')).toEqual([]);
  });

  it('fans a value out to every connection subscribed to it', async () => {
    const [a, b] = [await connect(), await connect()];
    for (const c of [a, b]) {
      c.send({ type: 'subscribe', id: 'fan', topic: 'parameters', options: { names: [BATT], latest: false } });
      await c.next(of('subscribed', 'fan'));
    }
    api.deps.bus.publish('tm.param.ZEN-EO', paramMessage(T0 + 3000, { [BATT]: 25.5 }));
    for (const c of [a, b]) expect((await c.next(of('data', 'fan')))['data']).toMatchObject({ name: BATT, eng: 25.5 });
  });

  it('answers every malformed request with an error message and keeps the connection', async () => {
    const c = await connect();
    const refused = async (message: unknown, id: string | null, code: string): Promise<Message> => {
      c.send(message);
      const m = await c.next(of('error', id));
      expect(m['error'], JSON.stringify(message)).toMatchObject({ code });
      return m;
    };
    await refused('{"type":"subscribe",', null, 'BAD_JSON');
    await refused({ type: 'subscribe', topic: 'parameters' }, null, 'BAD_MESSAGE');
    await refused({ type: 'subscribe', id: 'x'.repeat(129), topic: 'clock' }, 'x'.repeat(128), 'BAD_MESSAGE');
    await refused({ type: 'subscribe', id: 'e1', topic: 'weather' }, 'e1', 'UNKNOWN_TOPIC');
    const bad = await refused({ type: 'subscribe', id: 'e2', topic: 'parameters', options: {} }, 'e2', 'BAD_SUBSCRIPTION');
    expect((bad['error'] as { message: string }).message).toContain('names');
    await refused({ type: 'subscribe', id: 'e3', topic: 'parameters', options: { names: ['/ZEN-EO/../../etc/passwd'] } }, 'e3', 'UNKNOWN_PARAMETER');
    await refused({ type: 'subscribe', id: 'e4', topic: 'alarms', options: { severity: 'mild' } }, 'e4', 'BAD_SUBSCRIPTION');
    await refused({ type: 'cancel', id: 'never-made' }, 'never-made', 'UNKNOWN_SUBSCRIPTION');
    await refused(`{"type":"subscribe","id":"__proto__","topic":"parameters","options":{"names":["${BATT}"],"__proto__":{"latest":false}}}`, '__proto__', 'BAD_SUBSCRIPTION');
    await refused({ type: 'subscribe', id: 'e5', topic: 'parameters', options: { name: [BATT] } }, 'e5', 'BAD_SUBSCRIPTION');
    c.send({ type: 'subscribe', id: 'dup', topic: 'clock' });
    await c.next(of('subscribed', 'dup'));
    await refused({ type: 'subscribe', id: 'dup', topic: 'clock' }, 'dup', 'DUPLICATE_ID');
    c.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await c.next(of('error', null)))['error']).toMatchObject({ code: 'BAD_MESSAGE' });
    // Still served.
    expect((await c.next(of('data', 'dup')))['data']).toMatchObject({ speed: 10 });
  });

  it('limits the subscriptions of one connection', async () => {
    const c = await connect();
    for (let i = 0; i < MAX_SUBSCRIPTIONS; i++) c.send({ type: 'subscribe', id: `s${i}`, topic: 'events' });
    c.send({ type: 'subscribe', id: 'one-too-many', topic: 'events' });
    expect((await c.next(of('error', 'one-too-many')))['error']).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    const connection = [...api.connections].find((x) => x.subscriptionCount === MAX_SUBSCRIPTIONS);
    expect(connection).toBeDefined();
  });

  it('relays alarm changes in the REST shape: an acknowledgement made through REST arrives on the socket', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'al', topic: 'alarms', options: { spacecraft: 'ZEN-EO' } });
    c.send({ type: 'subscribe', id: 'crit', topic: 'alarms', options: { severity: 'critical' } });
    await c.next(of('subscribed', 'al'));
    await c.next(of('subscribed', 'crit'));
    const alarm = await api.deps.archive.raiseAlarm({ subject: BATT, raisedMs: T0 - 60_000, severity: 'warning', value: 24.2, limit: 24.5 });
    const rest = await api.app.inject({ method: 'POST', url: `/api/alarms/${alarm.id}/acknowledge`, payload: { comment: 'seen' } });
    expect(rest.statusCode).toBe(200);
    expect((await c.next(of('data', 'al')))['data']).toEqual(rest.json());
    // A warning is below the minimum severity of 'crit': the next message for crit is a critical one.
    const critical = await api.deps.archive.raiseAlarm({ subject: '/ZEN-EO/EPS/BUS_V', raisedMs: T0 - 1000, severity: 'critical', value: 31, limit: 30 });
    await api.app.inject({ method: 'POST', url: `/api/alarms/${critical.id}/acknowledge` });
    expect((await c.next(of('data', 'crit')))['data']).toMatchObject({ id: critical.id, severity: 'critical', state: 'acknowledged' });
  });

  it('relays events and command updates as the REST routes show them', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'ev', topic: 'events', options: { severity: 'warning' } });
    c.send({ type: 'subscribe', id: 'cmd', topic: 'commands', options: { spacecraft: 'ZEN-EO' } });
    await c.next(of('subscribed', 'ev'));
    await c.next(of('subscribed', 'cmd'));
    const event = { source: 'link:MINSK', sequence: 3, timeMs: T0 + 5, severity: 'distress', type: 'LINK_DOWN', message: 'no frames for 60 s' };
    api.deps.bus.publish('event.link:MINSK', toJson({ ...event, severity: 'info', sequence: 2 }));
    api.deps.bus.publish('event.link:MINSK', toJson(event));
    expect((await c.next(of('data', 'ev')))['data']).toEqual({ id: `link:MINSK:${T0 + 5}:3`, time: iso(T0 + 5), severity: 'distress', source: 'link:MINSK', type: 'LINK_DOWN', message: 'no frames for 60 s' });
    const queued = await api.app.inject({ method: 'POST', url: '/api/commands', payload: { name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'PROPULSION' } } });
    expect(queued.statusCode).toBe(201);
    const update = (await c.next(of('data', 'cmd')))['data'] as Record<string, unknown>;
    expect(update).toMatchObject({ id: queued.json<{ id: string }>().id, name: '/ZEN-EO/HEATER_SETPOINT', spacecraft: 'ZEN-EO', queuedBy: 'operator' });
  });

  it('drops bus messages that are not what their subject promises, and carries on', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'p', topic: 'parameters', options: { names: [BATT], latest: false } });
    await c.next(of('subscribed', 'p'));
    const before = api.feeds.malformed;
    api.deps.bus.publish('tm.param.ZEN-EO', new TextEncoder().encode('{"spacecraft": 1}'));
    api.deps.bus.publish('tm.param.ZEN-EO', new TextEncoder().encode('not json'));
    api.deps.bus.publish('tm.param.ZEN-EO', paramMessage(T0 + 4000, { [BATT]: 26.1 }));
    expect((await c.next(of('data', 'p')))['data']).toMatchObject({ eng: 26.1 });
    expect(api.feeds.malformed - before).toBe(2);
  });

  it('streams the sub-satellite points of the fleet, as satellite.js places them', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'pos', topic: 'positions', options: { spacecraft: ['ZEN-EO', 'ZEN-GEO'] } });
    await c.next(of('subscribed', 'pos'));
    const lines = readFileSync(resolve('missions/demo/fleet.tle'), 'utf8').split(/\r?\n/);
    const satrec = (catalog: string) => {
      const i = lines.findIndex((l) => l.startsWith(`1 ${catalog}`));
      return twoline2satrec(lines[i]!, lines[i + 1]!);
    };
    const recs: Record<string, ReturnType<typeof twoline2satrec>> = { 'ZEN-EO': satrec('60989'), 'ZEN-GEO': satrec('41238') };
    type Position = { spacecraft: string; time: string; latitudeDeg: number; longitudeDeg: number; altitudeKm: number };
    const check = (p: Position): void => {
      const date = new Date(p.time);
      const g = eciToGeodetic(propagate(recs[p.spacecraft]!, date)!.position, gstime(date));
      expect(p.latitudeDeg).toBeCloseTo((g.latitude * 180) / Math.PI, 2);
      expect(p.longitudeDeg).toBeCloseTo((g.longitude * 180) / Math.PI, 2);
      expect(p.altitudeKm).toBeCloseTo(g.height, 0);
      expect(Math.abs(Date.parse(p.time) - api.clock.nowMs())).toBeLessThan(60_000);
    };
    const seen = new Set<string>();
    for (let n = 0; n < 4; n++) {
      const p = (await c.next(of('data', 'pos')))['data'] as Position;
      seen.add(p.spacecraft);
      check(p);
    }
    expect([...seen].sort()).toEqual(['ZEN-EO', 'ZEN-GEO']);
    // New elements for ZEN-EO (half an orbit further on): the positions follow them from the next tick.
    const i = lines.findIndex((l) => l.startsWith('1 60989'));
    const parsed = parseElements(`${lines[i]!}\n${lines[i + 1]!}\n`).elements[0]!;
    const [l1, l2] = formatTle({ ...parsed, epochMs: parsed.epochMs + 3_600_000, meanAnomalyDeg: (parsed.meanAnomalyDeg + 180) % 360 });
    recs['ZEN-EO'] = twoline2satrec(l1, l2);
    const upload = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: `${l1}\n${l2}\n` });
    expect(upload.json()).toMatchObject({ accepted: 1 });
    const nextEoAfter = async (ms: number): Promise<void> => {
      for (;;) {
        const p = (await c.next(of('data', 'pos')))['data'] as Position;
        if (p.spacecraft !== 'ZEN-EO' || Date.parse(p.time) < ms) continue;
        check(p);
        return;
      }
    };
    await nextEoAfter(api.clock.nowMs());
    // Element sets changed elsewhere (the flight-dynamics service says so on the bus): the same.
    const [m1, m2] = formatTle({ ...parsed, epochMs: parsed.epochMs + 7_200_000, meanAnomalyDeg: (parsed.meanAnomalyDeg + 90) % 360 });
    await api.deps.archive.storeElementSets(parseElements(`${m1}\n${m2}\n`).elements);
    recs['ZEN-EO'] = twoline2satrec(m1, m2);
    api.deps.bus.publish('fd.elements', toJson({ spacecraft: 'ZEN-EO' }));
    await nextEoAfter(api.clock.nowMs());
  });

  it('gives the clock at once and then regularly', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'clk', topic: 'clock' });
    const first = (await c.next(of('data', 'clk')))['data'] as { time: string; speed: number };
    const second = (await c.next(of('data', 'clk')))['data'] as { time: string; speed: number };
    expect(first.speed).toBe(10);
    expect(Date.parse(second.time)).toBeGreaterThan(Date.parse(first.time));
    c.send({ type: 'cancel', id: 'clk' });
    await c.next(of('cancelled', 'clk'));
  });

  it('ends every subscription of a connection when it closes', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: 'x', topic: 'positions' });
    await c.next(of('subscribed', 'x'));
    const count = api.feeds.positions.size;
    await c.close();
    for (let i = 0; i < 100 && api.feeds.positions.size === count; i++) await new Promise((r) => setTimeout(r, 10));
    expect(api.feeds.positions.size).toBe(count - 1);
  });
});

describe('a client that does not read', () => {
  it('is disconnected with 1013 once too much piles up, and its subscriptions end', async () => {
    const sent: string[] = [];
    let closed: [number | undefined, string | undefined] | undefined;
    const listeners: Record<string, (...args: unknown[]) => void> = {};
    const socket: WsSocket & { bufferedAmount: number } = {
      readyState: 1,
      OPEN: 1,
      bufferedAmount: 0,
      send: (text) => sent.push(text),
      close: (code, reason) => {
        closed = [code, reason];
      },
      on: (event: string, listener: (...args: never[]) => void) => {
        listeners[event] = listener as (...args: unknown[]) => void;
        return socket;
      },
    };
    const cancelled: string[] = [];
    const feeds = {
      subscribe: (_topic: string, _frameStart: string, _sink: unknown, _options: unknown, joined: () => void) => {
        joined();
        return Promise.resolve({ topic: 'clock', cancel: () => { cancelled.push('clock'); return Promise.resolve(); } });
      },
    } as unknown as LiveFeeds;
    const connection = new WsConnection(socket, feeds, () => undefined);
    listeners['message']!(Buffer.from(JSON.stringify({ type: 'subscribe', id: 'c', topic: 'clock' })), false);
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['{"type":"subscribed","id":"c","topic":"clock"}']);
    connection.send('{"a":1}');
    socket.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    connection.send('{"a":2}');
    expect(sent.length).toBe(2);
    expect(closed?.[0]).toBe(CLOSE_TOO_SLOW);
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toEqual(['clock']);
  });
});
