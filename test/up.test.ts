// End to end: `zenith up` as a child process on a temporary data directory at high speed. Waits for
// the printed URL and for a pass, then checks telemetry in the archive, alarms over the API, a command
// executed on board and verified in every stage, and an injected fault raising an alarm. The first
// start prints the admin's one-time password: the test logs in with it, as a user would.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/complex/archive/index.ts';
import { verifyAuditChain } from '../src/complex/auth/index.ts';

const SPEED = 60;
let child: ChildProcess;
let url = '';
let dataDir = '';
let stderr = '';
let stdout = '';
let session = { cookie: '', csrfToken: '' };

async function poll<T>(what: string, fn: () => Promise<T | undefined>, tries = 240): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}; stderr:\n${stderr}`);
}

/** A request in the logged-in session: its cookie, and the CSRF token on state changes. */
function authed(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  if (init.method !== undefined && init.method !== 'GET') headers.set('x-csrf-token', session.csrfToken);
  return { ...init, headers };
}

async function json(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(new URL(path, url), authed(init));
  return response.json();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'zenith-up-'));
  child = spawn(process.execPath, ['bin/zenith.js', 'up', '--data', dataDir, '--port', '0', '--speed', String(SPEED)], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /Zenith is up at (http:\/\/\S+)/.exec(stdout);
      if (m?.[1] !== undefined && stdout.includes('zenith users add')) resolve(m[1]);
    });
    child.on('exit', (code) => {
      reject(new Error(`zenith up exited with ${String(code)}:\n${stderr}`));
    });
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('zenith up', () => {
  it('prints a one-time admin password on the first start, and refuses the API without a login', async () => {
    const password = /shown only this once:\n {2}(\S+)\n/.exec(stdout)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(stdout).toContain('POST ');
    const refused = await fetch(new URL('/api/passes', url));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const simulator = await fetch(new URL('/api/simulator/spacecraft/ZEN-GEO/faults', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"battery-ageing"}' });
    expect(simulator.status).toBe(401);
    expect((await fetch(new URL('/api/health', url))).status).toBe(200);
    const wrong = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'not it at all' }) });
    expect(wrong.status).toBe(401);
    const login = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    const body = (await login.json()) as { user: { name: string; roles: string[] }; csrfToken: string };
    expect(body.user).toEqual({ name: 'admin', roles: ['viewer', 'operator', 'flight-director', 'admin'] });
    session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken: body.csrfToken };
    expect(session.cookie).toMatch(/^zenith_session=/);
  });

  it('serves a status page that says there is no web UI yet and links the OpenAPI document', async () => {
    const html = await (await fetch(url)).text();
    expect(html).toContain('does not exist yet');
    expect(html).toContain('/api/openapi.json');
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
  }, 70_000);

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
    const response = await fetch(new URL('/api/simulator/spacecraft/ZEN-GEO/faults', url), authed({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'battery-ageing', rampMinutes: 1 }),
    }));
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
