// The element-file loader of every subcommand that takes `--elements FILE` (propagate, passes, ...):
// reads and parses the file, prints each problem as `zenith: file:line:col: [CODE] message`, makes
// any problem fatal under --strict, and keeps only the catalog ids asked for with --ids.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { ZenithError } from '../core/errors/index.ts';
import { parseElements, tryAlpha5ToNumber } from '../core/orbit/index.ts';
import type { ElementSet, ParsedElements } from '../core/orbit/index.ts';

export interface ReadElementsOptions {
  /** Any problem (a bad record, an id not found) ends the command with exit code 1. */
  readonly strict?: boolean | undefined;
  /** Only these catalog ids (see parseIdList); every id not in the file is reported. */
  readonly ids?: readonly number[] | undefined;
  readonly checksums?: 'verify' | 'ignore' | undefined;
  readonly ranges?: 'verify' | 'ignore' | undefined;
  /** Where problems are printed, one line each; stderr by default. */
  readonly report?: ((line: string) => void) | undefined;
}

export interface ReadElements extends ParsedElements {
  readonly file: string;
  /** Ids asked for with --ids that the file does not hold (each already reported). */
  readonly missingIds: number[];
}

/** A catalog id as users type it: up to nine digits, or Alpha-5 such as `T0000` (270000). */
export function parseCatalogId(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t);
  const alpha5 = t.length === 5 ? tryAlpha5ToNumber(t.toUpperCase()) : -1;
  return alpha5 >= 0 ? alpha5 : undefined;
}

/** The argument of `--ids N,N` (commander argParser): numeric ids, Alpha-5 accepted. */
export function parseIdList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const ids: number[] = [];
  for (const part of parts) {
    const id = parseCatalogId(part);
    if (id === undefined) {
      throw new InvalidArgumentError(`expected catalog ids of up to 9 digits or Alpha-5 such as T0000, comma-separated; found "${part}" in "${text}"`);
    }
    ids.push(id);
  }
  return ids;
}

/** The text of an element file, or a ZenithError ELEMENTS_UNREADABLE naming it. */
export async function readElementsText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZenithError('ELEMENTS_UNREADABLE', `cannot read the element file: ${reason}`, { file }, { cause: error });
  }
}

/**
 * Reads `file` for a subcommand. Problems are printed and the good records kept; with `strict`,
 * after printing them all, a ZenithError ELEMENTS_STRICT is thrown (the CLI exits with 1). Also
 * throws ELEMENTS_NONE when nothing is left to work on.
 */
export async function readElementsFile(file: string, options: ReadElementsOptions = {}): Promise<ReadElements> {
  const report = options.report ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const parseOptions = {
    file,
    ...(options.checksums === undefined ? {} : { checksums: options.checksums }),
    ...(options.ranges === undefined ? {} : { ranges: options.ranges }),
  };
  const parsed = parseElements(await readElementsText(file), parseOptions);
  for (const problem of parsed.problems) report(`zenith: ${problem.describe()}`);

  let elements: ElementSet[] = parsed.elements;
  const missingIds: number[] = [];
  if (options.ids !== undefined) {
    const wanted = new Set(options.ids);
    elements = elements.filter((es) => wanted.has(es.catalogId));
    const found = new Set(elements.map((es) => es.catalogId));
    for (const id of wanted) {
      if (found.has(id)) continue;
      missingIds.push(id);
      report(`zenith: ${file}: [ELEMENTS_ID_NOT_FOUND] catalog id ${id} asked for with --ids is not among the element sets read from the file`);
    }
  }
  const problemCount = parsed.problems.length + missingIds.length;
  if (options.strict === true && problemCount > 0) {
    throw new ZenithError('ELEMENTS_STRICT', `${problemCount} problem(s) in the element file (listed above); --strict makes any problem fatal`, { file });
  }
  if (elements.length === 0) {
    throw new ZenithError('ELEMENTS_NONE', 'no element set to work on: the file holds none that could be read, or none of the --ids', { file });
  }
  return { file, format: parsed.format, elements, problems: parsed.problems, missingIds };
}
