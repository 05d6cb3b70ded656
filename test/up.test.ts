// End to end: `zenith up` as a child process on a temporary data directory at high speed. Waits for
// the printed URL (the web UI served at /) and for a pass, then checks telemetry in the archive, alarms over the API, a command
// executed on board and verified in every stage, and an injected fault raising an alarm. The first
// start prints the admin's one-time password; the helper logs in with it, as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/complex/archive/index.ts';
import { verifyAuditChain } from '../src/complex/auth/index.ts';
import { ZenithUpProcess } from './upSupport/index.ts';

const SPEED = 60;
let up: ZenithUpProcess;
let url = '';
let dataDir = '';

const json = (path: string, init?: RequestInit): Promise<unknown> => up.json(path, init);
const poll = <T>(what: string, fn: () => Promise<T | undefined>): Promise<T> => up.poll(what, fn);

beforeAll(async () => {
  up = await ZenithUpProcess.start(SPEED);
  url = up.url;
  dataDir = up.dataDir;
}, 60_000);

afterAll(async () => {
  const code = await up.stop();
  // Ctrl-C stops cleanly.
  expect(code).toBe(0);
}, 30_000);

describe('zenith up', () => {
  it('prints a one-time admin password on the first start, and refuses the API without a login', async () => {
    const password = /shown only this once:\n {2}(\S+)\n/.exec(up.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(up.stdout).toContain(`POST ${url}api/auth/login`);
    const refused = await fetch(new URL('/api/passes', url));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const simulator = await fetch(new URL('/api/simulator/spacecraft/ZEN-GEO/faults', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"battery-ageing"}' });
    expect(simulator.status).toBe(401);
    expect((await fetch(new URL('/api/health', url))).status).toBe(200);
    const wrong = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'not it at all' }) });
    expect(wrong.status).toBe(401);
    // The helper logged in with the printed password.
    expect(await json('/api/auth/me')).toMatchObject({ user: { name: 'admin', roles: ['viewer', 'operator', 'flight-director', 'admin'] } });
    expect(up.session.cookie).toMatch(/^zenith_session=/);
  });

  it('serves the web UI at / and at its views\' paths without a login, and the OpenAPI document to a user', async () => {
    for (const path of ['/', '/alarms']) {
      const response = await fetch(new URL(path, url));
      expect(response.headers.get('content-type')).toContain('text/html');
      const html = await response.text();
      expect(html).toContain('<title>Zenith mission control</title>');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      const bundle = await fetch(new URL(script ?? '', url));
      expect(bundle.status).toBe(200);
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    }
    expect(up.stderr).toMatch(/web UI: (built|reusing)/);
    const openapi = (await json('/api/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/commands');
  });

  it('predicts passes and a station tracks a spacecraft whose frames reach the pipeline', async () => {
    const passes = await poll('passes', async () => {
      const list = (await json('/api/passes')) as unknown[];
      return Array.isArray(list) && list.length > 0 ? list : undefined;
    });
    expect(passes.length).toBeGreaterThan(0);
    const tracking = await poll('a station delivering frames', async () => {
      const { stations } = (await json('/api/simulator/stations')) as { stations: { tracking: string | null; counters: { framesDelivered: number } }[] };
      return stations.find((s) => s.tracking !== null && s.counters.framesDelivered > 0);
    });
    expect(tracking.tracking).not.toBeNull();
  }, 70_000);

  it('archives the telemetry of each spacecraft under its own name', async () => {
    const archive = await openArchive(dataDir);
    try {
      const values = await poll('battery voltage of ZEN-GEO in the archive', async () => {
        const found = await archive.parameterValues('/ZEN-GEO/DEMO/BAT_VOLTAGE', { fromMs: 0, toMs: Date.parse('2100-01-01T00:00:00Z'), limit: 10 });
        return found.length > 0 ? found : undefined;
      });
      // A lithium-ion pack of the demo design: between its cut-off and full charge.
      for (const v of values) {
        expect(typeof v.eng).toBe('number');
        expect(Number(v.eng)).toBeGreaterThan(15);
        expect(Number(v.eng)).toBeLessThan(40);
      }
    } finally {
      await archive.close();
    }
    // And over the API, under the same per-spacecraft name.
    const name = encodeURIComponent('/ZEN-GEO/DEMO/BAT_VOLTAGE');
    const latest = (await json(`/api/parameters/${name}/latest`)) as { name: string; eng: unknown };
    expect(latest.name).toBe('/ZEN-GEO/DEMO/BAT_VOLTAGE');
    expect(typeof latest.eng).toBe('number');
    const history = (await json(`/api/parameters/${name}/history?points=10`)) as { points: { count: number }[] };
    expect(history.points.length).toBeGreaterThan(0);
    const tree = (await json('/api/parameters')) as { spaceSystems: { qualifiedName: string }[] };
    expect(tree.spaceSystems.map((s) => s.qualifiedName)).toEqual(['/ZEN-EO', '/ZEN-CUBE', '/ZEN-GEO']);
  }, 70_000);

  it('offers the hazardous command of the demo database as critical', async () => {
    const catalog = (await json('/api/commands?spacecraft=ZEN-GEO')) as { name: string; critical: boolean }[];
    expect(catalog.find((c) => c.name.endsWith('/FIRE_THRUSTER'))?.critical).toBe(true);
    expect(catalog.find((c) => c.name.endsWith('/RESET_COUNTERS'))?.critical).toBe(false);
  });

  it('executes a command on board and verifies every stage', async () => {
    const queued = (await json('/api/commands', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '/DEMO/RESET_COUNTERS', spacecraft: 'ZEN-GEO', id: 'up-test-1' }),
    })) as { id: string };
    expect(queued.id).toBe('up-test-1');
    const done = await poll('the command to finish', async () => {
      const c = (await json('/api/commands/up-test-1')) as { state: string; stages: { stage: string; status: string }[] };
      return ['completed', 'failed', 'timeout', 'cancelled'].includes(c.state) ? c : undefined;
    });
    expect(done.state).toBe('completed');
    expect(done.stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['sent', 'ground-ack', 'acceptance', 'execution']));
    for (const s of done.stages) expect(s.status).toBe('ok');
  }, 70_000);

  it('raises an alarm when a fault is injected', async () => {
    const before = (await json('/api/alarms?state=all')) as { parameter: string; spacecraft: string }[];
    expect(before.filter((a) => a.spacecraft === 'ZEN-GEO' && a.parameter.includes('BAT_VOLTAGE'))).toEqual([]);
    const response = await up.fetch('/api/simulator/spacecraft/ZEN-GEO/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'battery-ageing', rampMinutes: 1 }),
    });
    expect(response.status).toBe(201);
    const alarm = await poll('a battery alarm on ZEN-GEO', async () => {
      const alarms = (await json('/api/alarms')) as { parameter: string; spacecraft: string; severity: string }[];
      return alarms.find((a) => a.spacecraft === 'ZEN-GEO' && a.parameter.includes('BAT_VOLTAGE'));
    });
    expect(alarm.severity).not.toBe('normal');
  }, 70_000);

  it('kept an audit record of each of those state changes and refusals, in an unbroken chain', async () => {
    const archive = await openArchive(dataDir);
    try {
      const records = await poll('the audit records', async () => {
        const r = await archive.auditRecords();
        return r.some((a) => a.action === 'POST /api/simulator/spacecraft/:name/faults' && a.outcome === 'ok') ? r : undefined;
      });
      expect(records[0]).toMatchObject({ actor: 'zenith up', action: 'users.add', target: 'admin' });
      expect(records.filter((a) => a.outcome === 'denied').map((a) => a.action)).toEqual(
        expect.arrayContaining(['GET /api/passes', 'POST /api/simulator/spacecraft/:name/faults', 'POST /api/auth/login']),
      );
      expect(records.find((a) => a.action === 'POST /api/commands')).toMatchObject({ actor: 'admin', outcome: 'ok', status: 201 });
      expect((await verifyAuditChain(archive)).ok).toBe(true);
    } finally {
      await archive.close();
    }
  }, 30_000);
});
