// `npm run bench`: runs every benchmark one after the other, each in its own process so that one
// does not warm or slow the next. Each prints our figure and its peers' measured in the same run.
// `npm run bench -- passes` runs only the benchmarks whose name contains "passes".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const BENCHMARKS: readonly { name: string; file: string; what: string }[] = [
  { name: 'propagation', file: 'bench/propagation.ts', what: 'whole-catalog SGP4: ours vs satellite.js scalar and bulk' },
  { name: 'passes', file: 'bench/passes.ts', what: 'passes of 1000 LEO payloads x 3 stations x 7 days' },
  { name: 'passes-catalog', file: 'bench/passesCatalog.ts', what: 'passes of 10,000 objects x 10 stations x 7 days on both cores' },
  { name: 'mdb-decode', file: 'bench/mdbDecode.ts', what: 'XTCE decoding of the CTIM capture beside a fixed-offset peer' },
  { name: 'archive-ingest', file: 'bench/archiveIngest.ts', what: 'archive inserts: SQLite and PostgreSQL' },
  { name: 'ingest', file: 'bench/ingest.ts', what: 'frames through the whole telemetry pipeline' },
  { name: 'ws-fanout', file: 'bench/wsFanout.ts', what: 'WebSocket fan-out to 100 subscribers' },
];

const filter = process.argv.slice(2);
const cpu = cpus()[0];
console.log(`machine: ${cpus().length} x ${cpu?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
let failed = 0;
for (const bench of BENCHMARKS) {
  if (filter.length > 0 && !filter.some((f) => bench.name.includes(f))) continue;
  if (!existsSync(bench.file)) {
    console.log(`\n== ${bench.name}: ${bench.file} is missing`);
    failed += 1;
    continue;
  }
  console.log(`\n== ${bench.name}: ${bench.what}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', bench.file], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log(`== ${bench.name} failed (exit ${run.status ?? run.signal ?? 'unknown'})`);
    failed += 1;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
