// The web UI in a real browser (Debian's chromium through playwright-core) against a real
// `zenith up` on a temporary data directory at high speed: login with the first start's admin
// password, the fleet on the map, a contact's sky plot, a parameter plotted with its history, an
// alarm acknowledged, commands sent and verified (a critical one confirmed, then approved by a
// second flight director), the events filter and the keyboard. Any console error fails the test;
// screenshots go to artifacts/ (not committed). Without chromium the tests fail.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { itrfToGeodetic, temeToItrf } from '../../src/core/frames/index.ts';
import { Propagator } from '../../src/core/orbit/index.ts';
import type { ElementSet } from '../../src/core/orbit/index.ts';
import { ZenithUpProcess } from '../upSupport/index.ts';

/** Debian's chromium; no browser is ever downloaded. (The variable exists to check the failure without it.) */
const CHROMIUM = process.env['ZENITH_TEST_CHROMIUM'] ?? '/usr/bin/chromium';
const SPEED = 60;
const ARTIFACTS = join(process.cwd(), 'artifacts');
/**
 * The browser itself logs every 4xx answer. Two are the authentication contract's normal answers:
 * the session probe (401: log in; 404 before authentication exists) and a refused login (401).
 */
const EXPECTED_CONSOLE = /\/api\/auth\/(me|login)$/;

const SECOND = { name: 'fd2', role: 'flight-director', password: 'second-director-pass' };
let up: ZenithUpProcess;
/** Set once zenith up runs, for the clean-up. */
let running: ZenithUpProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let url = '';
let firstRenderMs = 0;
/** Why the set-up failed: every test then fails with it (none is skipped). */
let startupError: Error | undefined;
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
  return (await up.json(path, init)) as T;
}

/** Logs in through the UI's form. */
async function logIn(username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

beforeAll(async () => {
  try {
    await startUp();
  } catch (error) {
    startupError = error instanceof Error ? error : new Error(String(error));
  }
}, 120_000);

beforeEach(() => {
  if (startupError !== undefined) throw startupError;
});

async function startUp(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`expected Debian's chromium at ${CHROMIUM}, found nothing: apt-get install -y --no-install-recommends chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // The first admin keeps the printed password: the UI asks for a new one at the first login.
  up = await ZenithUpProcess.start(SPEED, [], undefined, undefined, { keepFirstPassword: true });
  running = up;
  url = up.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED_CONSOLE.test(m.location().url)) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  let t0 = performance.now();
  try {
    await page.goto(url);
    // The session probe answers 401: the login form.
    await logIn(up.credentials.username, up.credentials.password);
    // The printed password must be replaced first: the form says so, and checks the two entries agree.
    await page.getByRole('heading', { name: 'Set your own password' }).waitFor();
    await shot('0-set-password');
    const own = `${up.credentials.password}-mine`;
    await page.getByLabel('Current password').fill(up.credentials.password);
    await page.getByLabel('New password', { exact: true }).fill(own);
    await page.getByLabel('New password again').fill(`${own}?`);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The two new passwords differ.' }).waitFor();
    await page.getByLabel('New password again').fill(own);
    t0 = performance.now();
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForSelector('[data-ready="true"]');
    await page.waitForSelector('canvas[data-testid="fleet-map"][data-frames]');
  } catch (error) {
    await shot('0-start-failed');
    const text = await page.locator('body').innerText();
    throw new Error(`the UI did not come up: ${String(error)}\npage: ${text.slice(0, 2000)}\nconsole: ${consoleErrors.join('\n')}\nzenith up: ${up.stderr.slice(-3000)}`);
  }
  firstRenderMs = performance.now() - t0;
  // The change ended every session of the admin, the harness's too: it logs in with the new password.
  up.credentials = { username: up.credentials.username, password: `${up.credentials.password}-mine` };
  if (await up.login()) throw new Error('the admin is still asked to change the password after changing it');
  const added = await up.fetch('/api/auth/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SECOND) });
  if (added.status !== 201) throw new Error(`adding the second flight director: ${added.status} ${await added.text()}`);
}

afterEach(() => {
  const errors = consoleErrors.splice(0);
  expect(errors.join('\n'), 'console errors in the page').toBe('');
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
}, 30_000);

describe('the web UI against zenith up', () => {
  it('shows the fleet on the map, and a spacecraft selected there is selected everywhere', async () => {
    console.log(`new password set to first render (map drawn): ${firstRenderMs.toFixed(0)} ms`);
    expect(await page.getByTestId('user').textContent()).toBe('admin');
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

  it('moves every view with the global clock: a fixed instant, fast-forward, then live again', async () => {
    await key('1');
    const shown = async (): Promise<number> => Date.parse((await page.getByTestId('clock-now').getAttribute('datetime')) ?? '');
    const fixedMs = Math.floor((await shown()) / 60_000) * 60_000 + 3 * 3_600_000;
    await page.locator('.clock-input input').fill(new Date(fixedMs).toISOString().slice(0, 19));
    await page.getByRole('button', { name: 'Fix', exact: true }).click();
    expect(await page.getByTestId('clock-mode').textContent()).toBe('FIXED');
    await expect.poll(shown).toBe(fixedMs);
    // The fleet list shows where src/core puts ZEN-EO at that instant, and it stays there.
    const [eo] = await apiJson<{ name: string; elements: ElementSet }[]>('/api/spacecraft');
    const state = Propagator.fromElements(eo!.elements).propagateAt(fixedMs);
    if (!state.ok) throw new Error('expected ZEN-EO to propagate');
    const g = itrfToGeodetic(temeToItrf(state.position, state.velocity, fixedMs).position);
    const expected = `${((g.latitudeRad * 180) / Math.PI).toFixed(2)}°, ${((g.longitudeRad * 180) / Math.PI).toFixed(2)}°`;
    const position = page.getByTestId('fleet-ZEN-EO').locator('.fleet-pos');
    await expect.poll(async () => position.textContent()).toContain(expected);
    await page.waitForTimeout(1200);
    expect(await position.textContent()).toContain(expected);
    await shot('1-map-fixed');
    // Fast-forward x600 from the fixed instant: a real second is ten simulated minutes.
    await page.locator('.clock-input select, .clockbar select').first().selectOption('600');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await page.getByTestId('clock-mode').textContent()).toBe('FAST-FORWARD x600');
    await page.waitForTimeout(1000);
    expect((await shown()) - fixedMs).toBeGreaterThan(300_000);
    expect(await position.textContent()).not.toContain(expected);
    await key('l');
    expect(await page.getByTestId('clock-mode').textContent()).toBe(`LIVE x${SPEED}`);
    // The shown instant follows on the next tick of the clock display.
    await expect.poll(async () => Math.abs((await shown()) - Date.parse((await apiJson<{ time: string }>('/api/clock')).time))).toBeLessThan(5 * SPEED * 1000);
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
    // Zoom in time: a drag across the plot asks the archive for that window alone.
    const over = plot.locator('.u-over');
    const box = await over.boundingBox();
    if (box === null) throw new Error('expected the plot area on screen');
    const zoomed = page.waitForResponse((r) => r.url().includes('/history') && r.url().includes('from='));
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const zoomUrl = new URL((await zoomed).url());
    const spanMs = Date.parse(zoomUrl.searchParams.get('to') ?? '') - Date.parse(zoomUrl.searchParams.get('from') ?? '');
    expect(spanMs).toBeGreaterThan(0.3 * 900_000);
    expect(spanMs).toBeLessThan(0.5 * 900_000);
    expect(await page.getByRole('button', { name: 'Reset zoom' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe(`time,${name}`);
    expect(csv.length).toBeGreaterThan(3);
    await shot('3-telemetry');
  }, 90_000);

  it('shows an alarm raised by an injected fault until it is acknowledged', async () => {
    const injected = await up.fetch('/api/simulator/spacecraft/ZEN-GEO/faults', {
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
    // Two-person rule: its author is offered no Approve button; a second flight director approves.
    expect(await row.getByTestId('approve').count()).toBe(0);
    expect(await row.getByTestId('approval-note').textContent()).toContain('another flight director');
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(SECOND.name, SECOND.password);
    await expect.poll(async () => page.getByTestId('user').textContent()).toBe(SECOND.name);
    await key('5');
    await page.locator(`tr[data-command="${id}"]`).getByTestId('approve').click();
    await expect.poll(async () => row.getAttribute('data-state'), { timeout: 60_000 }).toMatch(/^(completed|failed)$/);
    expect(await row.locator('[data-stage="approval"]').getAttribute('data-status')).toBe('ok');
    const stored = await apiJson<{ stages: { stage: string; message?: string }[] }>(`/api/commands/${id}`);
    expect(stored.stages.find((st) => st.stage === 'approval')?.message).toContain(SECOND.name);
    await shot('5-critical-approved');
  }, 90_000);

  it('logs out, refuses a wrong password, logs in again and sends the CSRF token with a command', async () => {
    const csrfSeen: (string | undefined)[] = [];
    const onRequest = (r: { method: () => string; url: () => string; headers: () => Record<string, string> }): void => {
      if (r.method() === 'POST' && r.url().endsWith('/api/commands')) csrfSeen.push(r.headers()['x-csrf-token']);
    };
    page.on('request', onRequest);
    try {
      await page.getByRole('button', { name: 'Log out' }).click();
      await logIn(SECOND.name, 'not the password');
      await expect.poll(async () => page.getByRole('alert').first().textContent()).toBeTruthy();
      expect(await page.getByTestId('user').count()).toBe(0);
      await logIn(up.credentials.username, up.credentials.password);
      await expect.poll(async () => page.getByTestId('user').textContent()).toBe('admin');
      await shot('7-logged-in');
      await key('5');
      await page.getByTestId('command-select').selectOption('/DEMO/RESET_COUNTERS');
      await page.getByTestId('send-command').click();
      await expect.poll(async () => page.getByTestId('command-result').textContent()).toMatch(/queued as/);
      expect(csrfSeen).toHaveLength(1);
      expect(csrfSeen[0]).toMatch(/^\S{16,}$/);
    } finally {
      page.off('request', onRequest);
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
    await page.getByTestId('event-severity').selectOption('info');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('time,severity,source,type,message');
    expect(csv.length - 2).toBeGreaterThan(0);
    expect(csv[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,(info|watch|warning|distress|critical|severe),/);
    await shot('6-events');
    for (const [k, view] of [['1', 'map'], ['2', 'passes'], ['3', 'telemetry'], ['4', 'alarms'], ['5', 'commands'], ['6', 'events']] as const) {
      await key(k);
      expect(new URL(page.url()).pathname).toBe(`/${view}`);
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(1366);
    }
    // Deep link: a view's path loads the UI on that view (the session cookie keeps the login).
    await page.goto(new URL('/alarms', url).toString());
    await page.waitForSelector('[data-ready="true"]');
    expect(await page.locator('.tab.active').textContent()).toContain('Alarms');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('A');
  }, 60_000);
});
