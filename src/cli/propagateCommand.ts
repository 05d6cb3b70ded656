// `zenith propagate`: SGP4/SDP4 state vectors of the objects of an element file over a time grid, in
// TEME, ITRF or geodetic, as CSV, JSON or CCSDS OEM. A failing object stops alone; the others go on.
// States come from the batch propagator; a catalog-sized file on a UTC grid is propagated on worker
// threads (every core), a wave of objects ahead of the one being written.

import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { formatLocation } from '../core/errors/index.ts';
import { parseEop, temeToItrf, type EopTable } from '../core/frames/index.ts';
import { PropagationError, Propagator, SGP4_NOT_FINITE_NUMBER, stepGrid, type ElementSet } from '../core/orbit/index.ts';
import {
  MAX_MINUTES_FROM_EPOCH,
  SGP4_NOT_FINITE,
  batchFromElements,
  createStateBuffers,
  propagateMinutes,
  propagateTimes,
  type Sgp4Batch,
  type StateBuffers,
} from '../core/orbit/batch/index.ts';
import { parseIsoUtc } from '../core/time/index.ts';
import { createPropagationPool, propagateCatalog, type PropagationPool } from '../complex/workers/index.ts';
import { parseIdList, readElementsFile } from './readElementsFile.ts';
import {
  csvWriter,
  jsonWriter,
  oemWriter,
  type OutputFormat,
  type OutputFrame,
  type Sample,
  type TrajectoryWriter,
} from './trajectoryWriters.ts';

/** Exit code when the output is written but some objects stopped early or were not found. */
export const EXIT_SOME_FAILED = 3;

const MS_PER_MINUTE = 60_000;

/** From this many objects on a UTC grid, states are computed on worker threads. */
export const WORKER_THRESHOLD_OBJECTS = 2000;
/** Objects per wave on worker threads: one wave is written while the next is propagated. */
const WAVE_OBJECTS = 1024;

/** `A:B:STEP` in minutes; A and B may be negative (`--minutes=-1440:0:60`). */
export function parseMinutesRange(text: string): { start: number; stop: number; step: number } {
  const parts = text.split(':');
  const numbers = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const [start, stop, step] = numbers;
  if (numbers.length !== 3 || start === undefined || stop === undefined || step === undefined || !numbers.every(Number.isFinite)) {
    throw new InvalidArgumentError(`expected A:B:STEP, three numbers of minutes such as 0:1440:10, found "${text}"`);
  }
  if (step <= 0) throw new InvalidArgumentError(`expected a positive STEP, found ${step}`);
  if (stop < start) throw new InvalidArgumentError(`expected A <= B, found A = ${start} after B = ${stop}`);
  return { start, stop, step };
}

function parseStepSeconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`expected a positive number of seconds, found "${text}"`);
  }
  return value;
}

interface PropagateOptions {
  readonly elements: string;
  readonly ids?: number[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly step?: number | undefined;
  readonly minutes?: { start: number; stop: number; step: number } | undefined;
  readonly frame: OutputFrame;
  readonly format: OutputFormat;
  readonly eop?: string | undefined;
  readonly strict?: true | undefined;
  readonly ignoreChecksums?: true | undefined;
  readonly ignoreRanges?: true | undefined;
  readonly quiet?: true | undefined;
}

/** Reports a usage mistake the way commander reports its own (message on stderr, exit code 1). */
type UsageError = (message: string) => never;

/** Either one UTC grid for every object, or minutes counted from each object's own epoch. */
type TimeGrid = { readonly kind: 'utc'; readonly utcMs: readonly number[] } | { readonly kind: 'minutes'; readonly minutes: readonly number[] };

export function registerPropagateCommand(program: Command): void {
  program
    .command('propagate')
    .description('SGP4/SDP4 state vectors of the objects of an element file over a time grid')
    .requiredOption('--elements <file>', 'element file: TLE/3LE, or OMM as KVN, XML, JSON or CSV')
    .option('--ids <ids>', 'only these catalog ids, comma-separated (Alpha-5 T0000 = 270000)', parseIdList)
    .option('--from <iso>', 'first time, ISO-8601 UTC (with --to and --step)')
    .option('--to <iso>', 'last time, ISO-8601 UTC, always included')
    .option('--step <seconds>', 'time step in seconds', parseStepSeconds)
    .option('--minutes <A:B:STEP>', "minutes from each object's own epoch, A to B by STEP, plus B", parseMinutesRange)
    .addOption(new Option('--frame <frame>', 'output frame').choices(['teme', 'itrf', 'geodetic'] as const).default('teme' as const))
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'oem'] as const).default('csv' as const))
    .option('--eop <file>', 'Earth orientation (IERS finals2000A or CelesTrak EOP-All.csv) for itrf and geodetic')
    .option('--strict', 'any problem in the element file is fatal')
    .option('--ignore-checksums', 'read TLE records whose column-69 checksum is wrong')
    .option('--ignore-ranges', 'read element sets whose values are outside their physical range')
    .option('--quiet', 'no progress bar')
    .action(async (options, command) => {
      process.exitCode = await runPropagate(options, (message) => command.error(`error: ${message}`));
    });
}

function timeGrid(o: PropagateOptions, usage: UsageError): TimeGrid {
  const utcGiven = o.from !== undefined || o.to !== undefined || o.step !== undefined;
  if (o.minutes !== undefined && utcGiven) usage('give either --from/--to/--step or --minutes, not both');
  if (o.minutes !== undefined) {
    const { start, stop, step } = o.minutes;
    return { kind: 'minutes', minutes: gridOrUsageError(usage, start, stop, step, 'minutes') };
  }
  if (o.from === undefined || o.to === undefined || o.step === undefined) {
    usage('give the times as --from ISO --to ISO --step SECONDS, or as --minutes A:B:STEP');
  }
  const fromMs = parseIsoUtc(o.from, { field: '--from' });
  const toMs = parseIsoUtc(o.to, { field: '--to' });
  if (toMs < fromMs) usage(`--to ${o.to} is before --from ${o.from}`);
  return { kind: 'utc', utcMs: gridOrUsageError(usage, fromMs, toMs, o.step * 1000, 'ms') };
}

function gridOrUsageError(usage: UsageError, start: number, stop: number, step: number, unit: string): number[] {
  try {
    return stepGrid(start, stop, step);
  } catch (error) {
    if (error instanceof RangeError) usage(`time grid ${start}:${stop}:${step} ${unit}: ${error.message}`);
    throw error;
  }
}

async function runPropagate(o: PropagateOptions, usage: UsageError): Promise<number> {
  const grid = timeGrid(o, usage);
  if (o.format === 'oem' && o.frame === 'geodetic') {
    usage('--format oem carries Cartesian states: use --frame teme or itrf');
  }
  const eop = o.eop === undefined ? undefined : parseEop(await readFile(o.eop, 'utf8'), o.eop);
  const loaded = await readElementsFile(o.elements, {
    strict: o.strict === true,
    ids: o.ids,
    checksums: o.ignoreChecksums === true ? 'ignore' : 'verify',
    ranges: o.ignoreRanges === true ? 'ignore' : 'verify',
  });
  const writer = writerFor(o.format, o.frame);
  const out = new StdoutSink();
  const bar = process.stderr.isTTY && o.quiet !== true ? new ProgressBar(loaded.elements.length) : undefined;
  let failed = loaded.missingIds.length;
  await out.write(writer.begin());
  const emit = async (es: ElementSet, { samples, failure }: ObjectStates): Promise<void> => {
    if (failure !== undefined) {
      failed++;
      bar?.clearLine();
      const where = formatLocation({ file: es.source?.file ?? o.elements, ...(es.source?.line === undefined ? {} : { line: es.source.line }) });
      process.stderr.write(`zenith: ${where}[${failure.code}] ${failure.message}\n`);
    }
    await out.write(writer.object(es, samples, failure));
    bar?.increment();
  };
  const elements = loaded.elements;
  if (grid.kind === 'utc' && elements.length >= WORKER_THRESHOLD_OBJECTS) {
    await propagateOnWorkers(elements, grid.utcMs, o.frame, eop, out, emit);
  } else {
    const batch = batchFromElements(elements);
    const buffers = createStateBuffers(grid.kind === 'utc' ? grid.utcMs.length : grid.minutes.length);
    for (const [i, es] of elements.entries()) {
      if (out.closed) break;
      await emit(es, propagateOne(batch, i, es, grid, o.frame, eop, buffers));
    }
  }
  bar?.stop();
  await out.write(writer.end());
  return failed > 0 ? EXIT_SOME_FAILED : 0;
}

/**
 * Waves of objects on worker threads, written in order: wave n + 1 is propagated while wave n is
 * written, so at most two waves of states are held.
 */
async function propagateOnWorkers(
  elements: readonly ElementSet[],
  utcMs: readonly number[],
  frame: OutputFrame,
  eop: EopTable | undefined,
  out: StdoutSink,
  emit: (es: ElementSet, states: ObjectStates) => Promise<void>,
): Promise<void> {
  const count = utcMs.length;
  const pool: PropagationPool = createPropagationPool();
  const wave = async (first: number): Promise<StateBuffers> => {
    const objects = elements.slice(first, first + WAVE_OBJECTS);
    const buffers = createStateBuffers(objects.length * count);
    await propagateCatalog(objects, { timesMs: utcMs }, (chunk) => {
      const at = chunk.first * count;
      buffers.positionsKm.set(chunk.positionsKm, 3 * at);
      if (chunk.velocitiesKmPerS !== undefined) buffers.velocitiesKmPerS.set(chunk.velocitiesKmPerS, 3 * at);
      buffers.errors.set(chunk.errors, at);
    }, { pool, chunkObjects: 128 });
    return buffers;
  };
  try {
    const grid: TimeGrid = { kind: 'utc', utcMs };
    let next: Promise<StateBuffers> | undefined = wave(0);
    for (let first = 0; next !== undefined; first += WAVE_OBJECTS) {
      const buffers: StateBuffers = await next;
      next = first + WAVE_OBJECTS < elements.length ? wave(first + WAVE_OBJECTS) : undefined;
      // Keep a rejected look-ahead from being reported as unhandled when the output closes first.
      next?.catch(() => undefined);
      for (const [j, es] of elements.slice(first, first + WAVE_OBJECTS).entries()) {
        if (out.isClosed()) break;
        await emit(es, statesOf(es, grid, frame, eop, buffers, j * count));
      }
      if (out.isClosed()) break;
    }
    if (next !== undefined) await next.catch(() => undefined);
  } finally {
    await pool.destroy();
  }
}

function writerFor(format: OutputFormat, frame: OutputFrame): TrajectoryWriter {
  if (format === 'csv') return csvWriter(frame);
  if (format === 'json') return jsonWriter(frame);
  if (frame === 'geodetic') throw new RangeError('OEM needs a Cartesian frame');
  return oemWriter(frame, Date.now());
}

interface ObjectStates {
  readonly samples: Sample[];
  readonly failure: PropagationError | undefined;
}

/**
 * States of object `index` of `batch` over the grid in the output frame, up to its first
 * propagation error. Times beyond the batch propagator's reach (centuries from epoch) go through
 * the single-object Propagator instead.
 */
function propagateOne(
  batch: Sgp4Batch,
  index: number,
  es: ElementSet,
  grid: TimeGrid,
  frame: OutputFrame,
  eop: EopTable | undefined,
  buffers: StateBuffers,
): ObjectStates {
  const minutes = grid.kind === 'utc' ? grid.utcMs.map((t) => (t - es.epochMs) / MS_PER_MINUTE) : grid.minutes;
  if (!minutes.every((m) => Math.abs(m) <= MAX_MINUTES_FROM_EPOCH)) return propagateScalar(es, grid, frame, eop);
  if (grid.kind === 'utc') propagateTimes(batch, index, grid.utcMs, buffers);
  else propagateMinutes(batch, index, grid.minutes, buffers);
  return statesOf(es, grid, frame, eop, buffers, 0);
}

/** The samples of one object from batch buffers (its states from `first` on), up to its first error. */
function statesOf(es: ElementSet, grid: TimeGrid, frame: OutputFrame, eop: EopTable | undefined, buffers: StateBuffers, first: number): ObjectStates {
  const times = grid.kind === 'utc' ? grid.utcMs : grid.minutes;
  const { positionsKm: p, velocitiesKmPerS: v, errors } = buffers;
  const samples: Sample[] = [];
  for (const [k, time] of times.entries()) {
    const minutesSinceEpoch = grid.kind === 'utc' ? (time - es.epochMs) / MS_PER_MINUTE : time;
    const utcMs = grid.kind === 'utc' ? time : es.epochMs + time * MS_PER_MINUTE;
    const code = errors[first + k] ?? 0;
    if (code !== 0) {
      const failure = new PropagationError(code === SGP4_NOT_FINITE ? SGP4_NOT_FINITE_NUMBER : code, es.catalogId, minutesSinceEpoch);
      return { samples, failure };
    }
    const s = 3 * (first + k);
    const position = { x: p[s] ?? 0, y: p[s + 1] ?? 0, z: p[s + 2] ?? 0 };
    const velocity = { x: v?.[s] ?? 0, y: v?.[s + 1] ?? 0, z: v?.[s + 2] ?? 0 };
    const inFrame = frame === 'teme' ? { position, velocity } : temeToItrf(position, velocity, utcMs, eop);
    samples.push({ utcMs, minutesSinceEpoch, position: inFrame.position, velocity: inFrame.velocity });
  }
  return { samples, failure: undefined };
}

/** The single-object Propagator over the grid: for times the batch does not take. */
function propagateScalar(es: ElementSet, grid: TimeGrid, frame: OutputFrame, eop: EopTable | undefined): ObjectStates {
  const propagator = Propagator.fromElements(es);
  const times = grid.kind === 'utc' ? grid.utcMs : grid.minutes;
  const samples: Sample[] = [];
  for (const time of times) {
    const minutesSinceEpoch = grid.kind === 'utc' ? propagator.minutesSinceEpoch(time) : time;
    const utcMs = grid.kind === 'utc' ? time : es.epochMs + time * MS_PER_MINUTE;
    const state = propagator.propagateMinutes(minutesSinceEpoch);
    if (!state.ok) return { samples, failure: state.error };
    const inFrame = frame === 'teme' ? state : temeToItrf(state.position, state.velocity, utcMs, eop);
    samples.push({ utcMs, minutesSinceEpoch, position: inFrame.position, velocity: inFrame.velocity });
  }
  return { samples, failure: undefined };
}

/** stdout with back-pressure; a reader that goes away (`| head`) ends the run quietly. */
class StdoutSink {
  closed = false;

  constructor() {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      this.closed = true;
    });
  }

  /** The reader went away (read through a call, as the flag changes behind the compiler's back). */
  isClosed(): boolean {
    return this.closed;
  }

  async write(text: string): Promise<void> {
    if (text === '' || this.closed) return;
    if (!process.stdout.write(text)) {
      await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'close')]);
    }
  }
}

/** cli-progress on stderr, shown only on a terminal. */
class ProgressBar {
  readonly #bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'propagate [{bar}] {value}/{total} objects | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );

  constructor(total: number) {
    this.#bar.start(total, 0);
  }

  increment(): void {
    this.#bar.increment();
  }

  /** Makes room for a message line; the bar redraws itself on the next increment. */
  clearLine(): void {
    process.stderr.write('\r\x1b[K');
  }

  stop(): void {
    this.#bar.stop();
  }
}
