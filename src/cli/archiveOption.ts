// The archive a CLI command works on while the complex may be stopped: `--archive URL` (postgres://
// or a SQLite file or folder), else the SQLite archive under `--data DIR` (default ./zenith-data,
// as `zenith up`).
import { resolve } from 'node:path';
import { openArchive } from '../complex/archive/index.ts';
import type { Archive } from '../complex/archive/index.ts';

export interface ArchiveOptions {
  readonly data?: string;
  readonly archive?: string;
}

export function openArchiveOf(options: ArchiveOptions): Promise<Archive> {
  return openArchive(options.archive ?? resolve(options.data ?? 'zenith-data'));
}

/** Runs `work` on the archive and closes it, whatever happens. */
export async function withArchive<T>(options: ArchiveOptions, work: (archive: Archive) => Promise<T>): Promise<T> {
  const archive = await openArchiveOf(options);
  try {
    return await work(archive);
  } finally {
    await archive.close();
  }
}
