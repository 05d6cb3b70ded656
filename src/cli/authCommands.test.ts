import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../complex/archive/index.ts';
import { verifyPassword } from '../complex/auth/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zenith-cli-auth-'));
const data = join(dir, 'data');

function zenith(args: readonly string[], input = '') {
  return spawnSync(process.execPath, ['bin/zenith.js', ...args], { input, encoding: 'utf8' });
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('zenith users, tokens and audit on a stopped complex', () => {
  it('adds users with a password from stdin, refuses weak ones and duplicates, and lists them', async () => {
    const add = zenith(['users', 'add', 'ana', '--role', 'flight-director', '--data', data], 'a long enough password\n');
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe('added user ana with role flight-director\n');
    expect(add.status).toBe(0);
    const weak = zenith(['users', 'add', 'bo', '--role', 'viewer', '--data', data], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    expect(zenith(['users', 'add', 'ana', '--role', 'viewer', '--data', data], 'another long password\n').stderr).toContain('AUTH_USER_EXISTS');
    expect(zenith(['users', 'add', 'cy', '--role', 'root', '--data', data], 'a long enough password\n').stderr).toContain('Allowed choices are viewer, operator, flight-director, admin');
    const list = zenith(['users', 'list', '--data', data]);
    expect(list.stdout).toMatch(/^ana\tflight-director\tsince \d{4}-/);
    const archive = await openArchive(data);
    try {
      const ana = await archive.user('ana');
      expect(ana?.passwordHash).toMatch(/^scrypt\$/);
      expect(await verifyPassword('a long enough password', ana?.passwordHash ?? '')).toBe(true);
    } finally {
      await archive.close();
    }
  }, 60_000);

  it('prints a token once with its scopes, and keeps only its hash', () => {
    const made = zenith(['tokens', 'create', '--user', 'ana', '--scope', 'read', 'command', '--label', 'station KIR', '--data', data]);
    expect(made.status).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^zt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(made.stderr).toContain('scopes read command');
    expect(zenith(['tokens', 'create', '--user', 'nobody', '--data', data]).stderr).toContain('AUTH_UNKNOWN_USER');
    expect(zenith(['tokens', 'create', '--user', 'ana', '--scope', 'everything', '--data', data]).stderr).toContain('AUTH_BAD_SCOPE');
    const list = zenith(['tokens', 'list', '--data', data]).stdout;
    expect(list).toContain('\tana\tread,command\tactive\tstation KIR');
    expect(list).not.toContain(token.slice(16));
  }, 60_000);

  it('verifies the audit log of those actions, and exits 1 naming the first record changed behind its back', () => {
    const ok = zenith(['audit', 'verify', '--data', data]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ok: 3 records, head [0-9a-f]{64}\n$/);
    const list = zenith(['audit', 'list', '--data', data]).stdout.trim().split('\n');
    expect(list.map((l) => l.split('\t').slice(4, 7))).toEqual([
      ['users.add', 'ana', 'ok'],
      ['users.add', 'ana', 'failed'],
      ['tokens.create', expect.stringMatching(/^ana\/[0-9a-f]{12}$/), 'ok'],
    ]);
    expect(list[0]?.split('\t')[2]).toMatch(/^cli:/);
    const db = new Database(join(data, 'archive.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run();
    db.close();
    const broken = zenith(['audit', 'verify', '--data', data]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^broken at record 2: .*edited/);
  }, 60_000);
});
