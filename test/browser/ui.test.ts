// The web UI in a real browser (Debian's chromium through playwright-core) against a real
// `zenith up` on a temporary data directory at high speed: the fleet on the map, a contact's sky
// plot, a parameter plotted with its history, an alarm acknowledged, commands sent and verified
// (a critical one confirmed and approved), the events filter and the keyboard. Any console error
// fails the test; screenshots go to artifacts/ (not committed). Without chromium the tests fail.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const SPEED = 60;
const ARTIFACTS = join(process.cwd(), 'artifacts');
/**
 * The browser itself logs every 4xx answer. Two are the authentication contract's normal answers:
 * the session probe (401: log in; 404 before authentication exists) and a refused login (401).
 */
const EXPECTED_CONSOLE = /\/api\/auth\/(me|login)$/;

let child: ChildProcess;
let browser: Browser | undefined;
let page: Page;
let url = '';
let dataDir = '';
let stderr = '';
let firstRenderMs = 0;
const consoleErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `ui-${name}.png`) });
}

/** A view shortcut, pressed with the focus on the view (shortcuts are off while typing in a field). */
async function key(k: string): Promise<void> {
  await page.locator('#view').focus();
  await page.keyboard.press(k);
}

async function apiJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(new URL(path, url), init);
  return (await response.json()) as T;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`expected Debian's chromium at ${CHROMIUM}, found nothing: apt-get install -y --no-install-recommends chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'zenith-ui-'));
  child = spawn(process.execPath, ['bin/zenith.js', 'up', '--data', dataDir, '--port', '0', '--speed', String(SPEED)], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Zenith is up at (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on('exit', (code) => {
      reject(new Error(`zenith up exited with ${String(code)}:\n${stderr}`));
    });
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED_CONSOLE.test(m.location().url)) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  const t0 = performance.now();
  try {
    await page.goto(url);
    await page.waitForSelector('[data-ready="true"]');
    await page.waitForSelector('canvas[data-testid="fleet-map"][data-frames]');
  } catch (error) {
    await shot('0-start-failed');
    const text = await page.locator('body').innerText();
    throw new Error(`the UI did not come up: ${String(error)}\npage: ${text.slice(0, 2000)}\nconsole: ${consoleErrors.join('\n')}\nzenith up: ${stderr.slice(-3000)}`);
  }
  firstRenderMs = performance.now() - t0;
}, 120_000);

afterEach(() => {
  const errors = consoleErrors.splice(0);
  expect(errors.join('\n'), 'console errors in the page').toBe('');
});

afterAll(async () => {
  await browser?.close();
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('the web UI against zenith up', () => {
  it('shows the fleet on the map, and a spacecraft selected there is selected everywhere', async () => {
    console.log(`time to first render (map drawn): ${firstRenderMs.toFixed(0)} ms`);
    const map = page.getByTestId('fleet-map');
    await expect.poll(async () => map.getAttribute('data-spacecraft'), { timeout: 10_000 }).toBe('ZEN-EO,ZEN-CUBE,ZEN-GEO');
    await expect.poll(async () => Number(await map.getAttribute('data-frames'))).toBeGreaterThan(2);
    expect(await page.locator('.fleet-item').count()).toBe(3);
    await page.getByTestId('fleet-ZEN-GEO').click();
    expect(await page.getByTestId('spacecraft-select').inputValue()).toBe('ZEN-GEO');
    expect(await page.getByTestId('fleet-ZEN-GEO').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => page.getByTestId('countdown').textContent()).toContain('ZEN-GEO');
    await shot('1-map');
  });

  it('opens a contact from the pass timeline and shows its sky plot, pointing track and Doppler', async () => {
    await key('2');
    const timeline = page.getByTestId('timeline');
    await expect.poll(async () => Number(await timeline.getAttribute('data-contacts')), { timeout: 10_000 }).toBeGreaterThan(0);
    const row = page.getByTestId('contact-table').locator('tbody tr').first();
    const spacecraft = await row.locator('td').first().textContent();
    await row.getByTestId('open-contact').click();
    const sky = page.getByTestId('sky-plot');
    await expect.poll(async () => Number(await sky.getAttribute('data-samples'))).toBeGreaterThan(10);
    expect(await page.getByTestId('pointing-table').locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('spacecraft-select').inputValue()).toBe(spacecraft);
    await shot('2-contact');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('contact-detail').count()).toBe(0);
  });

  it('plots a parameter with its history joined to live values and exports the plot as CSV', async () => {
    await page.getByTestId('spacecraft-select').selectOption('ZEN-GEO');
    await key('3');
    const name = '/ZEN-GEO/DEMO/BAT_VOLTAGE';
    const row = page.locator(`tr[data-param="${name}"]`);
    await expect.poll(async () => row.locator('td.value').textContent(), { timeout: 60_000 }).toMatch(/^\d+\.\d+$/);
    expect(await row.getAttribute('data-state')).toMatch(/^(normal|watch|warning|distress|critical|severe)$/);
    const history = page.waitForResponse((r) => r.url().includes(encodeURIComponent(name)) && r.url().includes('/history'));
    await row.getByTestId('plot-toggle').check();
    const body = (await (await history).json()) as { points: unknown[] };
    expect(body.points.length).toBeGreaterThan(0);
    const plot = page.getByTestId('telemetry-plot');
    await expect.poll(async () => Number(await plot.getAttribute('data-points'))).toBeGreaterThan(body.points.length - 1);
    await page.locator('button', { hasText: '15 min' }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe(`time,${name}`);
    expect(csv.length).toBeGreaterThan(3);
    await shot('3-telemetry');
  }, 90_000);

  it('shows an alarm raised by an injected fault until it is acknowledged', async () => {
    const injected = await fetch(new URL('/api/simulator/spacecraft/ZEN-GEO/faults', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'battery-ageing', rampMinutes: 1 }),
    });
    expect(injected.status).toBe(201);
    await key('4');
    const row = page.locator('[data-testid="alarm-table"] tbody tr', { hasText: '/ZEN-GEO/DEMO/BAT_VOLTAGE' }).first();
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(async () => row.getAttribute('data-state')).toMatch(/^(raised|cleared)$/);
    await expect.poll(async () => page.getByTestId('unacked-count').count()).toBe(1);
    await shot('4-alarm-raised');
    const id = Number(await row.getAttribute('data-alarm'));
    await row.getByRole('textbox').fill('seen in the UI test');
    await row.getByTestId('ack-button').click();
    await expect.poll(async () => page.locator(`tr[data-alarm="${id}"]`).getAttribute('data-state')).toMatch(/^(acknowledged|closed)$/);
    const alarms = await apiJson<{ id: number; state: string; acknowledgeComment: string | null }[]>('/api/alarms?state=all');
    const stored = alarms.find((a) => a.id === id);
    expect(stored?.state).toMatch(/^(acknowledged|closed)$/);
    expect(stored?.acknowledgeComment).toBe('seen in the UI test');
    await shot('4-alarm-acknowledged');
  }, 90_000);

  it('sends a command and sees every verification stage tick', async () => {
    await key('5');
    await page.getByTestId('command-select').selectOption('/DEMO/RESET_COUNTERS');
    await page.getByTestId('send-command').click();
    await expect.poll(async () => page.getByTestId('command-result').textContent()).toMatch(/queued as (ui-\S+)/);
    const id = /queued as (\S+)/.exec((await page.getByTestId('command-result').textContent()) ?? '')?.[1] ?? '';
    const row = page.locator(`tr[data-command="${id}"]`);
    await expect.poll(async () => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('completed');
    for (const stage of ['queued', 'released', 'sent', 'ground-ack', 'acceptance', 'execution']) {
      expect(await row.locator(`[data-stage="${stage}"]`).getAttribute('data-status'), stage).toBe('ok');
    }
    await shot('5-command-verified');
  }, 90_000);

  it('asks to confirm a critical command, shows it waiting for approval, and approves it', async () => {
    await page.getByTestId('command-select').selectOption('/DEMO/FIRE_THRUSTER');
    await page.locator('#arg-duration').fill('99999');
    await page.getByTestId('send-command').click();
    await expect.poll(async () => page.locator('#arg-duration-error').textContent()).toContain('10 to 5000');
    await page.locator('#arg-duration').fill('100');
    await page.getByTestId('send-command').click();
    expect(await page.getByTestId('confirm-send').isDisabled()).toBe(true);
    await shot('5-critical-confirm');
    await page.getByTestId('confirm-check').check();
    await page.getByTestId('confirm-send').click();
    await expect.poll(async () => page.getByTestId('command-result').textContent()).toContain('waits for approval');
    const id = /queued as (\S+):/.exec((await page.getByTestId('command-result').textContent()) ?? '')?.[1] ?? '';
    const row = page.locator(`tr[data-command="${id}"]`);
    await expect.poll(async () => row.getAttribute('data-state')).toBe('awaiting-approval');
    await row.getByTestId('approve').click();
    await expect.poll(async () => row.getAttribute('data-state'), { timeout: 60_000 }).toMatch(/^(completed|failed)$/);
    expect(await row.locator('[data-stage="approval"]').getAttribute('data-status')).toBe('ok');
    await shot('5-critical-approved');
  }, 90_000);

  it('logs in through the authentication contract when /api/auth/me answers 401, sends the CSRF token, and logs out', async () => {
    // The auth routes are stubbed in the browser: /api/auth/me says 401 until logged in.
    const context = page.context();
    let loggedIn = false;
    const csrfSeen: (string | undefined)[] = [];
    await context.route('**/api/auth/me', (route) =>
      loggedIn
        ? route.fulfill({ json: { user: { name: 'alice', roles: ['operator'] }, csrfToken: 'tok-123' } })
        : route.fulfill({ status: 401, json: { error: { code: 'UNAUTHENTICATED', message: 'expected a session, found none' } } }),
    );
    await context.route('**/api/auth/login', async (route) => {
      const body = route.request().postDataJSON() as { username: string; password: string };
      if (body.username !== 'alice' || body.password !== 'secret') {
        await route.fulfill({ status: 401, json: { error: { code: 'BAD_CREDENTIALS', message: 'expected a known user and password' } } });
        return;
      }
      loggedIn = true;
      await route.fulfill({ json: { user: { name: 'alice', roles: ['operator'] }, csrfToken: 'tok-123' } });
    });
    await context.route('**/api/auth/logout', async (route) => {
      loggedIn = false;
      await route.fulfill({ json: {} });
    });
    const onRequest = (r: { method: () => string; url: () => string; headers: () => Record<string, string> }): void => {
      if (r.method() === 'POST' && r.url().endsWith('/api/commands')) csrfSeen.push(r.headers()['x-csrf-token']);
    };
    page.on('request', onRequest);
    try {
      await page.goto(new URL('/commands', url).toString());
      await page.getByLabel('User name').fill('alice');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(async () => page.getByRole('alert').first().textContent()).toContain('expected a known user and password');
      await page.getByLabel('Password').fill('secret');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(async () => page.getByTestId('user').textContent()).toBe('alice');
      await shot('7-logged-in');
      await page.getByTestId('command-select').selectOption('/DEMO/RESET_COUNTERS');
      await page.getByTestId('send-command').click();
      await expect.poll(async () => page.getByTestId('command-result').textContent()).toMatch(/queued as/);
      expect(csrfSeen).toEqual(['tok-123']);
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect.poll(async () => page.getByRole('button', { name: 'Log in' }).count()).toBe(1);
    } finally {
      page.off('request', onRequest);
      await context.unrouteAll();
      await page.goto(url);
      await page.waitForSelector('[data-ready="true"]');
    }
  }, 60_000);

  it('filters the events log and moves between views with the keyboard, at 1366x768 without horizontal scrolling', async () => {
    await key('6');
    const rows = page.getByTestId('event-table').locator('tbody tr');
    await expect.poll(async () => rows.count()).toBeGreaterThan(0);
    await page.getByTestId('event-severity').selectOption('watch');
    const badges = await page.getByTestId('event-table').locator('tbody tr [data-level]').all();
    const severities = await Promise.all(badges.map((b) => b.getAttribute('data-level')));
    for (const s of severities) expect(['watch', 'warning', 'distress', 'critical', 'severe']).toContain(s);
    await shot('6-events');
    for (const [k, view] of [['1', 'map'], ['2', 'passes'], ['3', 'telemetry'], ['4', 'alarms'], ['5', 'commands'], ['6', 'events']] as const) {
      await key(k);
      expect(new URL(page.url()).pathname).toBe(`/${view}`);
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(1366);
    }
    // Deep link: a view's path loads the UI on that view.
    await page.goto(new URL('/alarms', url).toString());
    await page.waitForSelector('[data-ready="true"]');
    expect(await page.locator('.tab.active').textContent()).toContain('Alarms');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('A');
  }, 60_000);
});
