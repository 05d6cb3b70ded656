import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive, resolveArchiveUrl } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zenith-open-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveArchiveUrl', () => {
  it('reads postgres URLs, files, sqlite: paths and data directories', () => {
    expect(resolveArchiveUrl('postgres://u@h:5432/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(resolveArchiveUrl('postgresql://h/db?schema=ops')).toEqual({ kind: 'postgres', url: 'postgresql://h/db?schema=ops' });
    expect(resolveArchiveUrl('/var/zenith/ops.db')).toEqual({ kind: 'sqlite', path: '/var/zenith/ops.db' });
    expect(resolveArchiveUrl('/var/zenith/data')).toEqual({ kind: 'sqlite', path: '/var/zenith/data/archive.sqlite' });
    expect(resolveArchiveUrl('data', '/srv/zenith')).toEqual({ kind: 'sqlite', path: '/srv/zenith/data/archive.sqlite' });
    expect(resolveArchiveUrl('sqlite:run/ops.sqlite3', '/srv')).toEqual({ kind: 'sqlite', path: '/srv/run/ops.sqlite3' });
    expect(resolveArchiveUrl('sqlite:///abs/x.db')).toEqual({ kind: 'sqlite', path: '/abs/x.db' });
    expect(resolveArchiveUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });
  it('names the key and what it expected for another scheme or nothing', () => {
    expect(() => resolveArchiveUrl('mysql://h/db')).toThrow(expect.objectContaining({ code: 'ARCHIVE_URL', context: { field: 'archive' } }));
    expect(() => resolveArchiveUrl('sqlite:')).toThrow(/expected a path or URL/);
  });
});

describe('openArchive', () => {
  it('creates the SQLite archive in a data directory', async () => {
    const archive = await openArchive(join(dir, 'data'));
    expect(archive.kind).toBe('sqlite');
    expect(archive.location).toBe(join(dir, 'data', 'archive.sqlite'));
    expect(existsSync(archive.location)).toBe(true);
    await archive.close();
  });
  it('reports an unknown scheme as a rejection', async () => {
    await expect(openArchive('mysql://h/db')).rejects.toMatchObject({ code: 'ARCHIVE_URL' });
  });
});
