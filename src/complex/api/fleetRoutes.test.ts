import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ecfToLookAngles, eciToEcf, gstime, propagate, twoline2satrec } from 'satellite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatTle, parseElements } from '../../core/orbit/index.ts';
import type { LinkInfo } from '../links/index.ts';
import { BACKENDS, T0, openTestApi } from './apiTestKit.ts';
import type { TestApi } from './apiTestKit.ts';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const fleetText = readFileSync(resolve('missions/demo/fleet.tle'), 'utf8');
const missionYaml = parseYaml(readFileSync(resolve('missions/demo/mission.yaml'), 'utf8')) as {
  spacecraft: { name: string; catalogId: number; priority: number }[];
  stations: { name: string; latitudeDeg: number; longitudeDeg: number; altitudeM: number; minElevationDeg: number; horizonMask?: [number, number][] }[];
};

function link(name: string, station: string, status: LinkInfo['status'], received: number, lastFrameMs: number | null): LinkInfo {
  return {
    name,
    transport: 'tcp',
    station,
    spacecraft: undefined,
    status,
    statusDetail: `${name} is ${status}`,
    counters: { framesReceived: received, octetsReceived: received * 1115, framesStored: received - 1, framesRefused: 1, framesDropped: 2, protocolErrors: 0, connections: 1, lastFrameMs },
  };
}

describe('system, fleet and stations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi('sqlite', { speed: 60 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports health and the simulated clock with its speed', async () => {
    const before = api.clock.nowMs();
    const health = (await api.app.inject('/api/health')).json<{ status: string; version: string; time: string; speed: number }>();
    const clock = (await api.app.inject('/api/clock')).json<{ time: string; speed: number }>();
    const after = api.clock.nowMs();
    expect(health).toMatchObject({ status: 'ok', version: 'test', speed: 60 });
    expect(clock.speed).toBe(60);
    for (const t of [health.time, clock.time]) {
      expect(Date.parse(t)).toBeGreaterThanOrEqual(Math.floor(before));
      expect(Date.parse(t)).toBeLessThanOrEqual(Math.ceil(after));
    }
    // Simulated time runs 60 times faster than the wall clock from T0.
    expect(before).toBeGreaterThanOrEqual(T0);
  });
  it('lists the fleet of mission.yaml with the element sets of fleet.tle (without their file path)', async () => {
    const r = await api.app.inject('/api/spacecraft');
    expect(r.statusCode).toBe(200);
    const fleet = r.json<{ name: string; catalogId: number; priority: number; elements: Record<string, unknown> }[]>();
    expect(fleet.map((s) => [s.name, s.catalogId, s.priority])).toEqual(missionYaml.spacecraft.map((s) => [s.name, s.catalogId, s.priority]));
    const parsed = parseElements(fleetText).elements;
    for (const sc of fleet) {
      const es = parsed.find((e) => e.catalogId === sc.catalogId)!;
      const { source: _source, ...expected } = es;
      expect(sc.elements).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(sc.elements['source']).toBeUndefined();
    }
  });
  it('lists the stations with their masks and the worst status of their active links', async () => {
    api.telemetry.links.splice(0, api.telemetry.links.length, link('MINSK-tm', 'MINSK', 'ok', 100, T0 - 5000), link('MINSK-udp', 'MINSK', 'unavailable', 10, T0 - 60_000), link('SVALBARD-tm', 'SVALBARD', 'disabled', 0, null));
    const r = await api.app.inject('/api/stations');
    expect(r.statusCode).toBe(200);
    const stations = r.json<{ name: string; latitudeDeg: number; horizonMask: number[][]; link: Record<string, unknown> }[]>();
    expect(stations.map((s) => [s.name, s.latitudeDeg, s.horizonMask])).toEqual(missionYaml.stations.map((s) => [s.name, s.latitudeDeg, s.horizonMask ?? []]));
    expect(stations[0]!.link).toEqual({
      status: 'unavailable',
      statusDetail: 'MINSK-udp: MINSK-udp is unavailable',
      links: ['MINSK-tm', 'MINSK-udp'],
      framesReceived: 110,
      framesStored: 108,
      framesDropped: 6,
      lastFrameTime: iso(T0 - 5000),
    });
    expect(stations[1]!.link).toMatchObject({ status: 'disabled', statusDetail: 'every link is disabled', links: ['SVALBARD-tm'], lastFrameTime: null });
    expect(stations[2]!.link).toMatchObject({ status: 'disabled', statusDetail: 'no link configured', links: [] });
  });
});

/** Mask elevation at an azimuth, interpolated linearly in the table as mission.yaml gives it. */
function maskAt(mask: [number, number][] | undefined, azimuthDeg: number): number {
  if (mask === undefined) return -90;
  for (let i = 1; i < mask.length; i++) {
    const [a0, e0] = mask[i - 1]!;
    const [a1, e1] = mask[i]!;
    if (azimuthDeg >= a0 && azimuthDeg <= a1) return e0 + ((e1 - e0) * (azimuthDeg - a0)) / (a1 - a0);
  }
  return mask[0]![1];
}

describe('passes and contacts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi('sqlite');
  });
  afterAll(async () => {
    await api.close();
  });

  interface PassBody {
    id: string;
    spacecraft: string;
    catalogId: number;
    station: string;
    aos: string;
    tca: string;
    los: string;
    maxElevationDeg: number;
    aosAzimuthDeg: number;
    losAzimuthDeg: number;
    planned: boolean;
  }

  it('predicts passes whose elevations satellite.js confirms at AOS, TCA and LOS', async () => {
    const r = await api.app.inject(`/api/passes?from=${iso(T0)}&to=${iso(T0 + 12 * HOUR)}`);
    expect(r.statusCode).toBe(200);
    const passes = r.json<PassBody[]>();
    expect(passes.length).toBeGreaterThan(5);
    const lines = fleetText.split(/\r?\n/);
    const satrecs = new Map<number, ReturnType<typeof twoline2satrec>>();
    for (let i = 0; i + 2 < lines.length; i += 3) satrecs.set(Number(lines[i + 1]!.slice(2, 7)), twoline2satrec(lines[i + 1]!, lines[i + 2]!));
    const look = (p: PassBody, time: string): { el: number; az: number } => {
      const st = missionYaml.stations.find((s) => s.name === p.station)!;
      const date = new Date(time);
      const pv = propagate(satrecs.get(p.catalogId)!, date)!;
      const la = ecfToLookAngles({ latitude: (st.latitudeDeg * Math.PI) / 180, longitude: (st.longitudeDeg * Math.PI) / 180, height: st.altitudeM / 1000 }, eciToEcf(pv.position, gstime(date)));
      return { el: (la.elevation * 180) / Math.PI, az: (la.azimuth * 180) / Math.PI };
    };
    let checked = 0;
    for (const p of passes) {
      expect(Date.parse(p.aos)).toBeLessThanOrEqual(Date.parse(p.tca));
      expect(Date.parse(p.tca)).toBeLessThanOrEqual(Date.parse(p.los));
      expect(p.id).toBe(`${p.spacecraft}:${p.station}:${Date.parse(p.aos)}`);
      expect(p.planned).toBe(false);
      const tca = look(p, p.tca);
      expect(tca.el).toBeCloseTo(p.maxElevationDeg, 1);
      if (Date.parse(p.aos) === T0 || Date.parse(p.los) === T0 + 12 * HOUR) continue;
      // At AOS and LOS the elevation is the station's threshold there (minimum or mask).
      const st = missionYaml.stations.find((s) => s.name === p.station)!;
      for (const [time, azimuth] of [[p.aos, p.aosAzimuthDeg], [p.los, p.losAzimuthDeg]] as const) {
        const at = look(p, time);
        expect(at.az).toBeCloseTo(azimuth, 1);
        expect(at.el).toBeCloseTo(Math.max(st.minElevationDeg, maskAt(st.horizonMask, azimuth)), 1);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    const geo = passes.filter((p) => p.spacecraft === 'ZEN-GEO');
    // The GEO satellite at 51.5 E never sets for Minsk or Hartebeesthoek: one pass over the whole window.
    expect(geo.map((p) => [p.station, p.aos, p.los])).toEqual(
      expect.arrayContaining([['MINSK', iso(T0), iso(T0 + 12 * HOUR)]]),
    );
  });
  it('filters by spacecraft and station, and refuses names not in the mission', async () => {
    const all = (await api.app.inject(`/api/passes?from=${iso(T0)}&to=${iso(T0 + 6 * HOUR)}`)).json<PassBody[]>();
    const some = (await api.app.inject(`/api/passes?from=${iso(T0)}&to=${iso(T0 + 6 * HOUR)}&spacecraft=ZEN-EO&station=SVALBARD`)).json<PassBody[]>();
    expect(some.length).toBeGreaterThan(0);
    expect(some).toEqual(all.filter((p) => p.spacecraft === 'ZEN-EO' && p.station === 'SVALBARD'));
    const bad = await api.app.inject('/api/passes?spacecraft=ZEN-NOPE');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'UNKNOWN_SPACECRAFT', field: 'spacecraft' } });
    expect((await api.app.inject('/api/passes?station=%27%3B--')).json()).toMatchObject({ error: { code: 'UNKNOWN_STATION', field: 'station' } });
  });
  it('gives the contact plan in force, with each contact placed against the clock', async () => {
    await api.deps.archive.storeContactPlan({
      createdMs: T0 - HOUR,
      fromMs: T0 - 2 * HOUR,
      toMs: T0 + 24 * HOUR,
      contacts: [
        { station: 'MINSK', spacecraft: 'ZEN-EO', startMs: T0 - HOUR, endMs: T0 - HOUR + 600_000, details: { maxElevationDeg: 41.5 } },
        { station: 'SVALBARD', spacecraft: 'ZEN-CUBE', startMs: T0 - 60_000, endMs: T0 + 540_000, details: { maxElevationDeg: 12 } },
        { station: 'HARTEBEESTHOEK', spacecraft: 'ZEN-EO', startMs: T0 + 5 * HOUR, endMs: T0 + 5 * HOUR + 480_000 },
      ],
    });
    const r = await api.app.inject(`/api/contacts?from=${iso(T0 - 2 * HOUR)}&to=${iso(T0 + 6 * HOUR)}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([
      { id: `ZEN-EO:MINSK:${T0 - HOUR}`, spacecraft: 'ZEN-EO', station: 'MINSK', aos: iso(T0 - HOUR), los: iso(T0 - HOUR + 600_000), maxElevationDeg: 41.5, state: 'done' },
      { id: `ZEN-CUBE:SVALBARD:${T0 - 60_000}`, spacecraft: 'ZEN-CUBE', station: 'SVALBARD', aos: iso(T0 - 60_000), los: iso(T0 + 540_000), maxElevationDeg: 12, state: 'active' },
      { id: `ZEN-EO:HARTEBEESTHOEK:${T0 + 5 * HOUR}`, spacecraft: 'ZEN-EO', station: 'HARTEBEESTHOEK', aos: iso(T0 + 5 * HOUR), los: iso(T0 + 5 * HOUR + 480_000), maxElevationDeg: 0, state: 'planned' },
    ]);
    // Default window: the next 24 h from now (T0 and a little).
    const next = (await api.app.inject('/api/contacts')).json<{ state: string }[]>();
    expect(next.map((c) => c.state)).toEqual(['active', 'planned']);
  });
});

describe.each(BACKENDS)('POST /api/elements on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });
  const eo = (): ReturnType<typeof parseElements>['elements'][number] => parseElements(fleetText).elements.find((e) => e.catalogId === 60989)!;

  it('takes a newer TLE, which becomes the element set in force for the spacecraft', async () => {
    const newer = { ...eo(), epochMs: eo().epochMs + 86_400_000, elementSetNo: 999, meanAnomalyDeg: 12.5 };
    const [l1, l2] = formatTle(newer);
    const r = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: `ZEN-EO\n${l1}\n${l2}\n` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ accepted: 1, problems: [] });
    const fleet = (await api.app.inject('/api/spacecraft')).json<{ name: string; elements: { epochMs: number; elementSetNo: number; meanAnomalyDeg: number } }[]>();
    const elements = fleet.find((s) => s.name === 'ZEN-EO')!.elements;
    expect(elements.elementSetNo).toBe(999);
    expect(elements.meanAnomalyDeg).toBeCloseTo(12.5, 4);
    expect(Math.abs(elements.epochMs - newer.epochMs)).toBeLessThan(1);
  });
  it('takes the good records of a file with a bad one, naming the bad one by line and column', async () => {
    const [l1, l2] = formatTle(eo());
    const broken = `${l1.slice(0, 68)}${(Number(l1[68]) + 1) % 10}`;
    const r = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: `${l1}\n${l2}\n${broken}\n${l2}\n` });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ accepted: number; problems: { code: string; line: number; column: number }[] }>();
    expect(body.accepted).toBe(1);
    expect(body.problems).toEqual([expect.objectContaining({ code: 'TLE_CHECKSUM', line: 3, column: 69 })]);
  });
  it('reads OMM JSON sent as application/json, and refuses a body with nothing readable', async () => {
    const omm = readFileSync(resolve('../shared/data/omm/python-sgp4-samples/sample_omm.json'), 'utf8');
    const r = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'application/json' }, payload: omm });
    expect(r.json()).toEqual({ accepted: 1, problems: [] });
    const stored = await api.deps.archive.latestElementSets({ catalogIds: [5] });
    expect(stored.map((e) => e.name)).toEqual(['VANGUARD 1']);
    const junk = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: 'hello, orbit' });
    expect(junk.statusCode).toBe(400);
    const error = junk.json<{ error: { field: string; message: string } }>().error;
    expect(error.field).toBe('body');
    expect(error.message).toContain('no element set could be read');
    const empty = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: '  \n' });
    expect(empty.json()).toMatchObject({ error: { code: 'EMPTY_BODY' } });
  });
});
