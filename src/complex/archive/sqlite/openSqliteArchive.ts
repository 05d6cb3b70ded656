// The embedded archive: one SQLite file (with its WAL beside it) under the data directory,
// nothing to install. The default of a one-process complex.
import type { Archive } from '../index.ts';
import { SqlArchive } from '../sql/index.ts';
import { SqliteDriver } from './SqliteDriver.ts';

/** Opens (creating and migrating) the SQLite archive in the file at `path`. */
export async function openSqliteArchive(path: string): Promise<Archive> {
  return SqlArchive.open(SqliteDriver.open(path));
}
