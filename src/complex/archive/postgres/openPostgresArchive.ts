// The archive on PostgreSQL, for a complex spread over several machines: selected by a
// postgres:// URL, optionally with `?schema=name` to keep it apart from others in one database.
import type { Archive } from '../index.ts';
import { SqlArchive } from '../sql/index.ts';
import { PostgresDriver } from './PostgresDriver.ts';

/** Connects to `url`, migrates the schema to the newest version, and opens the archive. */
export async function openPostgresArchive(url: string): Promise<Archive> {
  return SqlArchive.open(await PostgresDriver.open(url));
}
