// `zenith passes`: every pass of the objects of an element file over one or more ground stations in
// a time window (AOS, TCA, LOS, maximum elevation), as JSON or CSV. A failing object stops alone.
// The search runs on the batch propagator, on worker threads (every core) for catalog-sized files.

import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { formatLocation } from '../core/errors/index.ts';
import { makeStation, parseEop } from '../core/frames/index.ts';
import type { ElementSet } from '../core/orbit/index.ts';
import { HorizonMask, ephemeridesFromElements, findPasses } from '../core/passes/index.ts';
import type { Pass, PassSearchFailure, PassStation } from '../core/passes/index.ts';
import { findCatalogPassTable } from '../complex/workers/index.ts';
import { formatIsoUtc, parseIsoUtc } from '../core/time/index.ts';
import { EXIT_SOME_FAILED } from './propagateCommand.ts';
import { parseIdList, readElementsFile } from './readElementsFile.ts';

const DEG = Math.PI / 180;

/** From this many objects on, the search runs on worker threads (starting them takes about a second). */
export const WORKER_THRESHOLD_OBJECTS = 2000;

/** `NAME:LAT,LON,ALT_M` as typed (degrees, metres), checked for form; ranges are checked later. */
export interface StationArgument {
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const STATION_RE = new RegExp(String.raw`^([^:,]+):\s*(${NUMBER})\s*,\s*(${NUMBER})\s*,\s*(${NUMBER})\s*$`);

/** Argument parser of `--station NAME:LAT,LON,ALT_M` (repeatable). */
export function parseStationArgument(text: string, previous: StationArgument[] = []): StationArgument[] {
  const m = STATION_RE.exec(text.trim());
  if (m === null) {
    throw new InvalidArgumentError(`expected NAME:LAT,LON,ALT_M with degrees and metres, such as MADRID:40.43,-4.25,800; found "${text}"`);
  }
  const name = (m[1] ?? '').trim();
  return [...previous, { name, latitudeDeg: Number(m[2]), longitudeDeg: Number(m[3]), altitudeM: Number(m[4]) }];
}

/** `NAME:AZ/EL,AZ/EL,...` in degrees: one station's horizon mask. */
export interface MaskArgument {
  readonly station: string;
  readonly points: readonly { readonly azimuthDeg: number; readonly elevationDeg: number }[];
}

const MASK_POINT_RE = new RegExp(String.raw`^(${NUMBER})/(${NUMBER})$`);

/** Argument parser of `--horizon-mask NAME:AZ/EL,AZ/EL,...` (repeatable, degrees). */
export function parseMaskArgument(text: string, previous: MaskArgument[] = []): MaskArgument[] {
  const colon = text.indexOf(':');
  const expected = 'expected NAME:AZ/EL,AZ/EL,... in degrees, such as MADRID:0/5,90/12,180/3';
  if (colon <= 0) throw new InvalidArgumentError(`${expected}; found "${text}"`);
  const points = text
    .slice(colon + 1)
    .split(',')
    .map((part) => {
      const m = MASK_POINT_RE.exec(part.trim());
      const azimuthDeg = Number(m?.[1]);
      const elevationDeg = Number(m?.[2]);
      if (m === null || !(Math.abs(elevationDeg) <= 90)) {
        throw new InvalidArgumentError(`${expected} (elevation within ±90); found "${part}" in "${text}"`);
      }
      return { azimuthDeg, elevationDeg };
    });
  const azimuths = points.map((p) => ((p.azimuthDeg % 360) + 360) % 360);
  if (new Set(azimuths).size !== azimuths.length) throw new InvalidArgumentError(`two points at the same azimuth in "${text}"`);
  return [...previous, { station: text.slice(0, colon).trim(), points }];
}

function parseDegrees(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < -90 || value > 90) {
    throw new InvalidArgumentError(`expected an elevation in degrees from -90 to 90, found "${text}"`);
  }
  return value;
}

interface PassesOptions {
  readonly elements: string;
  readonly ids?: number[] | undefined;
  readonly station?: StationArgument[] | undefined;
  readonly horizonMask?: MaskArgument[] | undefined;
  readonly from: string;
  readonly to: string;
  readonly minElevation: number;
  readonly format: 'json' | 'csv';
  readonly eop?: string | undefined;
  readonly strict?: true | undefined;
  readonly ignoreChecksums?: true | undefined;
  readonly ignoreRanges?: true | undefined;
  readonly quiet?: true | undefined;
}

type UsageError = (message: string) => never;

export function registerPassesCommand(program: Command): void {
  program
    .command('passes')
    .description('passes (AOS, TCA, LOS, maximum elevation) of the objects of an element file over ground stations')
    .requiredOption('--elements <file>', 'element file: TLE/3LE, or OMM as KVN, XML, JSON or CSV')
    .option('--ids <ids>', 'only these catalog ids, comma-separated (Alpha-5 T0000 = 270000)', parseIdList)
    .option('--station <NAME:LAT,LON,ALT_M>', 'a ground station, geodetic degrees and metres (repeatable)', parseStationArgument)
    .requiredOption('--from <iso>', 'start of the window, ISO-8601 UTC')
    .requiredOption('--to <iso>', 'end of the window, ISO-8601 UTC')
    .option('--min-elevation <deg>', 'lowest elevation of a pass, degrees', parseDegrees, 0)
    .option('--horizon-mask <NAME:AZ/EL,...>', "a station's horizon mask, degrees, interpolated linearly (repeatable)", parseMaskArgument)
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv'] as const).default('json' as const))
    .option('--eop <file>', 'Earth orientation (IERS finals2000A or CelesTrak EOP-All.csv): UT1 and polar motion')
    .option('--strict', 'any problem in the element file is fatal')
    .option('--ignore-checksums', 'read TLE records whose column-69 checksum is wrong')
    .option('--ignore-ranges', 'read element sets whose values are outside their physical range')
    .option('--quiet', 'no progress bar')
    .action(async (options, command) => {
      process.exitCode = await runPasses(options, (message) => command.error(`error: ${message}`));
    });
}

function stationsOf(o: PassesOptions, usage: UsageError): PassStation[] {
  const given = o.station ?? [];
  if (given.length === 0) usage('give at least one --station NAME:LAT,LON,ALT_M');
  const names = new Set<string>();
  const masks = new Map((o.horizonMask ?? []).map((m) => [m.station, m]));
  for (const name of masks.keys()) {
    if (!given.some((s) => s.name === name)) usage(`--horizon-mask names station "${name}", which no --station defines`);
  }
  return given.map((s) => {
    if (names.has(s.name)) usage(`two stations are named "${s.name}"`);
    names.add(s.name);
    const station = makeStation(s.name, { latitudeRad: s.latitudeDeg * DEG, longitudeRad: s.longitudeDeg * DEG, altitudeKm: s.altitudeM / 1000 });
    const mask = masks.get(s.name);
    if (mask === undefined) return station;
    const horizonMask = new HorizonMask(mask.points.map((p) => ({ azimuthRad: p.azimuthDeg * DEG, elevationRad: p.elevationDeg * DEG })));
    return { ...station, horizonMask };
  });
}

async function runPasses(o: PassesOptions, usage: UsageError): Promise<number> {
  const stations = stationsOf(o, usage);
  const fromMs = parseIsoUtc(o.from, { field: '--from' });
  const toMs = parseIsoUtc(o.to, { field: '--to' });
  if (!(toMs > fromMs)) usage(`--to ${o.to} must be after --from ${o.from}`);
  const eop = o.eop === undefined ? undefined : parseEop(await readFile(o.eop, 'utf8'), o.eop);
  const loaded = await readElementsFile(o.elements, {
    strict: o.strict === true,
    ids: o.ids,
    checksums: o.ignoreChecksums === true ? 'ignore' : 'verify',
    ranges: o.ignoreRanges === true ? 'ignore' : 'verify',
  });
  const byId = new Map<number, ElementSet>(loaded.elements.map((es) => [es.catalogId, es]));
  const elements = loaded.elements;
  const bar = process.stderr.isTTY && o.quiet !== true ? progressBar(elements.length) : undefined;
  const searchOptions = {
    minElevationRad: o.minElevation * DEG,
    ...(bar === undefined
      ? {}
      : {
          onProgress: (done: number): void => {
            bar.update(done);
          },
        }),
  };
  // The same passes either way (findCatalogPassTable is tested against findPasses); from the workers
  // they stay rows of a table, read one at a time as they are printed.
  let rows: PassRows;
  let failures: readonly PassSearchFailure[];
  if (elements.length >= WORKER_THRESHOLD_OBJECTS) {
    const table = await findCatalogPassTable(elements, stations, fromMs, toMs, { ...searchOptions, ...(eop === undefined ? {} : { eop }) });
    rows = table;
    failures = table.failures;
  } else {
    const result = findPasses(ephemeridesFromElements(elements, eop === undefined ? {} : { eop }), stations, fromMs, toMs, searchOptions);
    rows = rowsOf(result.passes);
    failures = result.failures;
  }
  bar?.stop();
  for (const failure of failures) {
    const es = byId.get(failure.objectId);
    const where = formatLocation({ file: es?.source?.file ?? o.elements, ...(es?.source?.line === undefined ? {} : { line: es.source.line }) });
    process.stderr.write(
      `zenith: ${where}[${failure.error.code}] ${failure.error.message}; its passes end at ${formatIsoUtc(failure.utcMs)}\n`,
    );
  }
  for (const piece of o.format === 'json' ? jsonPieces(rows) : csvPieces(rows)) {
    if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  }
  return failures.length + loaded.missingIds.length > 0 ? EXIT_SOME_FAILED : 0;
}

/** The passes to print, read one at a time: a PassTable, or passes already made. */
interface PassRows {
  readonly count: number;
  passAt(i: number): Pass;
}

function rowsOf(passes: readonly Pass[]): PassRows {
  return {
    count: passes.length,
    passAt: (i) => {
      const p = passes[i];
      if (p === undefined) throw new RangeError(`no pass ${i} of ${passes.length}`);
      return p;
    },
  };
}

/**
 * Rows printed per write. The output of a catalog's week (4 million passes, about a gigabyte) is
 * longer than a string may be, and would hold every row in memory at once.
 */
const ROWS_PER_WRITE = 10_000;

/** Degrees to 6 decimals (about 2 cm at 400 km): the precision of the search, without noise. */
function deg(rad: number): number {
  return Math.round((rad / DEG) * 1e6) / 1e6;
}

/** One pass as the JSON form of `zenith passes` (docs/passes.md). */
export function passRecord(p: Pass): Record<string, string | number | boolean | null> {
  return {
    id: p.objectId,
    name: p.objectName ?? null,
    station: p.stationName,
    aos: formatIsoUtc(p.aosMs),
    tca: formatIsoUtc(p.tcaMs),
    los: formatIsoUtc(p.losMs),
    maxElevationDeg: deg(p.maxElevationRad),
    aosAzimuthDeg: deg(p.aosAzimuthRad),
    losAzimuthDeg: deg(p.losAzimuthRad),
    tcaAzimuthDeg: deg(p.tcaAzimuthRad),
    aosCut: p.aosCut,
    losCut: p.losCut,
  };
}

export function passesJson(passes: readonly Pass[]): string {
  return [...jsonPieces(rowsOf(passes))].join('');
}

/** The JSON form in pieces of up to ROWS_PER_WRITE rows: an array, one pass a line. */
function* jsonPieces(rows: PassRows): Generator<string> {
  if (rows.count === 0) {
    yield '[]\n';
    return;
  }
  for (let first = 0; first < rows.count; first += ROWS_PER_WRITE) {
    const end = Math.min(rows.count, first + ROWS_PER_WRITE);
    let piece = first === 0 ? '[' : '';
    for (let i = first; i < end; i++) piece += `${i === 0 ? '' : ','}\n  ${JSON.stringify(passRecord(rows.passAt(i)))}`;
    yield end === rows.count ? `${piece}\n]\n` : piece;
  }
}

export const CSV_HEADER = 'id,name,station,aos,tca,los,max_elevation_deg,aos_azimuth_deg,los_azimuth_deg,tca_azimuth_deg,aos_cut,los_cut';

/** RFC 4180 quoting for names that hold a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function passesCsv(passes: readonly Pass[]): string {
  return [...csvPieces(rowsOf(passes))].join('');
}

/** The CSV form in pieces: the header, then up to ROWS_PER_WRITE rows a piece, each line ended. */
function* csvPieces(rows: PassRows): Generator<string> {
  yield `${CSV_HEADER}\n`;
  for (let first = 0; first < rows.count; first += ROWS_PER_WRITE) {
    const end = Math.min(rows.count, first + ROWS_PER_WRITE);
    let piece = '';
    for (let i = first; i < end; i++) piece += `${csvRow(rows.passAt(i))}\n`;
    yield piece;
  }
}

function csvRow(p: Pass): string {
  const r = passRecord(p);
  return [r['id'], csvField(p.objectName ?? ''), csvField(p.stationName), r['aos'], r['tca'], r['los'], r['maxElevationDeg'], r['aosAzimuthDeg'], r['losAzimuthDeg'], r['tcaAzimuthDeg'], r['aosCut'], r['losCut']].join(',');
}

/** cli-progress on stderr, shown only on a terminal. */
function progressBar(total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'passes [{bar}] {value}/{total} objects | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}
