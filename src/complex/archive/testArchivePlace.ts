// Throw-away archive places for the tests of every room: a temporary SQLite file, or a PostgreSQL
// schema of its own on the test server (ZENITH_TEST_POSTGRES_URL, default the local `test`
// database), and the means to remove it afterwards. Kept here so that each room's tests do not
// carry their own copy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ArchiveKind = 'sqlite' | 'postgres';
export const ARCHIVE_KINDS: readonly ArchiveKind[] = ['sqlite', 'postgres'];

/** The PostgreSQL server the tests use; they fail, not skip, when it does not answer. */
export const PG_TEST_URL = process.env['ZENITH_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestArchivePlace {
  /** What to give openArchive: a SQLite file path, or the test server's URL with `?schema=`. */
  readonly url: string;
  /** Removes the file, or drops the schema (close every archive on it first). */
  remove(): Promise<void>;
}

/** Drops `schema` (and everything in it) on the server at `url`. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`expected a plain lower-case schema name, found ${JSON.stringify(schema)}`);
  // Loaded here only: a process that never uses PostgreSQL (the crash test's child) does not need pg.
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

/** A new place of `kind`; `label` (lower-case letters) goes into the folder or schema name. */
export function testArchivePlace(kind: ArchiveKind, label = 't'): TestArchivePlace {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `zenith-${label}-`));
    return {
      url: join(dir, 'archive.sqlite'),
      remove: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const schema = `zt_${label}_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;
  return { url: `${PG_TEST_URL}?schema=${schema}`, remove: () => dropPostgresSchema(PG_TEST_URL, schema) };
}
