// `zenith elements`: checks element files (every problem, with counts; exit 1 when there is any)
// and writes element sets as TLE lines, whatever format they were read from.
import { Command, Option } from '@commander-js/extra-typings';
import { isZenithError } from '../core/errors/index.ts';
import type { ZenithError } from '../core/errors/index.ts';
import { formatTle, parseElements } from '../core/orbit/index.ts';
import type { ElementFormat } from '../core/orbit/index.ts';
import { parseIdList, readElementsFile, readElementsText } from './readElementsFile.ts';

interface FileReport {
  readonly file: string;
  readonly format: ElementFormat | 'unknown';
  readonly objects: number;
  readonly problems: ZenithError[];
}

interface CheckOptions {
  readonly strict?: true | undefined;
  readonly format: 'text' | 'json';
  readonly ignoreChecksums?: true | undefined;
  readonly ignoreRanges?: true | undefined;
}

async function checkFile(file: string, options: CheckOptions): Promise<FileReport> {
  let text: string;
  try {
    text = await readElementsText(file);
  } catch (error) {
    if (!isZenithError(error)) throw error;
    return { file, format: 'unknown', objects: 0, problems: [error] };
  }
  const parsed = parseElements(text, {
    file,
    checksums: options.ignoreChecksums === true ? 'ignore' : 'verify',
    ranges: options.ignoreRanges === true ? 'ignore' : 'verify',
  });
  return { file, format: parsed.format, objects: parsed.elements.length, problems: parsed.problems };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function textReport(reports: readonly FileReport[]): string {
  const out: string[] = [];
  const byFormat = new Map<string, number>();
  for (const r of reports) {
    for (const p of r.problems) out.push(p.describe());
    out.push(`${r.file}: ${plural(r.objects, 'object')} (${r.format}), ${plural(r.problems.length, 'problem')}`);
    if (r.objects > 0) byFormat.set(r.format, (byFormat.get(r.format) ?? 0) + r.objects);
  }
  if (reports.length > 1) {
    const objects = reports.reduce((n, r) => n + r.objects, 0);
    const problems = reports.reduce((n, r) => n + r.problems.length, 0);
    const formats = [...byFormat].map(([f, n]) => `${f}: ${n}`).join(', ');
    out.push(`total: ${plural(objects, 'object')}${formats === '' ? '' : ` (${formats})`}, ${plural(problems, 'problem')} in ${plural(reports.length, 'file')}`);
  }
  return `${out.join('\n')}\n`;
}

function jsonReport(reports: readonly FileReport[]): string {
  const byFormat: Record<string, number> = {};
  for (const r of reports) if (r.objects > 0) byFormat[r.format] = (byFormat[r.format] ?? 0) + r.objects;
  const body = {
    files: reports.map((r) => ({
      file: r.file,
      format: r.format,
      objects: r.objects,
      problems: r.problems.map((p) => ({ code: p.code, message: p.message, ...p.context })),
    })),
    objects: reports.reduce((n, r) => n + r.objects, 0),
    objectsByFormat: byFormat,
    problems: reports.reduce((n, r) => n + r.problems.length, 0),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

async function check(files: readonly string[], options: CheckOptions): Promise<void> {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await checkFile(file, options));
  process.stdout.write(options.format === 'json' ? jsonReport(reports) : textReport(reports));
  // The exit status is the verdict: 0 when every file is clean, 1 when any problem was found.
  if (reports.some((r) => r.problems.length > 0)) process.exitCode = 1;
}

interface TleOptions {
  readonly ids?: number[] | undefined;
  readonly names: 'plain' | '3le' | 'none';
  readonly strict?: true | undefined;
  readonly ignoreChecksums?: true | undefined;
  readonly ignoreRanges?: true | undefined;
}

async function writeTle(file: string, options: TleOptions): Promise<void> {
  const read = await readElementsFile(file, {
    strict: options.strict === true,
    ids: options.ids,
    checksums: options.ignoreChecksums === true ? 'ignore' : 'verify',
    ranges: options.ignoreRanges === true ? 'ignore' : 'verify',
  });
  const lines: string[] = [];
  let failed = read.missingIds.length + read.problems.length;
  for (const es of read.elements) {
    let tle: readonly [string, string];
    try {
      tle = formatTle(es);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      failed++;
      const where = es.source?.line === undefined ? `${file}: ` : `${file}:${es.source.line}: `;
      process.stderr.write(`zenith: ${where}[TLE_EXPORT] object ${es.catalogId}: ${error.message}\n`);
      continue;
    }
    if (options.names !== 'none' && es.name !== undefined) lines.push(options.names === '3le' ? `0 ${es.name}` : es.name);
    lines.push(tle[0], tle[1]);
  }
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  if (failed > 0) process.exitCode = 1;
}

export function registerElementsCommand(program: Command): void {
  const elements = program.command('elements').description('check element files (TLE/3LE, OMM KVN/XML/JSON/CSV) and write them as TLE');
  elements
    .command('check')
    .description('read element files and list every problem with counts; exit status 0 when none, 1 when any')
    .argument('<files...>', 'element files; the format of each is told from its content')
    .option('--strict', 'treat any problem as fatal (check already exits with 1 on any problem)')
    .addOption(new Option('--format <format>', 'report as text or JSON').choices(['text', 'json'] as const).default('text' as const))
    .option('--ignore-checksums', 'do not verify TLE checksums (column 69)')
    .option('--ignore-ranges', 'do not verify value ranges (eccentricity, inclination, mean motion, epoch)')
    .action(async (files, options) => {
      await check(files, options);
    });
  elements
    .command('tle')
    .description('write the element sets of a file as TLE lines (ids up to 339999, Alpha-5 past 99999)')
    .argument('<file>', 'element file: TLE/3LE, or OMM as KVN, XML, JSON or CSV')
    .option('--ids <ids>', 'only these catalog ids, comma-separated (Alpha-5 such as T0000 accepted)', parseIdList)
    .addOption(new Option('--names <style>', 'name lines: plain (CelesTrak), 3le (`0 NAME`, Space-Track) or none').choices(['plain', '3le', 'none'] as const).default('plain' as const))
    .option('--strict', 'any problem in the file is fatal (exit 1, nothing written)')
    .option('--ignore-checksums', 'do not verify TLE checksums (column 69)')
    .option('--ignore-ranges', 'do not verify value ranges')
    .action(async (file, options) => {
      await writeTle(file, options);
    });
}
