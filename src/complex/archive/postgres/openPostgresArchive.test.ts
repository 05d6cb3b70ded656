import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { archiveContract, authContract } from '../contract/index.ts';
import type { ArchiveHarness } from '../contract/index.ts';
import type { Archive } from '../index.ts';
import { ARCHIVE_SCHEMA } from '../sql/index.ts';
import { numberPlaceholders, openPostgresArchive, redactUrl } from './index.ts';

// The server of this machine (trust authentication); the suite fails, not skips, without it.
const BASE_URL = process.env['ZENITH_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
// One schema per suite and one archive on it, emptied between tests: connecting and migrating
// for every test would cost more than the tests themselves.
const tables = ARCHIVE_SCHEMA.flatMap((step) => step.tables.map((t) => t.name));

function postgresHarness(): ArchiveHarness {
  const schema = `zt_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;
  const url = `${BASE_URL}?schema=${schema}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  let current: Archive | undefined;
  return {
    fresh: async () => {
      if (current === undefined) {
        await admin.connect();
        current = await openPostgresArchive(url);
        // TRUNCATE, not DELETE: the audit log refuses row deletes.
      } else await admin.query(`TRUNCATE ${tables.map((t) => `${schema}.${t}`).join(', ')} CASCADE`);
      return current;
    },
    reopen: async (archive) => {
      await archive.close();
      current = await openPostgresArchive(url);
      return current;
    },
    release: () => Promise.resolve(),
    cleanup: async () => {
      await current?.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

archiveContract('postgres', postgresHarness());
authContract('postgres', postgresHarness());

describe('PostgreSQL archive connection', () => {
  it('numbers placeholders and hides passwords', () => {
    expect(numberPlaceholders('SELECT a FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT a FROM t WHERE a = $1 AND b IN ($2, $3)');
    expect(redactUrl('postgres://zenith:secret@db:5432/ops')).toBe('postgres://zenith:***@db:5432/ops');
  });
  it('reports a server that does not answer, and a bad schema name', async () => {
    await expect(openPostgresArchive('postgres://postgres@127.0.0.1:1/test')).rejects.toMatchObject({ code: 'ARCHIVE_UNREACHABLE' });
    await expect(openPostgresArchive(`${BASE_URL}?schema=Robert'); DROP TABLE x;--`)).rejects.toMatchObject({ code: 'ARCHIVE_URL' });
  });
});
