import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveContract, authContract } from '../contract/index.ts';
import type { ArchiveHarness } from '../contract/index.ts';
import type { Archive } from '../index.ts';
import { SqliteDriver, openSqliteArchive } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zenith-archive-'));
let n = 0;
const paths = new Map<Archive, string>();

async function at(path: string): Promise<Archive> {
  const archive = await openSqliteArchive(path);
  paths.set(archive, path);
  return archive;
}

function sqliteHarness(): ArchiveHarness {
  return {
    fresh: () => at(join(dir, `data-${++n}`, 'archive.sqlite')),
    reopen: async (archive) => {
      await archive.close();
      return at(paths.get(archive) ?? '');
    },
    release: (archive) => archive.close(),
    cleanup: () => Promise.resolve(),
  };
}

archiveContract('sqlite', sqliteHarness());
authContract('sqlite', sqliteHarness());
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite archive file', () => {
  it('creates its directory and commits durably: WAL with synchronous=FULL', async () => {
    const path = join(dir, 'nested', 'deeper', 'archive.sqlite');
    const archive = await openSqliteArchive(path);
    expect(archive.location).toBe(path);
    await archive.close();
    const driver = SqliteDriver.open(path);
    expect(driver.pragma('journal_mode')).toBe('wal');
    // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA).
    expect(driver.pragma('synchronous')).toBe(2);
    await driver.close();
  });
  it('opens an up-to-date archive while another process holds the write lock', async () => {
    const path = join(dir, 'busy', 'archive.sqlite');
    await (await openSqliteArchive(path)).close();
    const writer = SqliteDriver.open(path);
    await writer.transaction(async (tx) => {
      await tx.run('DELETE FROM events');
      // Taking the lock here would wait for the writer, which cannot go on: SQLITE_BUSY.
      const reader = await openSqliteArchive(path);
      expect((await reader.migrations()).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
      await reader.close();
    });
    await writer.close();
  });
  it('refuses a file that is not a database', async () => {
    const path = join(dir, 'not-a-db.sqlite');
    (await import('node:fs')).writeFileSync(path, 'this is not SQLite\n'.repeat(100));
    await expect(openSqliteArchive(path)).rejects.toMatchObject({ code: 'ARCHIVE_OPEN' });
  });
});
