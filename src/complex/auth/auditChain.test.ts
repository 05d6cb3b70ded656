import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../archive/index.ts';
import type { Archive } from '../archive/index.ts';
import { GENESIS_HASH, sealAudit, verifyAuditChain } from './auditChain.ts';
import { AuditLog } from './AuditLog.ts';

let dir: string;
let file: string;
let archive: Archive;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zenith-audit-'));
  file = join(dir, 'archive.sqlite');
  archive = await openArchive(file);
  const log = new AuditLog(archive, undefined, () => Date.UTC(2026, 10, 26));
  for (let i = 1; i <= 5; i++) await log.append({ actor: `user${i}`, address: '10.0.0.1', action: 'POST /api/commands', target: `cmd-${i}`, outcome: 'ok', status: 201, detail: null });
  await archive.close();
});

afterEach(async () => {
  await archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Changes the file as someone with write access to it would: the append-only triggers dropped first. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
  db.prepare(sql).run(...params);
  db.close();
}

async function verdict() {
  archive = await openArchive(file);
  return verifyAuditChain(archive);
}

describe('audit log hash chain', () => {
  it('verifies an untouched log and gives its head hash', async () => {
    const v = await verdict();
    expect(v).toMatchObject({ ok: true, records: 5 });
    const records = await archive.auditRecords();
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(v.headHash).toBe(records[4]?.hash);
    expect(v.headHash).toBe(sealAudit({ ...records[4]!, hash: undefined } as never));
  });

  it('is append-only in the database: UPDATE and DELETE are refused', () => {
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('finds an edited record', async () => {
    tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    expect(await verdict()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') as string } });
  });

  it('finds an edited record whose hash was recomputed too (the next one no longer links)', async () => {
    const records = await (async () => {
      const a = await openArchive(file);
      const r = await a.auditRecords();
      await a.close();
      return r;
    })();
    const third = { ...records[2]!, target: 'cmd-forged' };
    const { hash: _old, ...content } = third;
    tamper('UPDATE audit_log SET target = ?, hash = ? WHERE seq = 3', third.target, sealAudit(content));
    expect(await verdict()).toMatchObject({ ok: false, broken: { seq: 4, reason: expect.stringContaining('previous hash') as string } });
  });

  it('finds a deleted record', async () => {
    tamper('DELETE FROM audit_log WHERE seq = 2');
    expect(await verdict()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('missing') as string } });
  });

  it('finds an inserted record', async () => {
    // Slipped in between 2 and 3 by renumbering what follows, sealed to fit after record 2.
    tamper('UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3');
    tamper('UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103');
    const a = await openArchive(file);
    const second = (await a.auditRecords(1, 1))[0]!;
    await a.close();
    const forged = { seq: 3, timeMs: second.timeMs, actor: 'mallory', address: '10.6.6.6', action: 'POST /api/commands/:id/approve', target: 'cmd-9', outcome: 'ok', status: 200, detail: null, prevHash: second.hash };
    tamper(
      'INSERT INTO audit_log (seq, time_ms, actor, address, action, target, outcome, status, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ...Object.values(forged),
      sealAudit(forged),
    );
    expect(await verdict()).toMatchObject({ ok: false, broken: { seq: 4, reason: expect.stringContaining('previous hash') as string } });
  });

  it('finds a log cut short at its end against a head hash noted before', async () => {
    const noted = (await verdict()).headHash;
    await archive.close();
    tamper('DELETE FROM audit_log WHERE seq = 5');
    archive = await openArchive(file);
    expect((await verifyAuditChain(archive)).ok).toBe(true);
    expect(await verifyAuditChain(archive, noted)).toMatchObject({ ok: false, broken: { reason: expect.stringContaining('noted head hash') as string } });
  });
});
