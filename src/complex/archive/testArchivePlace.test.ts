// Test archive places open, hold data, and are gone after remove (file, or schema).
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openArchive } from './openArchive.ts';
import { ARCHIVE_KINDS, PG_TEST_URL, dropPostgresSchema, testArchivePlace } from './testArchivePlace.ts';

async function schemaExists(schema: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    return rows.length === 1;
  } finally {
    await admin.end();
  }
}

describe.each(ARCHIVE_KINDS)('testArchivePlace on %s', (kind) => {
  it('gives a place an archive opens on, and removes it', async () => {
    const place = testArchivePlace(kind, 'place');
    const archive = await openArchive(place.url);
    expect(await archive.storeEvents([{ source: 'test', sequence: 1, timeMs: 0, severity: 'info', type: 'place', message: 'here' }])).toBe(1);
    await archive.close();
    const schema = /schema=([a-z0-9_]+)/.exec(place.url)?.[1];
    if (kind === 'sqlite') expect(existsSync(dirname(place.url))).toBe(true);
    else expect(await schemaExists(schema ?? '')).toBe(true);
    await place.remove();
    if (kind === 'sqlite') expect(existsSync(dirname(place.url))).toBe(false);
    else expect(await schemaExists(schema ?? '')).toBe(false);
  });
});

describe('dropPostgresSchema', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(dropPostgresSchema(PG_TEST_URL, 'x; DROP TABLE y')).rejects.toThrow(RangeError);
  });
});
