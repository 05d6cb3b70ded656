// Reads the demo mission's XTCE database (missions/demo/mdb: pus.xml then demo.xml) for the
// simulator and the pipelines. A problem in the files, or a construct Zenith cannot read, fails
// here naming the file and line, at start-up rather than in flight.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZenithError } from '../../core/errors/index.ts';
import { loadMdb } from '../../core/mdb/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';

/** The demo database's files, relative to the mission folder, in load order. */
export const DEMO_MDB_FILES: readonly string[] = ['mdb/pus.xml', 'mdb/demo.xml'];

/** Loads `files` (relative to `missionDir`) as one database; throws the first problem as a ZenithError. */
export function loadDemoDatabase(missionDir: string, files: readonly string[] = DEMO_MDB_FILES): MissionDatabase {
  const texts = files.map((f) => {
    const path = join(missionDir, f);
    try {
      return { name: path, text: readFileSync(path, 'utf8') };
    } catch (cause) {
      throw new ZenithError('MISSION_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { file: path }, { cause });
    }
  });
  const { mdb, problems, unsupported } = loadMdb(texts);
  const first = problems[0];
  if (first !== undefined) throw first;
  const u = unsupported[0];
  if (u !== undefined) throw new ZenithError('XTCE_UNSUPPORTED', `expected only constructs Zenith reads, found ${u.element} at ${u.path}`, { file: u.file, line: u.line });
  return mdb;
}
