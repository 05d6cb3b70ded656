// Catalog-wide passes on both cores: 10,000 objects of the 2026 payload set (spread over the whole
// file: LEO constellations, sun-synchronous, MEO, GEO) over a 10-station network for 7 days, on
// worker threads with findCatalogPassTable (the figure for the target), then the extra time to make
// Pass objects of its rows, and a sample on this thread to show the same passes.
// Run: npx tsx bench/passesCatalog.ts [--objects=10000] [--threads=2]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPassSearchPool, findCatalogPassTable } from '../src/complex/workers/index.ts';
import { parseElements } from '../src/core/orbit/index.ts';
import { ephemeridesFromElements, findPasses, type EphemerisSource, type PassStation } from '../src/core/passes/index.ts';
import { formatIsoUtc } from '../src/core/time/index.ts';
import { machineLine, verdict } from './machine.ts';

const DEG = Math.PI / 180;
const FILE = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const FROM_MS = Date.UTC(2026, 5, 10);
const TO_MS = FROM_MS + 7 * 86_400_000;
const TARGET_S = 10;
/** A ground network from pole to pole, on every continent. */
const STATIONS = [
  { name: 'SVALBARD', latDeg: 78.23, lonDeg: 15.41, altM: 500 },
  { name: 'KIRUNA', latDeg: 67.86, lonDeg: 20.96, altM: 400 },
  { name: 'FAIRBANKS', latDeg: 64.86, lonDeg: -147.85, altM: 300 },
  { name: 'MADRID', latDeg: 40.43, lonDeg: -4.25, altM: 800 },
  { name: 'WALLOPS', latDeg: 37.94, lonDeg: -75.46, altM: 10 },
  { name: 'SINGAPORE', latDeg: 1.35, lonDeg: 103.82, altM: 20 },
  { name: 'HARTRAO', latDeg: -25.89, lonDeg: 27.69, altM: 1415 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altM: 690 },
  { name: 'SANTIAGO', latDeg: -33.15, lonDeg: -70.67, altM: 720 },
  { name: 'TROLL', latDeg: -72.01, lonDeg: 2.53, altM: 1270 },
];

/** The sources, counting the states they give on grids and one time at a time. */
function countedWork(sources: readonly EphemerisSource[]): { sources: EphemerisSource[]; readonly gridStates: number; readonly singles: number } {
  const counts = { gridStates: 0, singles: 0 };
  const wrapped = sources.map((s): EphemerisSource => ({
    id: s.id,
    name: s.name,
    scanStepMs: s.scanStepMs,
    ...(s.motionBound === undefined ? {} : { motionBound: s.motionBound }),
    stateItrfAt: (t, out, offset) => {
      counts.singles++;
      return s.stateItrfAt(t, out, offset);
    },
    ...(s.statesItrfOnGrid === undefined
      ? {}
      : {
          statesItrfOnGrid: (start: number, step: number, count: number, out: Float64Array) => {
            const reached = s.statesItrfOnGrid?.(start, step, count, out) ?? 0;
            counts.gridStates += reached;
            return reached;
          },
        }),
  }));
  return {
    sources: wrapped,
    get gridStates() {
      return counts.gridStates;
    },
    get singles() {
      return counts.singles;
    },
  };
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export async function runPassesCatalogBench(objects = 10_000, threads = Math.min(2, availableParallelism())): Promise<number> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(machineLine());
  const all = parseElements(readFileSync(FILE, 'utf8'), { file: FILE }).elements;
  const count = Math.min(objects, all.length);
  const elements = Array.from({ length: count }, (_, j) => all[Math.floor((j * all.length) / count)]!);
  const stations: PassStation[] = STATIONS.map((s) => ({
    name: s.name,
    geodetic: { latitudeRad: s.latDeg * DEG, longitudeRad: s.lonDeg * DEG, altitudeKm: s.altM / 1000 },
  }));
  log(`${count} objects x ${stations.length} stations x 7 days (${formatIsoUtc(FROM_MS)} .. ${formatIsoUtc(TO_MS)}), minimum elevation 0 deg, ${threads} worker threads`);
  const pool = createPassSearchPool({ threads });
  try {
    // Start the workers (each loads TypeScript through tsx) and warm their JIT on a small job.
    const t0 = performance.now();
    await findCatalogPassTable(elements.slice(0, 4 * threads), stations, FROM_MS, TO_MS, { pool, chunkObjects: 2 });
    const startS = (performance.now() - t0) / 1000;
    const cpu0 = process.cpuUsage();
    const busy0 = performance.eventLoopUtilization();
    const t1 = performance.now();
    const table = await findCatalogPassTable(elements, stations, FROM_MS, TO_MS, { pool });
    const seconds = (performance.now() - t1) / 1000;
    const busy = performance.eventLoopUtilization(busy0);
    const cpu = process.cpuUsage(cpu0);
    log(`workers: ${seconds.toFixed(2)} s to a table (pool start and warm-up ${startS.toFixed(2)} s before), ${table.count} passes, ${table.failures.length} objects stopped by SGP4 errors; process cpu (all threads) ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, main thread busy ${(busy.active / 1000).toFixed(2)} s`);
    log(`target under ${TARGET_S} s on both cores: ${verdict(seconds, TARGET_S, true)}`);
    const tPasses = performance.now();
    const passes = table.toPasses();
    log(`Pass objects of every row (toPasses, as findCatalogPasses returns them): ${((performance.now() - tPasses) / 1000).toFixed(2)} s more`);
    // One thread on a sample: the same passes, and its rate for comparison.
    const sample = elements.filter((_, j) => j % 20 === 0);
    const t2 = performance.now();
    const single = findPasses(ephemeridesFromElements(sample), stations, FROM_MS, TO_MS);
    const singleS = (performance.now() - t2) / 1000;
    const ids = new Set(sample.map((es) => es.catalogId));
    const fromWorkers = passes.filter((p) => ids.has(p.objectId));
    const same = JSON.stringify(fromWorkers) === JSON.stringify(single.passes);
    log(`one thread on every 20th object (${sample.length}): ${singleS.toFixed(2)} s (${((singleS / sample.length) * 1000).toFixed(2)} ms per object); passes ${same ? 'identical to' : 'DIFFERENT from'} the workers'`);
    // The work itself, which does not move with the machine's speed as times do.
    const work = countedWork(ephemeridesFromElements(sample));
    findPasses(work.sources, stations, FROM_MS, TO_MS);
    const per = (n: number): string => (n / sample.length).toFixed(0);
    log(`work per object on that sample: ${per(work.gridStates)} grid states (one call each object), ${per(work.singles)} single propagations (events confirmed), ${(single.passes.length / sample.length).toFixed(0)} passes`);
    log(machineLine());
    return seconds;
  } finally {
    await pool.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const threads = argument('threads');
  await runPassesCatalogBench(Number(argument('objects') ?? 10_000), threads === undefined ? undefined : Number(threads));
}
