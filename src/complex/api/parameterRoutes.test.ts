import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParameterRecord } from '../archive/index.ts';
import { BACKENDS, T0, openTestApi } from './apiTestKit.ts';
import type { TestApi } from './apiTestKit.ts';

const BATT = '/ZEN-EO/EPS/BATT_V';
const BUS = '/ZEN-EO/EPS/BUS_V';
const UPTIME = '/ZEN-EO/OBC/UPTIME';
const MODE = '/ZEN-EO/OBC/MODE';
const START = T0 - 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const path = (name: string, rest: string): string => `/api/parameters/${encodeURIComponent(name)}/${rest}`;

/** One battery reading every 10 s for an hour before T0; a few values of other kinds. */
function records(): ParameterRecord[] {
  const out: ParameterRecord[] = [];
  for (let i = 0; i < 360; i++) {
    const t = START + i * 10_000;
    out.push({ parameter: BATT, generationTimeMs: t, receptionTimeMs: t + 700, raw: 26_000 + i, eng: 26 + Math.sin(i / 17), monitoring: i === 359 ? 'warning' : 'normal' });
  }
  out.push({ parameter: BUS, generationTimeMs: START, receptionTimeMs: START + 1, raw: null, eng: Number.NaN, monitoring: null });
  out.push({ parameter: UPTIME, generationTimeMs: START + 5000, receptionTimeMs: START + 5001, raw: 2n ** 60n + 1n, eng: 2n ** 60n + 1n, monitoring: null });
  out.push({ parameter: MODE, generationTimeMs: START + 5000, receptionTimeMs: START + 5001, raw: 1, eng: 'NOMINAL', monitoring: null });
  return out;
}

describe('GET /api/parameters (the mission database tree)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi('sqlite');
  });
  afterAll(async () => {
    await api.close();
  });
  it('gives the space systems of the loaded files and the parameters with type, units and description', async () => {
    const r = await api.app.inject('/api/parameters');
    expect(r.statusCode).toBe(200);
    const tree = r.json<{ spaceSystems: { name: string; qualifiedName: string; parameters: unknown[]; spaceSystems: { name: string; parameters: unknown[] }[] }[] }>();
    expect(tree.spaceSystems.map((s) => s.qualifiedName)).toEqual(['/dt', '/PUS', '/PUS17', '/ZEN-EO']);
    const zen = tree.spaceSystems[3]!;
    expect(zen.parameters).toEqual([]);
    expect(zen.spaceSystems).toEqual([
      {
        name: 'EPS',
        qualifiedName: '/ZEN-EO/EPS',
        parameters: [
          { name: 'BATT_V', qualifiedName: BATT, type: 'float', units: 'V', description: 'Battery voltage' },
          { name: 'BUS_V', qualifiedName: BUS, type: 'float', units: 'V', description: 'Main bus voltage' },
        ],
        spaceSystems: [],
      },
      {
        name: 'OBC',
        qualifiedName: '/ZEN-EO/OBC',
        parameters: [
          { name: 'UPTIME', qualifiedName: UPTIME, type: 'integer', units: 's', description: 'Time since boot' },
          { name: 'MODE', qualifiedName: MODE, type: 'enumerated', units: '', description: 'Spacecraft mode' },
        ],
        spaceSystems: [],
      },
    ]);
  });
});

describe.each(BACKENDS)('parameter values on %s', (backend) => {
  let api: TestApi;
  const stored = records();
  beforeAll(async () => {
    api = await openTestApi(backend);
    await api.deps.archive.storeParameters(stored);
  });
  afterAll(async () => {
    await api.close();
  });

  it('gives the latest value of a parameter by its URL-encoded qualified name (or a unique short name)', async () => {
    const r = await api.app.inject(path(BATT, 'latest'));
    expect(r.statusCode).toBe(200);
    const last = START + 359 * 10_000;
    expect(r.json()).toEqual({ name: BATT, generationTime: iso(last), receptionTime: iso(last + 700), raw: 26_359, eng: 26 + Math.sin(359 / 17), state: 'warning' });
    const short = await api.app.inject(path('BATT_V', 'latest'));
    expect(short.json<{ name: string }>().name).toBe(BATT);
  });
  it('writes 64-bit integers as decimal text, NaN as null, enumerations as their label', async () => {
    expect((await api.app.inject(path(UPTIME, 'latest'))).json()).toMatchObject({ raw: '1152921504606846977', eng: '1152921504606846977', state: null });
    expect((await api.app.inject(path(BUS, 'latest'))).json()).toMatchObject({ raw: null, eng: null });
    expect((await api.app.inject(path(MODE, 'latest'))).json()).toMatchObject({ raw: 1, eng: 'NOMINAL' });
  });
  it('answers 404 NO_VALUE for a known parameter without values', async () => {
    const r = await api.app.inject(path('/PUS/apid', 'latest'));
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: { code: 'NO_VALUE', field: 'name' } });
  });
  it('downsamples the history to min/max/mean per bucket (worked out here from the values)', async () => {
    const from = START;
    const to = START + 3_600_000;
    const points = 7;
    const r = await api.app.inject(`${path(BATT, 'history')}?from=${iso(from)}&to=${iso(to)}&points=${points}`);
    expect(r.statusCode).toBe(200);
    const body = r.json<{ name: string; points: { time: string; endTime: string; min: number; max: number; mean: number; count: number }[] }>();
    expect(body.name).toBe(BATT);
    const width = (to - from) / points;
    const expected = Array.from({ length: points }, (_, b) => {
      const values = stored.filter((s) => s.parameter === BATT && Math.floor((s.generationTimeMs - from) / width) === b).map((s) => s.eng as number);
      return { time: iso(Math.round(from + b * width)), endTime: iso(Math.round(from + (b + 1) * width)), min: Math.min(...values), max: Math.max(...values), count: values.length, mean: values.reduce((a, v) => a + v, 0) / values.length };
    });
    expect(body.points.map(({ mean: _m, ...p }) => p)).toEqual(expected.map(({ mean: _m, ...p }) => p));
    body.points.forEach((p, i) => {
      expect(p.mean).toBeCloseTo(expected[i]!.mean, 12);
    });
    expect(body.points.reduce((n, p) => n + p.count, 0)).toBe(360);
  });
  it('defaults the history to the last 24 h and 500 points, leaving out empty buckets', async () => {
    const r = await api.app.inject(path(BATT, 'history'));
    const body = r.json<{ points: { count: number }[] }>();
    // 360 values an hour before T0 in 500 buckets of 172.8 s: 10 s apart, so 17 or 18 per bucket.
    expect(body.points.reduce((n, p) => n + p.count, 0)).toBe(360);
    expect(body.points.length).toBe(Math.ceil(3_600_000 / 172_800));
  });
  it('exports CSV of several parameters (comma-separated and repeated names) in time order', async () => {
    const from = START;
    const to = START + 60_000;
    const r = await api.app.inject(`/api/export/parameters.csv?names=${encodeURIComponent(`${MODE},${BATT}`)}&names=${encodeURIComponent(UPTIME)}&names=BATT_V&from=${iso(from)}&to=${iso(to)}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="parameters.csv"');
    const wanted = stored
      .filter((s) => [MODE, BATT, UPTIME].includes(s.parameter) && s.generationTimeMs >= from && s.generationTimeMs < to)
      .sort((a, b) => a.generationTimeMs - b.generationTimeMs || (a.parameter < b.parameter ? -1 : 1));
    const lines = wanted.map((s) => [iso(s.generationTimeMs), s.parameter, String(s.raw), String(s.eng), s.monitoring ?? ''].join(','));
    expect(r.body).toBe(['time,parameter,raw,engineering,monitoring', ...lines].map((l) => `${l}\r\n`).join(''));
    expect(lines.length).toBe(8);
  });
  it('refuses an export without names, or with too many', async () => {
    const none = await api.app.inject('/api/export/parameters.csv?names=,,');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'names' } });
    const missing = await api.app.inject('/api/export/parameters.csv');
    expect(missing.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'names' } });
    const many = await api.app.inject(`/api/export/parameters.csv?names=${Array.from({ length: 1001 }, () => 'BATT_V').join(',')}`);
    expect(many.statusCode).toBe(400);
  });
});
