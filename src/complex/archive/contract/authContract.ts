// The shared suite for the archive's part of auth (users, tokens, sessions, audit log), run on
// every Archive implementation beside archiveContract. The hashes are made up here: the archive
// stores what it is given and chains the audit log with the `seal` it is handed.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Archive, AuditEntry, AuditRecord } from '../index.ts';
import type { ArchiveHarness } from './archiveContract.ts';

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const seal = (r: Omit<AuditRecord, 'hash'>): string => sha(JSON.stringify(r));

function entry(action: string, extra: Partial<AuditEntry> = {}): AuditEntry {
  return { timeMs: T0, actor: 'ada', address: '127.0.0.1', action, target: null, outcome: 'ok', status: 200, detail: null, ...extra };
}

async function withArchive(harness: ArchiveHarness, test: (archive: Archive) => Promise<void>): Promise<void> {
  const archive = await harness.fresh();
  try {
    await test(archive);
  } finally {
    await harness.release(archive);
  }
}

export function authContract(label: string, harness: ArchiveHarness): void {
  describe(`Archive auth contract: ${label}`, () => {
    afterAll(() => harness.cleanup());

    it('adds users once, changes them, and lists them by name', () =>
      withArchive(harness, async (archive) => {
        expect(await archive.createUser({ name: 'bob', role: 'viewer', passwordHash: 'h1', createdMs: T0, disabled: false })).toBe(true);
        expect(await archive.createUser({ name: 'ada', role: 'admin', passwordHash: 'h2', createdMs: T0, disabled: false })).toBe(true);
        expect(await archive.createUser({ name: 'ada', role: 'viewer', passwordHash: 'h3', createdMs: T0, disabled: false })).toBe(false);
        expect((await archive.users()).map((u) => [u.name, u.role])).toEqual([
          ['ada', 'admin'],
          ['bob', 'viewer'],
        ]);
        const changed = await archive.updateUser('bob', { role: 'operator', passwordHash: 'h4', disabled: true });
        expect(changed).toEqual({ name: 'bob', role: 'operator', passwordHash: 'h4', createdMs: T0, disabled: true, mustChangePassword: false });
        expect(await archive.user('bob')).toEqual(changed);
        // A password the complex made is flagged, and the flag is cleared with the change.
        expect(await archive.createUser({ name: 'cy', role: 'admin', passwordHash: 'h5', createdMs: T0, disabled: false, mustChangePassword: true })).toBe(true);
        expect((await archive.user('cy'))?.mustChangePassword).toBe(true);
        expect((await archive.updateUser('cy', { passwordHash: 'h6', mustChangePassword: false })).mustChangePassword).toBe(false);
        expect(await archive.user('nobody')).toBeUndefined();
        await expect(archive.updateUser('nobody', { disabled: true })).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND' });
        await expect(archive.createUser({ name: '', role: 'viewer', passwordHash: 'h', createdMs: T0, disabled: false })).rejects.toMatchObject({ code: 'ARCHIVE_INPUT' });
      }));

    it('keeps tokens by hash with their scopes, and revokes them by id', () =>
      withArchive(harness, async (archive) => {
        await archive.createUser({ name: 'ada', role: 'admin', passwordHash: 'h', createdMs: T0, disabled: false });
        await archive.storeToken({ hash: sha('secret-1'), id: 't1', user: 'ada', scopes: ['read', 'command'], createdMs: T0, label: 'station KIR' });
        await archive.storeToken({ hash: sha('secret-2'), id: 't2', user: 'ada', scopes: ['read'], createdMs: T0 + 1, expiresMs: T0 + 1000 });
        expect(await archive.tokenByHash(sha('secret-1'))).toEqual({ hash: sha('secret-1'), id: 't1', user: 'ada', scopes: ['read', 'command'], createdMs: T0, label: 'station KIR' });
        expect(await archive.tokenByHash(sha('nothing'))).toBeUndefined();
        expect((await archive.tokens('ada')).map((t) => t.id)).toEqual(['t1', 't2']);
        expect(await archive.tokens('bob')).toEqual([]);
        expect(await archive.revokeToken('t2', T0 + 5)).toBe(true);
        expect(await archive.revokeToken('t2', T0 + 9)).toBe(true);
        expect((await archive.tokenByHash(sha('secret-2')))?.revokedMs).toBe(T0 + 5);
        expect(await archive.revokeToken('t9', T0)).toBe(false);
        // A token of an unknown user is refused by the database.
        await expect(archive.storeToken({ hash: sha('x'), id: 't3', user: 'ghost', scopes: [], createdMs: T0 })).rejects.toThrow();
      }));

    it('keeps sessions by hash, touches them forward only, and ends them by hash or user', () =>
      withArchive(harness, async (archive) => {
        await archive.createUser({ name: 'ada', role: 'admin', passwordHash: 'h', createdMs: T0, disabled: false });
        const s = { hash: sha('sid-1'), user: 'ada', csrfToken: 'c1', createdMs: T0, lastSeenMs: T0, expiresMs: T0 + 86_400_000 };
        await archive.storeSession(s);
        await archive.storeSession({ ...s, hash: sha('sid-2'), csrfToken: 'c2' });
        await archive.touchSession(s.hash, T0 + 60_000);
        await archive.touchSession(s.hash, T0 + 30_000);
        expect(await archive.sessionByHash(s.hash)).toEqual({ ...s, lastSeenMs: T0 + 60_000 });
        expect(await archive.deleteSessions({ hash: s.hash })).toBe(1);
        expect(await archive.sessionByHash(s.hash)).toBeUndefined();
        expect(await archive.deleteSessions({ user: 'ada' })).toBe(1);
        expect(await archive.sessionByHash(sha('sid-2'))).toBeUndefined();
        // Stale ones: past their end, or unused since before a time.
        await archive.storeSession({ ...s, hash: sha('ended'), expiresMs: T0 + 10 });
        await archive.storeSession({ ...s, hash: sha('idle'), lastSeenMs: T0 + 5 });
        await archive.storeSession({ ...s, hash: sha('live'), lastSeenMs: T0 + 50 });
        expect(await archive.deleteSessions({ endedBy: T0 + 10, unusedSince: T0 + 20 })).toBe(2);
        expect(await archive.sessionByHash(sha('live'))).toBeDefined();
      }));

    it('chains audit records in order, one at a time even when appended concurrently', () =>
      withArchive(harness, async (archive) => {
        const first = await archive.appendAudit(entry('login'), seal);
        expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), action: 'login', actor: 'ada' });
        const many = await Promise.all(Array.from({ length: 20 }, (_, i) => archive.appendAudit(entry(`act-${i}`, { actor: null, detail: `d${i}` }), seal)));
        const all = await archive.auditRecords();
        expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
        for (let i = 1; i < all.length; i++) {
          const r = all[i] as AuditRecord;
          expect(r.prevHash).toBe((all[i - 1] as AuditRecord).hash);
          const { hash, ...rest } = r;
          expect(hash).toBe(seal(rest));
        }
        expect(new Set(many.map((r) => r.seq)).size).toBe(20);
        expect((await archive.auditRecords(19, 5)).map((r) => r.seq)).toEqual([20, 21]);
        expect(all[1]?.actor).toBeNull();
      }));

    it('gives the audit records written since a time, in order, a page at a time', () =>
      withArchive(harness, async (archive) => {
        for (let i = 0; i < 6; i++) await archive.appendAudit(entry(`act-${i}`, { timeMs: T0 + 1000 * i }), seal);
        expect((await archive.auditRecordsSince(T0 + 2500)).map((r) => r.action)).toEqual(['act-3', 'act-4', 'act-5']);
        expect((await archive.auditRecordsSince(T0 + 2000, 2)).map((r) => r.seq)).toEqual([3, 4]);
        expect(await archive.auditRecordsSince(T0 + 9000)).toEqual([]);
        await expect(archive.auditRecordsSince(Number.NaN)).rejects.toThrow(/fromMs/);
      }));

    it('keeps audit records after reopening the archive', async () => {
      let archive = await harness.fresh();
      try {
        await archive.appendAudit(entry('users.add', { target: 'bob', status: 0, address: 'cli' }), seal);
        archive = await harness.reopen(archive);
        expect(await archive.auditRecords()).toMatchObject([{ seq: 1, action: 'users.add', target: 'bob', address: 'cli', status: 0 }]);
      } finally {
        await harness.release(archive);
      }
    });
  });
}
