// Whole-catalog SGP4/SDP4 propagation (the 2022 Space-Track catalog, 24,132 objects, one day at 60 s):
// our batch propagator beside, in the same run and on the same satellite.js records, satellite.js's
// scalar sgp4 loop and its WASM BulkPropagator; then the deep-space objects alone (period >= 225 min);
// then the whole catalog on worker threads: wall time from element sets to states, the records built
// in the workers (elementSetToSatrec, as `zenith propagate` builds them).
// Run: npx tsx bench/propagation.ts [--threads=2]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BulkPropagator,
  createSingleThreadRuntime,
  EciBaseCalculator,
  sgp4,
  twoline2satrec,
  type SatRec,
} from 'satellite.js';
import { parseElements, type ElementSet } from '../src/core/orbit/index.ts';
import {
  createSgp4Batch,
  createStateBuffers,
  KIND_DEEP_SPACE,
  propagateGrid,
  type Sgp4Batch,
} from '../src/core/orbit/batch/index.ts';
import { createPropagationPool, propagateCatalog, type PropagationPool } from '../src/complex/workers/index.ts';
import { machineLine, verdict } from './machine.ts';

const FILE = resolve('../shared/data/tle/spacetrack-full-catalog-2022-07/3le.txt');
const START_MS = Date.UTC(2022, 6, 22);
const STEP_MS = 60_000;
const STEPS = 1440;
/** Records per BulkPropagator run: its output for the whole catalog would not fit WASM memory. */
const BULK_CHUNK = 1000;

export interface Timing {
  /** Wall time, s. */
  readonly seconds: number;
  /** CPU time of this process, s (all threads). */
  readonly cpuSeconds: number;
  readonly propagations: number;
  /** Steps that ended in an SGP4 error, as a check that the peers did the same work. */
  readonly failed: number;
}

export interface PropagationBenchResult {
  readonly objects: number;
  readonly deepObjects: number;
  readonly recordsSeconds: number;
  readonly ours: Timing;
  readonly scalar: Timing;
  readonly bulk: Timing;
  readonly deepOurs: Timing;
  readonly deepScalar: Timing;
  readonly deepBulk: Timing;
  readonly threads: number;
  /** Whole catalog on `threads` worker threads, pool already started; records built in the workers. */
  readonly parallel: Timing;
  /** The same including starting the pool (workers load TypeScript through tsx). */
  readonly parallelCold: Timing;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function timed(propagations: number, run: () => number): Timing {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const failed = run();
  return { seconds: (performance.now() - wall0) / 1000, cpuSeconds: cpuSeconds() - cpu0, propagations, failed };
}

async function timedAsync(propagations: number, run: () => Promise<number>): Promise<Timing> {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const failed = await run();
  return { seconds: (performance.now() - wall0) / 1000, cpuSeconds: cpuSeconds() - cpu0, propagations, failed };
}

function ours(batch: Sgp4Batch, objects: readonly number[]): Timing {
  const out = createStateBuffers(STEPS);
  return timed(objects.length * STEPS, () => {
    let failed = 0;
    for (const i of objects) failed += propagateGrid(batch, i, START_MS, STEP_MS, STEPS, out);
    return failed;
  });
}

/** satellite.js's scalar loop: sgp4(satrec, minutes since epoch), the minutes reckoned as ours are. */
function scalar(satrecs: readonly SatRec[], epochs: readonly number[], objects: readonly number[]): Timing {
  return timed(objects.length * STEPS, () => {
    let failed = 0;
    for (const i of objects) {
      const satrec = satrecs[i]!;
      const epochMs = epochs[i]!;
      for (let k = 0; k < STEPS; k++) {
        if (sgp4(satrec, (START_MS + k * STEP_MS - epochMs) / 60_000) === null) failed++;
      }
    }
    return failed;
  });
}

/** satellite.js's WASM BulkPropagator (single-thread runtime), EciBaseCalculator, in chunks of records. */
async function bulk(satrecs: readonly SatRec[], objects: readonly number[]): Promise<Timing> {
  const runtime = await createSingleThreadRuntime();
  const dates = Array.from({ length: STEPS }, (_, k) => new Date(START_MS + k * STEP_MS));
  const propagator = new BulkPropagator({ runtime, calculators: [new EciBaseCalculator()], satRecsCount: BULK_CHUNK, datesCount: STEPS });
  propagator.setDates(dates);
  const timing = timed(objects.length * STEPS, () => {
    let failed = 0;
    for (let first = 0; first < objects.length; first += BULK_CHUNK) {
      propagator.setSatRecs(objects.slice(first, first + BULK_CHUNK).map((i) => satrecs[i]!));
      propagator.run();
      for (const code of propagator.getRawOutput().eci.error) if (code !== 0) failed++;
    }
    return failed;
  });
  propagator.dispose();
  try {
    runtime.dispose();
  } catch {
    // Emscripten reports its orderly exit(0) by throwing ExitStatus.
  }
  return timing;
}

async function parallel(elements: readonly ElementSet[], threads: number): Promise<{ warm: Timing; cold: Timing }> {
  const grid = { startMs: START_MS, stepMs: STEP_MS, count: STEPS };
  const steps = elements.length * STEPS;
  let pool: PropagationPool | undefined;
  const cold = await timedAsync(steps, async () => {
    // A fresh pool: the first job also starts the workers.
    pool = createPropagationPool({ threads });
    return (await propagateCatalog(elements, grid, () => undefined, { pool })).failedSteps;
  });
  const started = pool!;
  const warm = await timedAsync(steps, async () => (await propagateCatalog(elements, grid, () => undefined, { pool: started })).failedSteps);
  await started.destroy();
  return { warm, cold };
}

function rate(t: Timing): string {
  return `${t.seconds.toFixed(2)} s (cpu ${t.cpuSeconds.toFixed(2)} s), ${(t.propagations / t.seconds / 1e6).toFixed(2)} M/s, ${t.failed} failed`;
}

export async function runPropagationBench(options: { threads?: number; print?: boolean } = {}): Promise<PropagationBenchResult> {
  const print = options.print ?? true;
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const log = (line: string): void => {
    if (print) console.log(line);
  };
  const text = readFileSync(FILE, 'utf8');
  const elements = parseElements(text, { file: FILE }).elements;
  const lines = text.split(/\r?\n/);
  const t0 = performance.now();
  // Both sides start from the same records, built the way satellite.js users build them
  // (twoline2satrec: one sgp4init each, objects of one shape that its sgp4 reads fast).
  const satrecs: SatRec[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]!.startsWith('1 ') && lines[i + 1]!.startsWith('2 ')) satrecs.push(twoline2satrec(lines[i]!, lines[++i]!));
  }
  const recordsSeconds = (performance.now() - t0) / 1000;
  if (satrecs.length !== elements.length) throw new Error(`${satrecs.length} records for ${elements.length} element sets`);
  const batch = createSgp4Batch(satrecs);
  const epochs = [...batch.epochMs];
  const all = elements.map((_, i) => i);
  const deep = all.filter((i) => batch.kind[i] === KIND_DEEP_SPACE);
  log(machineLine());
  log(`${elements.length} objects (${deep.length} deep-space), ${STEPS} steps of ${STEP_MS / 1000} s from ${new Date(START_MS).toISOString()}`);
  log(`records (satellite.js twoline2satrec, both sides): ${recordsSeconds.toFixed(2)} s`);

  // Warm-up, not timed: let V8 compile each side's code before the clock runs.
  const warmUp = all.slice(0, 300);
  ours(batch, warmUp);
  scalar(satrecs, epochs, warmUp);
  await bulk(satrecs, warmUp);

  const oursAll = ours(batch, all);
  const scalarAll = scalar(satrecs, epochs, all);
  const bulkAll = await bulk(satrecs, all);
  log('one core, whole catalog:');
  log(`  ours (batch)            ${rate(oursAll)}`);
  log(`  satellite.js sgp4 loop  ${rate(scalarAll)}  -> ours ${(scalarAll.seconds / oursAll.seconds).toFixed(2)}x faster (cpu ${(scalarAll.cpuSeconds / oursAll.cpuSeconds).toFixed(2)}x)`);
  log(`  satellite.js WASM bulk  ${rate(bulkAll)}  -> ours ${(bulkAll.seconds / oursAll.seconds).toFixed(2)}x faster (cpu ${(bulkAll.cpuSeconds / oursAll.cpuSeconds).toFixed(2)}x)`);

  const deepOurs = ours(batch, deep);
  const deepScalar = scalar(satrecs, epochs, deep);
  const deepBulk = await bulk(satrecs, deep);
  log('one core, deep-space objects only:');
  log(`  ours (batch)            ${rate(deepOurs)}`);
  log(`  satellite.js sgp4 loop  ${rate(deepScalar)}  -> ours ${(deepScalar.seconds / deepOurs.seconds).toFixed(2)}x faster (cpu ${(deepScalar.cpuSeconds / deepOurs.cpuSeconds).toFixed(2)}x)`);
  log(`  satellite.js WASM bulk  ${rate(deepBulk)}  -> ours ${(deepBulk.seconds / deepOurs.seconds).toFixed(2)}x faster (cpu ${(deepBulk.cpuSeconds / deepOurs.cpuSeconds).toFixed(2)}x)`);

  const { warm, cold } = await parallel(elements, threads);
  log(`${threads} worker threads, whole catalog (records built in the workers):`);
  log(`  pool started            ${rate(warm)}`);
  log(`  including pool start    ${rate(cold)}`);
  log('targets:');
  log(`  whole catalog, one core: at least 4x satellite.js's loop: ${(scalarAll.seconds / oursAll.seconds).toFixed(2)}x, ${verdict(scalarAll.seconds / oursAll.seconds, 4, false)}`);
  log(`  deep space alone, one core: at least 2x: ${(deepScalar.seconds / deepOurs.seconds).toFixed(2)}x, ${verdict(deepScalar.seconds / deepOurs.seconds, 2, false)}`);
  log(`  whole catalog for one day on ${threads} threads under 3.5 s: ${warm.seconds.toFixed(2)} s (pool started), ${verdict(warm.seconds, 3.5, true)}; ${cold.seconds.toFixed(2)} s with the pool start`);
  log(machineLine());
  return {
    objects: elements.length,
    deepObjects: deep.length,
    recordsSeconds,
    ours: oursAll,
    scalar: scalarAll,
    bulk: bulkAll,
    deepOurs,
    deepScalar,
    deepBulk,
    threads,
    parallel: warm,
    parallelCold: cold,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--threads='));
  await runPropagationBench(arg === undefined ? {} : { threads: Number(arg.slice('--threads='.length)) });
}
