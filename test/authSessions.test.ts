// Sessions, CSRF, the two-person rule, login lockout and hostile input against the API behind
// real authentication: what an attacker would try first must fail, and leave an audit record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { CLOSE_CREDENTIALS_ENDED } from '../src/complex/api/index.ts';
import { PASSWORD, openAuthApi } from './authSupport/authApi.ts';
import type { AuthApi, Session } from './authSupport/authApi.ts';

let t: AuthApi;
beforeEach(async () => {
  t = await openAuthApi({ loginLimits: { maxUserFailures: 3, maxAddressFailures: 6, windowMs: 60_000, lockMs: 120_000 } });
});
afterEach(async () => {
  await t.close();
});

const me = (headers: Record<string, string>) => t.api.app.inject({ url: '/api/auth/me', headers });
const post = (url: string, s: Session | undefined, payload?: unknown, extra: Record<string, string> = {}) =>
  t.api.app.inject({
    method: 'POST',
    url,
    headers: { ...(s === undefined ? {} : { cookie: s.cookie, 'x-csrf-token': s.csrfToken }), ...extra },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string; message: string } }).error;

describe('login and sessions', () => {
  it('logs in with the contract of the web UI: cookie HttpOnly SameSite=Strict, CSRF token, /me and logout', async () => {
    const r = await t.api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'otto', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ user: { name: string; roles: string[] }; csrfToken: string }>();
    expect(body.user).toEqual({ name: 'otto', roles: ['viewer', 'operator'], mustChangePassword: false });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^zenith_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const id = /zenith_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    // Only the hash of the id is stored.
    const stored = await t.archive.sessionByHash(id);
    expect(stored).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
    const who = await me({ cookie: `zenith_session=${id}` });
    expect(who.headers['cache-control']).toBe('no-store');
    expect(who.json()).toEqual({ user: { name: 'otto', roles: ['viewer', 'operator'], mustChangePassword: false }, csrfToken: body.csrfToken });
    // Without the CSRF header, logout is refused; with it, the session ends and cannot be replayed.
    expect((await t.api.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `zenith_session=${id}` } })).statusCode).toBe(403);
    const out = await t.api.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `zenith_session=${id}`, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const replay = await me({ cookie: `zenith_session=${id}` });
    expect(replay.statusCode).toBe(401);
    expect(code(replay).code).toBe('UNAUTHENTICATED');
    const records = await t.audit();
    expect(records.filter((a) => a.action === 'POST /api/auth/login' && a.outcome === 'ok')).toMatchObject([{ actor: 'otto', target: 'otto', status: 200 }]);
    expect(records.filter((a) => a.action === 'POST /api/auth/logout').map((a) => a.outcome)).toEqual(['denied', 'ok']);
    expect(records.at(-1)).toMatchObject({ action: 'GET /api/auth/me', outcome: 'denied', status: 401 });
  });

  it('closes an open WebSocket once its session is logged out, or its token revoked', async () => {
    const address = await t.api.app.listen({ port: 0, host: '127.0.0.1' });
    const s = await t.login('vic');
    const token = await t.token('vic', ['read']);
    const closed = (headers: Record<string, string>) =>
      new Promise<{ socket: WebSocket; code: Promise<number> }>((resolve, reject) => {
        const socket = new WebSocket(`${address.replace('http', 'ws')}/api/ws`, { headers });
        const code = new Promise<number>((r) => socket.once('close', (c: number) => { r(c); }));
        socket.once('open', () => { resolve({ socket, code }); });
        socket.once('error', reject);
      });
    const bySession = await closed({ cookie: s.cookie, origin: address });
    const byToken = await closed({ authorization: `Bearer ${token}` });
    await new Promise((r) => setTimeout(r, 250));
    expect(bySession.socket.readyState).toBe(WebSocket.OPEN);
    expect((await post('/api/auth/logout', s)).statusCode).toBe(204);
    expect(await bySession.code).toBe(CLOSE_CREDENTIALS_ENDED);
    expect(byToken.socket.readyState).toBe(WebSocket.OPEN);
    await t.service.revokeToken(/^zt_([0-9a-f]{12})_/.exec(token)?.[1] ?? '', { actor: 'test', address: 'test' });
    expect(await byToken.code).toBe(CLOSE_CREDENTIALS_ENDED);
  });

  it('ends a session unused for 12 hours, and any session after 7 days', async () => {
    const s = await t.login('vic');
    t.advance(11 * 3600_000);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    t.advance(11 * 3600_000);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    t.advance(12 * 3600_000 + 1);
    const idle = await me({ cookie: s.cookie });
    expect(idle.statusCode).toBe(401);
    expect(code(idle).message).toContain('session expired');
    const busy = await t.login('vic');
    for (let h = 0; h < 7 * 24; h += 6) {
      t.advance(6 * 3600_000);
      if (h + 6 < 7 * 24) expect((await me({ cookie: busy.cookie })).statusCode).toBe(200);
    }
    expect((await me({ cookie: busy.cookie })).statusCode).toBe(401);
  });

  it('refuses forged, altered and malformed cookies and tokens', async () => {
    const s = await t.login('ada');
    const altered = s.id.slice(0, -1) + (s.id.endsWith('A') ? 'B' : 'A');
    for (const cookie of [`zenith_session=${randomBytes(32).toString('base64url')}`, `zenith_session=${altered}`, 'zenith_session=../../etc/passwd', "zenith_session=' OR 1=1 --", 'zenith_session=']) {
      const r = await me({ cookie });
      expect(r.statusCode, cookie).toBe(401);
      expect(code(r).code).toBe('UNAUTHENTICATED');
    }
    const token = await t.token('ada', ['read']);
    for (const authorization of [`Bearer ${token.slice(0, -1)}x`, `Bearer zt_000000000000_${randomBytes(32).toString('base64url')}`, `Basic ${Buffer.from('ada:x').toString('base64')}`, 'Bearer']) {
      expect((await me({ authorization })).statusCode, authorization).toBe(401);
    }
    expect((await me({ authorization: `Bearer ${token}` })).json()).toEqual({ user: { name: 'ada', roles: ['viewer', 'operator', 'flight-director', 'admin'], mustChangePassword: false }, csrfToken: null });
    // A revoked or expired token stops working.
    const id = /^zt_([0-9a-f]{12})_/.exec(token)?.[1] ?? '';
    await t.service.revokeToken(id, { actor: 'test', address: 'test' });
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
    const short = await t.service.createToken('ada', ['read'], { actor: 'test', address: 'test' }, { expiresMs: Date.now() + 1000 });
    t.advance(2000);
    expect((await me({ authorization: `Bearer ${short.token}` })).statusCode).toBe(401);
  });

  it('asks for the CSRF token on every state change made with a cookie, not with a bearer token', async () => {
    const otto = await t.login('otto');
    const vic = await t.login('vic');
    const body = { name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', setpoint: 20 } };
    const before = (await t.audit()).length;
    for (const csrf of [undefined, '', 'x'.repeat(43), vic.csrfToken]) {
      const r = await t.api.app.inject({ method: 'POST', url: '/api/commands', headers: { cookie: otto.cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) }, payload: body });
      expect(r.statusCode).toBe(403);
      expect(code(r).code).toBe('CSRF');
    }
    const denied = (await t.audit()).slice(before);
    expect(denied).toHaveLength(4);
    expect(denied.every((a) => a.outcome === 'denied' && a.actor === 'otto' && a.detail?.includes('CSRF'))).toBe(true);
    expect((await post('/api/commands', otto, body)).statusCode).toBe(201);
    const token = await t.token('otto', ['command']);
    expect((await t.api.app.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${token}` }, payload: body })).statusCode).toBe(201);
    // A form post from another site cannot even log in: only JSON is read.
    const form = await t.api.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=otto&password=${PASSWORD}` });
    expect(form.statusCode).toBe(415);
  });
});

describe('the two-person rule', () => {
  it('holds a critical command until a different flight director approves it, timed ones too', async () => {
    const [otto, fd1, fd2] = [await t.login('otto'), await t.login('fd1'), await t.login('fd2')];
    const queued = await post('/api/commands', fd1, { name: 'REBOOT', spacecraft: 'ZEN-EO', id: 'reboot-1' });
    expect(queued.json()).toMatchObject({ id: 'reboot-1', critical: true, state: 'awaiting-approval', queuedBy: 'fd1' });
    const own = await post('/api/commands/reboot-1/approve', fd1);
    expect(own.statusCode).toBe(403);
    expect(code(own)).toMatchObject({ code: 'FORBIDDEN' });
    expect(code(own).message).toContain('nobody approves their own critical command');
    const operator = await post('/api/commands/reboot-1/approve', otto);
    expect(operator.statusCode).toBe(403);
    expect(code(operator).message).toContain('flight-director');
    expect((await t.api.app.inject({ url: '/api/commands/reboot-1', headers: { cookie: otto.cookie } })).json()).toMatchObject({ state: 'awaiting-approval' });
    const approved = await post('/api/commands/reboot-1/approve', fd2);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ stages: { stage: string; status: string; message?: string }[] }>().stages.find((s) => s.stage === 'approval')).toMatchObject({ status: 'ok', message: 'approved by fd2' });

    // An operator may queue a critical command, timed for later: it waits for approval all the same.
    const later = new Date(t.api.clock.nowMs() + 3600_000).toISOString();
    const timed = await post('/api/commands', otto, { name: 'REBOOT', spacecraft: 'ZEN-EO', id: 'reboot-2', release: { mode: 'at', time: later } });
    expect(timed.json()).toMatchObject({ state: 'awaiting-approval', queuedBy: 'otto' });
    expect((await post('/api/commands/reboot-2/approve', fd1)).statusCode).toBe(200);
    const records = (await t.audit()).filter((a) => a.action === 'POST /api/commands/:id/approve');
    expect(records.map((a) => [a.actor, a.target, a.outcome])).toEqual([
      ['fd1', 'reboot-1', 'denied'],
      ['otto', 'reboot-1', 'denied'],
      ['fd2', 'reboot-1', 'ok'],
      ['fd1', 'reboot-2', 'ok'],
    ]);
  });
});

describe('login rate limit and lockout', () => {
  it('locks a user name after repeated failures, even for the right password, and then an address', async () => {
    const attempt = (username: string, password: string) => t.api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    for (let i = 0; i < 3; i++) expect((await attempt('vic', 'wrong password!')).statusCode).toBe(401);
    const locked = await attempt('vic', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(code(locked).code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // Unknown users answer as wrong passwords do (no user enumeration).
    const unknown = await attempt('nobody-here', 'whatever it is');
    expect(code(unknown)).toEqual(code(await attempt('otto', 'wrong password!')));
    // 6 failures from this address in all (vic 3, nobody 1, otto 1, ...): the address is locked for everyone.
    expect((await attempt('fd2', 'wrong password!')).statusCode).toBe(401);
    const everyone = await attempt('ada', PASSWORD);
    expect(everyone.statusCode).toBe(429);
    expect(code(everyone).message).toContain('address');
    t.advance(120_001);
    expect((await attempt('vic', PASSWORD)).statusCode).toBe(200);
    const logins = (await t.audit()).filter((a) => a.action === 'POST /api/auth/login');
    expect(logins.map((a) => [a.target, a.status])).toEqual([
      ['vic', 401],
      ['vic', 401],
      ['vic', 401],
      ['vic', 429],
      ['nobody-here', 401],
      ['otto', 401],
      ['fd2', 401],
      ['ada', 429],
      ['vic', 200],
    ]);
    expect(logins[2]?.detail).toContain('user now locked');
    expect(logins[6]?.detail).toContain('address now locked');
  });
});

describe('a password the complex made', () => {
  it('must be changed before anything else, with the current one, to a new one; the change opens a new session', async () => {
    await t.archive.updateUser('ada', { mustChangePassword: true });
    const ada = await t.login('ada');
    expect((await me({ cookie: ada.cookie })).json()).toMatchObject({ user: { name: 'ada', mustChangePassword: true } });
    // Everything but me, logout and the password change answers 403 with what to do.
    const refused = await t.api.app.inject({ url: '/api/auth/users', headers: { cookie: ada.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(code(refused).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(code(refused).message).toContain('POST /api/auth/password');
    expect((await t.api.app.inject({ url: '/api/spacecraft', headers: { cookie: ada.cookie } })).statusCode).toBe(403);
    // An API token of that user is held back too.
    const token = await t.token('ada', ['read']);
    expect(code(await t.api.app.inject({ url: '/api/spacecraft', headers: { authorization: `Bearer ${token}` } })).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = (currentPassword: string, newPassword: string, s: Session = ada) => post('/api/auth/password', s, { currentPassword, newPassword });
    const wrong = await change('not the password', 'a brand new password');
    expect(wrong.statusCode).toBe(403);
    expect(code(wrong)).toMatchObject({ code: 'FORBIDDEN' });
    const short = await change(PASSWORD, 'short');
    expect(short.statusCode).toBe(400);
    expect(code(short).code).toBe('AUTH_BAD_PASSWORD');
    expect(code(await change(PASSWORD, PASSWORD)).message).toContain('found the current one');
    // Without the CSRF token it is refused like any state change.
    expect((await t.api.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: ada.cookie }, payload: { currentPassword: PASSWORD, newPassword: 'a brand new password' } })).statusCode).toBe(403);
    const other = await t.login('ada');
    const done = await change(PASSWORD, 'a brand new password');
    expect(done.statusCode).toBe(200);
    const body = done.json<{ user: { mustChangePassword: boolean }; csrfToken: string }>();
    expect(body.user.mustChangePassword).toBe(false);
    const cookie = /zenith_session=[^;]+/.exec(String(done.headers['set-cookie']))?.[0] ?? '';
    // The new session works; the old ones (this one and the other browser's) have ended.
    expect((await t.api.app.inject({ url: '/api/auth/users', headers: { cookie } })).statusCode).toBe(200);
    expect((await me({ cookie: ada.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: other.cookie })).statusCode).toBe(401);
    expect((await t.api.app.inject({ url: '/api/spacecraft', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await t.api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: PASSWORD } })).statusCode).toBe(401);
    const changes = (await t.audit()).filter((a) => a.action === 'POST /api/auth/password');
    expect(changes.map((a) => [a.target, a.status])).toEqual([
      ['ada', 403],
      ['ada', 400],
      ['ada', 400],
      [null, 403],
      ['ada', 200],
    ]);
  });

  it('is refused to an API token, which has no password to change', async () => {
    const token = await t.token('otto', ['read']);
    const r = await t.api.app.inject({ method: 'POST', url: '/api/auth/password', headers: { authorization: `Bearer ${token}` }, payload: { currentPassword: PASSWORD, newPassword: 'a brand new password' } });
    expect(r.statusCode).toBe(403);
    expect(code(r).message).toContain('API token');
  });
});

describe('login limit behind a reverse proxy', () => {
  it('counts failures by the client the trusted proxy names, and logs that address', async () => {
    const behind = await openAuthApi({ trustedProxies: ['127.0.0.1'], loginLimits: { maxUserFailures: 10, maxAddressFailures: 3, windowMs: 60_000, lockMs: 120_000 } });
    try {
      const attempt = (username: string, password: string, client: string) =>
        behind.api.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': client }, payload: { username, password } });
      for (const name of ['vic', 'otto', 'fd1']) expect((await attempt(name, 'wrong password!', '203.0.113.7')).statusCode).toBe(401);
      // That client is locked out; another one behind the same proxy is not.
      expect((await attempt('ada', PASSWORD, '203.0.113.7')).statusCode).toBe(429);
      expect((await attempt('ada', PASSWORD, '198.51.100.20')).statusCode).toBe(200);
      // The proxy speaks TLS to the browser: the cookie is marked Secure.
      const overTls = await behind.api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '198.51.100.20', 'x-forwarded-proto': 'https' },
        payload: { username: 'ada', password: PASSWORD },
      });
      expect(String(overTls.headers['set-cookie'])).toMatch(/; Secure/);
      expect(String((await attempt('ada', PASSWORD, '198.51.100.20')).headers['set-cookie'])).not.toMatch(/Secure/);
      const logins = (await behind.audit()).filter((a) => a.action === 'POST /api/auth/login');
      expect(logins.map((a) => [a.target, a.address, a.status])).toEqual([
        ['vic', '203.0.113.7', 401],
        ['otto', '203.0.113.7', 401],
        ['fd1', '203.0.113.7', 401],
        ['ada', '203.0.113.7', 429],
        ['ada', '198.51.100.20', 200],
        ['ada', '198.51.100.20', 200],
        ['ada', '198.51.100.20', 200],
      ]);
    } finally {
      await behind.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot shed its lock by naming another address', async () => {
    const direct = await openAuthApi({ loginLimits: { maxUserFailures: 10, maxAddressFailures: 2, windowMs: 60_000, lockMs: 120_000 } });
    try {
      const attempt = (username: string, password: string, client: string) =>
        direct.api.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': client }, payload: { username, password } });
      expect((await attempt('vic', 'wrong password!', '203.0.113.1')).statusCode).toBe(401);
      expect((await attempt('otto', 'wrong password!', '203.0.113.2')).statusCode).toBe(401);
      expect((await attempt('ada', PASSWORD, '203.0.113.3')).statusCode).toBe(429);
      const logins = (await direct.audit()).filter((a) => a.action === 'POST /api/auth/login');
      expect(new Set(logins.map((a) => a.address))).toEqual(new Set(['127.0.0.1']));
    } finally {
      await direct.close();
    }
  });
});

describe('hostile input', () => {
  it('refuses prototype keys, keeps script and SQL text inert, and names nothing it should not', async () => {
    const proto = await t.api.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"ada","password":"x","__proto__":{"admin":true}}' });
    expect(proto.statusCode).toBe(400);
    expect(code(proto).code).toBe('BAD_JSON');
    const sql = await t.api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: "ada' OR '1'='1' --", password: "' OR 1=1 --" } });
    expect(sql.statusCode).toBe(401);
    const ada = await t.login('ada');
    for (const name of ['<script>alert(1)</script>', '../../etc/passwd', 'a b', "x'; DROP TABLE users; --"]) {
      const r = await post('/api/auth/users', ada, { name, role: 'viewer', password: PASSWORD });
      expect(r.statusCode, name).toBe(400);
      expect(code(r).code).toBe('AUTH_BAD_NAME');
    }
    const weak = await post('/api/auth/users', ada, { name: 'weak', role: 'viewer', password: 'short' });
    expect(code(weak).code).toBe('AUTH_BAD_PASSWORD');
    const role = await post('/api/auth/users', ada, { name: 'sneaky', role: 'root', password: PASSWORD });
    expect(code(role).code).toBe('INVALID_REQUEST');
    expect((await t.archive.users()).map((u) => u.name).sort()).toEqual(['ada', 'fd1', 'fd2', 'otto', 'vic']);
    // Text from the request lands in the audit log as data, and the users table is intact.
    const records = await t.audit();
    expect(records.some((a) => a.target === '<script>alert(1)</script>' && a.outcome === 'failed')).toBe(true);
    expect(records.some((a) => a.target === "ada' OR '1'='1' --" && a.outcome === 'denied')).toBe(true);
    // Passwords never reach the audit log.
    expect(JSON.stringify(records)).not.toContain(PASSWORD);
  });
});
