// `zenith mdb inspect FILE...`: loads XTCE files as one mission database and prints the
// space-system tree, the definition counts, the constructs not supported yet and the problems.
import { readFile } from 'node:fs/promises';
import { Command, Option } from '@commander-js/extra-typings';
import { ZenithError } from '../core/errors/index.ts';
import { loadMdb } from '../core/mdb/index.ts';
import type { LoadMdbResult, MdbFile, SpaceSystemSummary } from '../core/mdb/index.ts';

/** Exit code when the database loaded but the files hold errors (printed on stderr). */
export const EXIT_MDB_PROBLEMS = 2;

/** Reads the files (in the order given) and loads them as one database. */
export async function loadMdbFiles(paths: readonly string[]): Promise<LoadMdbResult> {
  const files: MdbFile[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new ZenithError('FILE_UNREADABLE', `expected a readable XTCE file, found: ${error instanceof Error ? error.message : String(error)}`, { file: path }, { cause: error });
    }
    files.push({ name: path, text });
  }
  return loadMdb(files);
}

/** Prints each problem as `zenith: file:line:col: [CODE] message (path)` on stderr. */
export function reportProblems(result: LoadMdbResult): void {
  for (const p of result.problems) {
    const path = p.context.path;
    process.stderr.write(`zenith: ${p.describe()}${path === undefined ? '' : ` (${path})`}\n`);
  }
}

function treeLines(systems: readonly SpaceSystemSummary[], indent: string, out: string[]): void {
  for (const s of systems) {
    out.push(`${indent}${s.qualifiedName}  parameters ${s.parameters}, containers ${s.containers}, commands ${s.commands}`);
    treeLines(s.spaceSystems, `${indent}  `, out);
  }
}

export function registerMdbCommand(program: Command): void {
  const mdb = program.command('mdb').description('mission database (XTCE) tools');
  mdb
    .command('inspect')
    .description('load XTCE files as one mission database and print its space systems, counts and unsupported constructs')
    .argument('<files...>', 'XTCE files, loaded in this order (a database split over several files loads as one)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json'] as const).default('text' as const))
    .action(async (files, options) => {
      const result = await loadMdbFiles(files);
      const counts = result.mdb.counts();
      const unsupported = result.unsupported.map((u) => ({ path: u.path, line: u.line, element: u.element }));
      if (options.format === 'json') {
        const body = { spaceSystems: result.mdb.summary(), ...counts, unsupported };
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      } else {
        const out: string[] = [];
        treeLines(result.mdb.summary(), '', out);
        out.push(`parameters ${counts.parameters}, containers ${counts.containers}, commands ${counts.commands}`);
        out.push(`unsupported constructs: ${unsupported.length}`);
        for (const u of result.unsupported) out.push(`  ${u.file}:${u.line}: ${u.element} (${u.path})`);
        out.push(`problems: ${result.problems.length}`);
        process.stdout.write(`${out.join('\n')}\n`);
      }
      reportProblems(result);
      if (result.problems.length > 0) process.exitCode = EXIT_MDB_PROBLEMS;
    });
}
