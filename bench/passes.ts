// All passes of 1000 objects of the 2026 LEO payload set over 3 stations for 7 days: our findPasses
// on the batch propagator (skipping far-below samples) beside, in the same run, a plain 60 s step +
// bisection search on satellite.js and Skyfield's find_events (timed inside Python). Prints times,
// ratios, how far the pass lists agree, and that skipping changed no pass.
// Run: npx tsx bench/passes.ts [--objects=1000] [--skyfield-objects=40|all|0]
// Skyfield runs Debian's pure-Python SGP4 (about 0.6 s per object, station and week), so by
// default it searches the first 40 of the objects, and the ratio is taken against our time on those.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseElements } from '../src/core/orbit/index.ts';
import type { ElementSet } from '../src/core/orbit/index.ts';
import { ephemeridesFromElements, findPasses } from '../src/core/passes/index.ts';
import type { PassStation } from '../src/core/passes/index.ts';
import { formatIsoUtc } from '../src/core/time/index.ts';
import { machineLine, verdict } from './machine.ts';
import { peerPasses } from './passesSatelliteJsPeer.ts';

const DEG = Math.PI / 180;
const FILE = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const FROM_MS = Date.UTC(2026, 5, 10);
const TO_MS = FROM_MS + 7 * 86_400_000;
const STATIONS = [
  { name: 'SVALBARD', latDeg: 78.23, lonDeg: 15.41, altM: 500 },
  { name: 'MADRID', latDeg: 40.43, lonDeg: -4.25, altM: 800 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altM: 690 },
];

/** A pass reduced to what the three searches share. */
export interface ComparablePass {
  readonly id: number;
  readonly station: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly maxElevationDeg: number;
}

export interface Agreement {
  readonly matched: number;
  /** Passes of ours the peer does not have, and the highest of them (deg). */
  readonly onlyOurs: number;
  readonly onlyOursHighestDeg: number;
  /** The longest of them (ms). */
  readonly onlyOursLongestMs: number;
  readonly onlyPeer: number;
  readonly onlyPeerHighestDeg: number;
  readonly worstAosMs: number;
  readonly worstLosMs: number;
  readonly worstElevationDeg: number;
}

/** Matches passes of the same object and station that overlap in time. */
export function compare(ours: readonly ComparablePass[], peer: readonly ComparablePass[]): Agreement {
  const key = (p: ComparablePass): string => `${p.id}/${p.station}`;
  const pool = new Map<string, ComparablePass[]>();
  for (const p of peer) pool.set(key(p), [...(pool.get(key(p)) ?? []), p]);
  let matched = 0;
  let onlyOurs = 0;
  let onlyOursHighestDeg = -90;
  let onlyOursLongestMs = 0;
  let worstAosMs = 0;
  let worstLosMs = 0;
  let worstElevationDeg = 0;
  for (const p of ours) {
    const candidates = pool.get(key(p)) ?? [];
    const i = candidates.findIndex((q) => q.aosMs <= p.losMs && p.aosMs <= q.losMs);
    const q = candidates[i];
    if (q === undefined) {
      onlyOurs++;
      onlyOursHighestDeg = Math.max(onlyOursHighestDeg, p.maxElevationDeg);
      onlyOursLongestMs = Math.max(onlyOursLongestMs, p.losMs - p.aosMs);
      continue;
    }
    candidates.splice(i, 1);
    matched++;
    worstAosMs = Math.max(worstAosMs, Math.abs(p.aosMs - q.aosMs));
    worstLosMs = Math.max(worstLosMs, Math.abs(p.losMs - q.losMs));
    worstElevationDeg = Math.max(worstElevationDeg, Math.abs(p.maxElevationDeg - q.maxElevationDeg));
  }
  const left = [...pool.values()].flat();
  return {
    matched,
    onlyOurs,
    onlyOursHighestDeg,
    onlyOursLongestMs,
    onlyPeer: left.length,
    onlyPeerHighestDeg: Math.max(-90, ...left.map((q) => q.maxElevationDeg)),
    worstAosMs,
    worstLosMs,
    worstElevationDeg,
  };
}

function describe(a: Agreement): string {
  const extra = (n: number, deg: number): string => (n === 0 ? '0' : `${n} (highest ${deg.toFixed(3)} deg)`);
  return (
    `${a.matched} matched; only ours ${extra(a.onlyOurs, a.onlyOursHighestDeg)}, only peer ${extra(a.onlyPeer, a.onlyPeerHighestDeg)}; ` +
    `worst AOS ${a.worstAosMs.toFixed(1)} ms, LOS ${a.worstLosMs.toFixed(1)} ms, max elevation ${a.worstElevationDeg.toFixed(4)} deg`
  );
}

/** The TLE lines of each object, by catalog id, as the peers read them. */
function tleLines(text: string, records: readonly ElementSet[]): Map<number, [string, string]> {
  const lines = text.split(/\r?\n/);
  const out = new Map<number, [string, string]>();
  for (const es of records) {
    const line = es.source?.line;
    if (line === undefined) continue;
    // The 3LE record's source line is its name line or its line 1; find line 1 from there.
    const start = lines[line - 1]?.startsWith('1 ') === true ? line - 1 : line;
    out.set(es.catalogId, [lines[start] ?? '', lines[start + 1] ?? '']);
  }
  return out;
}

interface SkyfieldAnswer {
  seconds: number;
  objects: number;
  passes: { id: number; station: string; aosMs: number; losMs: number; maxElevationDeg: number }[];
}

function skyfield(ids: readonly number[]): SkyfieldAnswer {
  const request = JSON.stringify({
    jobs: [{ tleFile: FILE, ids, from: formatIsoUtc(FROM_MS), to: formatIsoUtc(TO_MS) }],
    stations: STATIONS,
    minElevationDeg: 0,
  });
  const run = spawnSync('/usr/bin/python3', [resolve('bench/skyfieldPasses.py')], { input: request, maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`skyfieldPasses.py failed: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as SkyfieldAnswer;
}

export interface PassesBenchOptions {
  readonly objects?: number;
  /** How many of the objects Skyfield searches; 0 skips it. */
  readonly skyfieldObjects?: number;
  readonly log?: (line: string) => void;
}

export interface PassesBenchResult {
  readonly objects: number;
  readonly passes: number;
  readonly oursMs: number;
  readonly satelliteJsMs: number;
  readonly skyfield?: { readonly objects: number; readonly skyfieldMs: number; readonly oursMs: number };
}

export function runPassesBench(options: PassesBenchOptions = {}): PassesBenchResult {
  const log = options.log ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const count = options.objects ?? 1000;
  const text = readFileSync(FILE, 'utf8');
  const all = parseElements(text, { file: FILE }).elements;
  // Every k-th object, so the set spans the catalogue (Starlink, OneWeb, sun-synchronous, ISS...).
  const step = Math.max(1, Math.floor(all.length / count));
  const elements = all.filter((_, i) => i % step === 0).slice(0, count);
  const lines = tleLines(text, elements);
  const stations: PassStation[] = STATIONS.map((s) => ({
    name: s.name,
    geodetic: { latitudeRad: s.latDeg * DEG, longitudeRad: s.lonDeg * DEG, altitudeKm: s.altM / 1000 },
  }));
  const peerStations = stations.map((s) => ({ name: s.name, ...s.geodetic }));
  log(machineLine());
  log(`${elements.length} objects x ${stations.length} stations x 7 days (${formatIsoUtc(FROM_MS)} .. ${formatIsoUtc(TO_MS)}), minimum elevation 0 deg`);

  // Ours from element sets to passes: the batch's records (sgp4init) are built inside the timing, as
  // the peer's twoline2satrec is.
  const ours = (list: readonly ElementSet[]): { ms: number; passes: ComparablePass[]; failures: number } => {
    const t0 = performance.now();
    const result = findPasses(ephemeridesFromElements(list), stations, FROM_MS, TO_MS);
    const ms = performance.now() - t0;
    const passes = result.passes.map((p) => ({ id: p.objectId, station: p.stationName, aosMs: p.aosMs, losMs: p.losMs, maxElevationDeg: p.maxElevationRad / DEG }));
    return { ms, passes, failures: result.failures.length };
  };
  const peerOf = (list: readonly ElementSet[]): { ms: number; passes: ComparablePass[] } => {
    const t0 = performance.now();
    const passes = list.flatMap((es) => {
      const [l1, l2] = lines.get(es.catalogId) ?? ['', ''];
      return peerPasses(l1, l2, peerStations, FROM_MS, TO_MS, 0).map((p) => ({ ...p, maxElevationDeg: p.maxElevationRad / DEG }));
    });
    return { ms: performance.now() - t0, passes };
  };
  // Warm the JIT of both searches on a few objects first, as a long-running service would be.
  ours(elements.slice(0, 5));
  peerOf(elements.slice(0, 5));
  // Blocks of 50 objects, ours then the peer's, so that a change in the machine's load (it is
  // shared) weighs on both alike.
  let oursMs = 0;
  let peerMs = 0;
  let failures = 0;
  const oursPasses: ComparablePass[] = [];
  const peerPassList: ComparablePass[] = [];
  for (let i = 0; i < elements.length; i += 50) {
    const block = elements.slice(i, i + 50);
    const a = ours(block);
    const b = peerOf(block);
    oursMs += a.ms;
    peerMs += b.ms;
    failures += a.failures;
    oursPasses.push(...a.passes);
    peerPassList.push(...b.passes);
  }
  log(`ours (findPasses, batch SGP4, skipping):          ${(oursMs / 1000).toFixed(2)} s, ${oursPasses.length} passes, ${failures} objects stopped by SGP4 errors`);
  log(`satellite.js, 60 s step + bisection:              ${(peerMs / 1000).toFixed(2)} s, ${peerPassList.length} passes; ratio peer/ours ${(peerMs / oursMs).toFixed(2)}`);
  log(`  target at least 4x: ${verdict(peerMs / oursMs, 4, false)}`);
  const agreement = compare(oursPasses, peerPassList);
  log(`  agreement: ${describe(agreement)}`);
  log(
    agreement.onlyPeer === 0
      ? `  every pass of the peer is ours; ours alone are ${agreement.onlyOurs} passes, the longest ${(agreement.onlyOursLongestMs / 1000).toFixed(1)} s (the peer's 60 s step misses short passes)`
      : `  the peer has ${agreement.onlyPeer} passes we do not: the lists DIFFER`,
  );
  // The skip bound changes the work, not the result: the same search without it, compared whole.
  // Both on all objects in one call, one after the other (the timing above interleaves blocks of 50
  // with the peer's and builds a batch per block).
  const t1 = performance.now();
  const plain = findPasses(ephemeridesFromElements(elements), stations, FROM_MS, TO_MS, { skipFarBelow: false });
  const plainMs = performance.now() - t1;
  const t2 = performance.now();
  const skipped = findPasses(ephemeridesFromElements(elements), stations, FROM_MS, TO_MS);
  const skippedMs = performance.now() - t2;
  const identical = JSON.stringify(plain) === JSON.stringify(skipped);
  log(
    `ours on all ${elements.length} in one call: ${(skippedMs / 1000).toFixed(2)} s skipping, ${(plainMs / 1000).toFixed(2)} s without; ` +
      `passes and failures ${identical ? 'identical' : 'DIFFERENT'}`,
  );

  const skyCount = Math.min(options.skyfieldObjects ?? 40, elements.length);
  let sky: PassesBenchResult['skyfield'];
  if (skyCount > 0) {
    const subset = elements.slice(0, skyCount);
    // Ours on the subset just before and just after Skyfield's run, to even out the load.
    const before = ours(subset);
    const answer = skyfield(subset.map((es) => es.catalogId));
    const after = ours(subset);
    const oursSubsetMs = (before.ms + after.ms) / 2;
    const skyMs = answer.seconds * 1000;
    log(
      `Skyfield find_events on the first ${answer.objects} objects: ${answer.seconds.toFixed(2)} s, ${answer.passes.length} passes; ` +
        `ours on the same ${skyCount}: ${(oursSubsetMs / 1000).toFixed(3)} s; ratio Skyfield/ours ${(skyMs / oursSubsetMs).toFixed(1)}`,
    );
    log(`  agreement: ${describe(compare(before.passes, answer.passes))}`);
    log('  (Skyfield stops refining rise/set brackets once the first is under 0.5 s, and uses its own UT1-UTC: differences of a few seconds are its own)');
    sky = { objects: skyCount, skyfieldMs: skyMs, oursMs: oursSubsetMs };
  }
  log(machineLine());
  return { objects: elements.length, passes: oursPasses.length, oursMs, satelliteJsMs: peerMs, ...(sky === undefined ? {} : { skyfield: sky }) };
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const objects = Number(argument('objects') ?? 1000);
  const sky = argument('skyfield-objects');
  runPassesBench({ objects, skyfieldObjects: sky === 'all' ? objects : Number(sky ?? 40) });
}
