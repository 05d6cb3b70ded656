// Chooses the archive from one setting: a path (or `sqlite:` + path) is the embedded SQLite
// archive, a `postgres://` URL is PostgreSQL. Each back-end is loaded only when asked for.
import { isAbsolute, join, resolve } from 'node:path';
import { ZenithError } from '../../core/errors/index.ts';
import type { Archive } from './Archive.ts';

export type ArchiveLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

/** The file name used when the setting names a data directory. */
export const ARCHIVE_FILE = 'archive.sqlite';
const FILE_RE = /\.(db|sqlite|sqlite3)$/i;

/**
 * Where `url` points: `postgres://...` (or `postgresql://`), else SQLite: a file ending in .db,
 * .sqlite or .sqlite3, `:memory:`, or a data directory holding `archive.sqlite`. A relative path is
 * taken from `baseDir` (default: the working directory).
 */
export function resolveArchiveUrl(url: string, baseDir: string = process.cwd()): ArchiveLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  let path = url;
  if (/^sqlite:/i.test(path)) path = path.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new ZenithError('ARCHIVE_URL', `expected a path, sqlite:<path> or postgres://..., found ${JSON.stringify(url)}`, { field: 'archive' });
  }
  if (path.trim() === '') throw new ZenithError('ARCHIVE_URL', `expected a path or URL for the archive, found ${JSON.stringify(url)}`, { field: 'archive' });
  if (path === ':memory:') return { kind: 'sqlite', path };
  const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
  return { kind: 'sqlite', path: FILE_RE.test(absolute) ? absolute : join(absolute, ARCHIVE_FILE) };
}

/** Opens (creating and migrating as needed) the archive named by `url`. */
export async function openArchive(url: string): Promise<Archive> {
  const location = resolveArchiveUrl(url);
  if (location.kind === 'postgres') {
    const { openPostgresArchive } = await import('./postgres/index.ts');
    return openPostgresArchive(location.url);
  }
  const { openSqliteArchive } = await import('./sqlite/index.ts');
  return openSqliteArchive(location.path);
}
