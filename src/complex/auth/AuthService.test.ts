import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../archive/index.ts';
import type { Archive } from '../archive/index.ts';
import { AuthService } from './AuthService.ts';
import { verifyPassword } from './passwords.ts';

const CLI = { actor: 'cli:test', address: 'cli' };
let dir: string;
let archive: Archive;
let auth: AuthService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zenith-authsvc-'));
  archive = await openArchive(join(dir, 'archive.sqlite'));
  auth = new AuthService({ archive, passwordCost: { N: 1024, r: 8, p: 1 } });
});

afterEach(async () => {
  await archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuthService', () => {
  it('makes the first admin once, with a random password that only it knows, and nothing on later starts', async () => {
    const password = await auth.ensureFirstAdmin(CLI);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const admin = await archive.user('admin');
    // Printed once at start-up: it must be replaced before anything else.
    expect(admin).toMatchObject({ role: 'admin', disabled: false, mustChangePassword: true });
    expect(admin?.passwordHash).not.toContain(password);
    expect(await verifyPassword(password ?? '', admin?.passwordHash ?? '')).toBe(true);
    expect(await auth.ensureFirstAdmin(CLI)).toBeUndefined();
    expect(await new AuthService({ archive }).ensureFirstAdmin(CLI)).toBeUndefined();
    expect((await archive.auditRecords()).map((r) => [r.actor, r.action, r.target])).toEqual([['cli:test', 'users.add', 'admin']]);
    // zenith users passwd sets a password of the operator's choosing: no change is asked for then.
    await auth.setPassword('admin', 'chosen by the operator', CLI);
    expect((await archive.user('admin'))?.mustChangePassword).toBe(false);
    // Users added by hand chose their password.
    expect((await auth.addUser('bob', 'viewer', 'bob has a long password', CLI)).mustChangePassword).toBeUndefined();
    expect((await archive.user('bob'))?.mustChangePassword).toBe(false);
  });

  it('makes no admin when users exist already (added with zenith users add before the first start)', async () => {
    await auth.addUser('ana', 'admin', 'a long enough password', CLI);
    expect(await auth.ensureFirstAdmin(CLI)).toBeUndefined();
    expect((await archive.users()).map((u) => u.name)).toEqual(['ana']);
  });

  it('ends sessions when a password changes, and refuses disabled users', async () => {
    await auth.addUser('ana', 'operator', 'a long enough password', CLI);
    const login = await auth.login('ana', 'a long enough password', '10.0.0.1');
    expect(login.kind).toBe('ok');
    const id = login.kind === 'ok' ? login.sessionId : '';
    expect(await auth.sessionPrincipal(id)).toMatchObject({ role: 'operator', via: 'session' });
    await auth.setPassword('ana', 'another long password', CLI);
    expect(await auth.sessionPrincipal(id)).toMatchObject({ problem: expect.stringContaining('no such session') as string });
    expect((await auth.login('ana', 'a long enough password', '10.0.0.1')).kind).toBe('refused');
    await archive.updateUser('ana', { disabled: true });
    expect((await auth.login('ana', 'another long password', '10.0.0.1')).kind).toBe('refused');
  });

  it('sweeps sessions that ended without a logout when someone logs in', async () => {
    let now = Date.UTC(2026, 10, 26, 8);
    const timed = new AuthService({ archive, nowMs: () => now, passwordCost: { N: 1024, r: 8, p: 1 } });
    await timed.addUser('ana', 'viewer', 'a long enough password', CLI);
    const first = await timed.login('ana', 'a long enough password', '10.0.0.1');
    now += 13 * 3600_000;
    const second = await timed.login('ana', 'a long enough password', '10.0.0.1');
    if (first.kind !== 'ok' || second.kind !== 'ok') throw new Error('expected both logins to succeed');
    expect(await archive.sessionByHash(first.session.hash)).toBeUndefined();
    expect(await archive.sessionByHash(second.session.hash)).toBeDefined();
  });

  it('rebuilds the login limit of a restart from the logins in the audit log', async () => {
    let now = Date.UTC(2026, 10, 26, 12);
    const limits = { maxUserFailures: 3, maxAddressFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
    const first = new AuthService({ archive, nowMs: () => now, loginLimits: limits, passwordCost: { N: 1024, r: 8, p: 1 } });
    await first.addUser('ada', 'operator', 'correct horse battery staple', CLI);
    const login = { actor: 'ada', address: '203.0.113.5', action: 'POST /api/auth/login', target: 'ada', detail: null };
    // What the API writes for three failed logins (the third locks ada), then a refusal.
    for (let i = 0; i < 3; i++) {
      expect((await first.login('ada', 'wrong password!', '203.0.113.5')).kind).toBe('refused');
      await first.audit.append({ ...login, outcome: 'failed', status: 401 });
      now += 1000;
    }
    expect((await first.login('ada', 'correct horse battery staple', '203.0.113.5')).kind).toBe('locked');
    await first.audit.append({ ...login, outcome: 'denied', status: 429 });
    // Restarted a minute later: without the replay the right password would pass.
    now += 60_000;
    const fresh = new AuthService({ archive, nowMs: () => now, loginLimits: limits, passwordCost: { N: 1024, r: 8, p: 1 } });
    expect((await fresh.login('ada', 'correct horse battery staple', '198.51.100.1')).kind).toBe('ok');
    const restarted = new AuthService({ archive, nowMs: () => now, loginLimits: limits, passwordCost: { N: 1024, r: 8, p: 1 } });
    expect(await restarted.restoreLoginLimits()).toBe(4);
    expect(await restarted.login('ada', 'correct horse battery staple', '198.51.100.1')).toMatchObject({ kind: 'locked', which: 'user' });
    // Once the lock has run out, a restart finds nothing to hold (the records are older than window and lock).
    now += 30 * 60_000;
    const later = new AuthService({ archive, nowMs: () => now, loginLimits: limits, passwordCost: { N: 1024, r: 8, p: 1 } });
    expect(await later.restoreLoginLimits()).toBe(0);
    expect((await later.login('ada', 'correct horse battery staple', '198.51.100.1')).kind).toBe('ok');
  });
});
