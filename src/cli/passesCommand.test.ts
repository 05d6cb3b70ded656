// `zenith passes` end to end: spawns bin/zenith.js and checks its JSON and CSV against satellite.js
// (look angles at each AOS, TCA and LOS it prints), its errors, exit codes and progress bar.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ecfToLookAngles, eciToEcf, gstime, propagate, twoline2satrec, type SatRec } from 'satellite.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStation } from '../core/frames/index.ts';
import { parseElements } from '../core/orbit/index.ts';
import { ephemeridesFromElements, findPasses } from '../core/passes/index.ts';
import type { Pass } from '../core/passes/index.ts';
import { CSV_HEADER, WORKER_THRESHOLD_OBJECTS, parseMaskArgument, parseStationArgument, passesCsv, passesJson } from './passesCommand.ts';

const LEO = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
const GEO = resolve('../shared/data/tle/celestrak-geo-2026-05/geo.tle');
const VALLADO = resolve('../shared/data/sgp4-verification/SGP4-VER.TLE');
const DEG = Math.PI / 180;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `zenith passes ARGS`; through `script` the child gets a terminal, the only way to see the bar. */
function zenith(args: readonly string[], viaTerminal = false): Promise<Run> {
  const command = ['bin/zenith.js', 'passes', ...args];
  const [file, argv] = viaTerminal ? ['script', ['-qec', ['node', ...command].join(' '), '/dev/null']] : [process.execPath, command];
  return new Promise((done) => {
    execFile(file, argv, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

interface PassJson {
  id: number;
  name: string | null;
  station: string;
  aos: string;
  tca: string;
  los: string;
  maxElevationDeg: number;
  aosAzimuthDeg: number;
  losAzimuthDeg: number;
  tcaAzimuthDeg: number;
  aosCut: boolean;
  losCut: boolean;
}

const WINDOW = ['--from', '2026-06-10T00:00:00Z', '--to', '2026-06-11T00:00:00.000Z'];
const STATIONS = { MADRID: [40.43, -4.25, 800], 'HART RAO': [-25.89, 27.69, 1415] } as const;
const STATION_ARGS = Object.entries(STATIONS).flatMap(([name, [lat, lon, alt]]) => ['--station', `${name}:${lat},${lon},${alt}`]);

const JOBS = {
  json: () => zenith(['--elements', LEO, '--ids', '25544,48274', ...STATION_ARGS, ...WINDOW, '--min-elevation', '10']),
  csv: () => zenith(['--elements', LEO, '--ids', '25544,48274', ...STATION_ARGS, ...WINDOW, '--min-elevation', '10', '--format', 'csv']),
  masked: () => zenith(['--elements', LEO, '--ids', '25544', '--station', 'MADRID:40.43,-4.25,800', ...WINDOW, '--horizon-mask', 'MADRID:0/5,90/40,180/5,270/5']),
  geo: () => zenith(['--elements', GEO, '--ids', '29055', '--station', 'DARMSTADT:49.87,8.62,144', '--station', 'HAWAII:19.82,-155.47,100', ...WINDOW]),
  decay: () => zenith(['--elements', VALLADO, '--ids', '28872,99999999', '--station', 'X:0,0,0', '--from', '2005-11-29T00:30:00Z', '--to', '2005-11-30', '--ignore-checksums']),
  noStation: () => zenith(['--elements', LEO, ...WINDOW]),
  badStation: () => zenith(['--elements', LEO, '--station', 'MADRID:40.43;-4.25', ...WINDOW]),
  badLatitude: () => zenith(['--elements', LEO, '--station', 'NORTH:91,0,0', ...WINDOW]),
  sameName: () => zenith(['--elements', LEO, '--station', 'A:1,2,3', '--station', 'A:4,5,6', ...WINDOW]),
  badMask: () => zenith(['--elements', LEO, '--station', 'A:1,2,3', '--horizon-mask', 'B:0/5', ...WINDOW]),
  badTime: () => zenith(['--elements', LEO, '--station', 'A:1,2,3', '--from', '2026-13-01', '--to', '2026-06-11']),
  backwards: () => zenith(['--elements', LEO, '--station', 'A:1,2,3', '--from', '2026-06-11', '--to', '2026-06-10']),
  // The whole payload file: catalog-sized, so searched on worker threads.
  catalog: () => zenith(['--elements', LEO, '--station', 'MADRID:40.43,-4.25,800', '--from', '2026-06-10T00:00:00Z', '--to', '2026-06-10T02:00:00Z']),
  tty: () => zenith(['--elements', LEO, '--ids', '25544', '--station', 'A:1,2,3', ...WINDOW], true),
  ttyQuiet: () => zenith(['--elements', LEO, '--ids', '25544', '--station', 'A:1,2,3', ...WINDOW, '--quiet'], true),
};
type JobName = keyof typeof JOBS;
const runs = {} as Record<JobName, Run>;

/** satellite.js on the raw TLE lines: look angles of one object from a station at an ISO time. */
function lookAt(satrec: SatRec, station: readonly [number, number, number], iso: string): { azDeg: number; elDeg: number } {
  const date = new Date(iso);
  const pv = propagate(satrec, date);
  if (pv === null) throw new Error('satellite.js failed');
  const ecf = eciToEcf(pv.position, gstime(date));
  const look = ecfToLookAngles({ latitude: station[0] * DEG, longitude: station[1] * DEG, height: station[2] / 1000 }, ecf);
  return { azDeg: look.azimuth / DEG, elDeg: look.elevation / DEG };
}

function satrecOf(path: string, id: number): SatRec {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const i = lines.findIndex((l) => l.startsWith('1 ') && Number(l.slice(2, 7)) === id);
  return twoline2satrec(lines[i] ?? '', lines[i + 1] ?? '');
}

/** Angular distance of two azimuths in degrees. */
function azDiff(a: number, b: number): number {
  return Math.abs(((a - b + 540) % 360) - 180);
}

describe('zenith passes', () => {
  beforeAll(async () => {
    // Two at a time: the machine is shared, and each run starts its own Node.
    const queue = Object.keys(JOBS) as JobName[];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) runs[next] = await JOBS[next]();
    };
    await Promise.all([worker(), worker()]);
  }, 300_000);

  it('prints every pass as JSON, sorted by AOS, with ISO-8601 UTC milliseconds', () => {
    expect(runs.json.stderr).toBe('');
    expect(runs.json.code).toBe(0);
    const passes = JSON.parse(runs.json.stdout) as PassJson[];
    expect(passes.length).toBeGreaterThan(8);
    for (const p of passes) {
      expect(Object.keys(p)).toEqual(['id', 'name', 'station', 'aos', 'tca', 'los', 'maxElevationDeg', 'aosAzimuthDeg', 'losAzimuthDeg', 'tcaAzimuthDeg', 'aosCut', 'losCut']);
      for (const t of [p.aos, p.tca, p.los]) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(p.aos <= p.tca && p.tca <= p.los).toBe(true);
    }
    expect(passes.map((p) => p.aos)).toEqual(passes.map((p) => p.aos).sort());
    expect(new Set(passes.map((p) => p.station))).toEqual(new Set(['MADRID', 'HART RAO']));
    expect(new Set(passes.map((p) => p.name))).toEqual(new Set(['ISS (ZARYA)', 'CSS (TIANHE-1)']));
  });

  it('prints passes whose AOS, TCA and LOS satellite.js sees where the CLI says', () => {
    const passes = JSON.parse(runs.json.stdout) as PassJson[];
    for (const p of passes) {
      const satrec = satrecOf(LEO, p.id);
      const station = STATIONS[p.station as keyof typeof STATIONS];
      const aos = lookAt(satrec, station, p.aos);
      const tca = lookAt(satrec, station, p.tca);
      const los = lookAt(satrec, station, p.los);
      // At the minimum elevation (10 deg) at AOS and LOS, at the maximum at TCA.
      expect(aos.elDeg).toBeCloseTo(10, 2);
      expect(los.elDeg).toBeCloseTo(10, 2);
      expect(tca.elDeg).toBeCloseTo(p.maxElevationDeg, 2);
      expect(azDiff(aos.azDeg, p.aosAzimuthDeg)).toBeLessThan(0.05);
      expect(azDiff(los.azDeg, p.losAzimuthDeg)).toBeLessThan(0.05);
      // and no higher a second before or after TCA
      for (const dt of [-1000, 1000]) {
        expect(lookAt(satrec, station, new Date(Date.parse(p.tca) + dt).toISOString()).elDeg).toBeLessThan(p.maxElevationDeg + 1e-4);
      }
    }
  });

  it('prints the same passes as CSV', () => {
    expect(runs.csv.code).toBe(0);
    const lines = runs.csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,name,station,aos,tca,los,max_elevation_deg,aos_azimuth_deg,los_azimuth_deg,tca_azimuth_deg,aos_cut,los_cut');
    const json = JSON.parse(runs.json.stdout) as PassJson[];
    expect(lines.slice(1)).toEqual(
      json.map((p) => [p.id, p.name, p.station, p.aos, p.tca, p.los, p.maxElevationDeg, p.aosAzimuthDeg, p.losAzimuthDeg, p.tcaAzimuthDeg, p.aosCut, p.losCut].join(',')),
    );
  });

  it('cuts passes at a horizon mask', () => {
    expect(runs.masked.code).toBe(0);
    const passes = JSON.parse(runs.masked.stdout) as PassJson[];
    const satrec = satrecOf(LEO, 25544);
    const mask = (az: number): number => (az <= 90 ? 5 + (35 * az) / 90 : az <= 180 ? 40 - (35 * (az - 90)) / 90 : 5);
    expect(passes.length).toBeGreaterThan(3);
    for (const p of passes) {
      const aos = lookAt(satrec, STATIONS.MADRID, p.aos);
      expect(aos.elDeg).toBeCloseTo(mask(p.aosAzimuthDeg), 1);
    }
    expect(passes.some((p) => mask(p.aosAzimuthDeg) > 10 || mask(p.losAzimuthDeg) > 10)).toBe(true);
  });

  it('gives an always-visible GEO one window over the interval, flagged as cut at both ends', () => {
    expect(runs.geo.code).toBe(0);
    const passes = JSON.parse(runs.geo.stdout) as PassJson[];
    expect(passes).toHaveLength(1);
    expect(passes[0]).toMatchObject({ id: 29055, station: 'DARMSTADT', aos: '2026-06-10T00:00:00.000Z', los: '2026-06-11T00:00:00.000Z', aosCut: true, losCut: true });
  });

  it('reports a decayed object and a missing id on stderr and exits with 3', () => {
    expect(runs.decay.code).toBe(3);
    // Vallado's driver stops 28872 after 50 min from its epoch (00:28:58): the search ends at 01:20.
    expect(runs.decay.stderr).toMatch(/SGP4-VER\.TLE:86: \[SGP4_DECAYED\] object 28872 .*; its passes end at 2005-11-29T01:2\d:\d\d\.\d{3}Z/);
    expect(runs.decay.stderr).toMatch(/\[ELEMENTS_ID_NOT_FOUND\] catalog id 99999999/);
    expect(JSON.parse(runs.decay.stdout)).toEqual(expect.any(Array));
  });

  it('says what was expected when the command line is wrong', () => {
    expect(runs.noStation.code).toBe(1);
    expect(runs.noStation.stderr).toMatch(/at least one --station NAME:LAT,LON,ALT_M/);
    expect(runs.badStation.code).toBe(1);
    expect(runs.badStation.stderr).toMatch(/expected NAME:LAT,LON,ALT_M .* found "MADRID:40.43;-4.25"/);
    expect(runs.badLatitude.code).toBe(1);
    expect(runs.badLatitude.stderr).toMatch(/^zenith: .*\[STATION_COORDINATES\] station NORTH: latitude 91 deg is out of range/m);
    expect(runs.sameName.stderr).toMatch(/two stations are named "A"/);
    expect(runs.badMask.stderr).toMatch(/--horizon-mask names station "B", which no --station defines/);
    expect(runs.badTime.code).toBe(1);
    expect(runs.badTime.stderr).toMatch(/^zenith: \[TIME_FIELD\] month 13 is out of range in "2026-13-01"/m);
    expect(runs.backwards.stderr).toMatch(/--to 2026-06-10 must be after --from 2026-06-11/);
    for (const r of [runs.noStation, runs.badStation, runs.badLatitude, runs.sameName, runs.badMask, runs.badTime, runs.backwards]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
    }
  });

  it('shows a progress bar on a terminal only, and not with --quiet', () => {
    expect(runs.tty.code).toBe(0);
    expect(runs.tty.stdout).toMatch(/passes \[.*\] 1\/1 objects/);
    expect(runs.ttyQuiet.code).toBe(0);
    expect(runs.ttyQuiet.stdout).not.toMatch(/objects/);
    expect(runs.ttyQuiet.stdout).toMatch(/^\[/);
  });

  it('searches a catalog-sized file on worker threads and prints what one thread finds', () => {
    const elements = parseElements(readFileSync(LEO, 'utf8'), { file: LEO }).elements;
    expect(elements.length).toBeGreaterThan(WORKER_THRESHOLD_OBJECTS);
    const from = Date.UTC(2026, 5, 10);
    const station = makeStation('MADRID', { latitudeRad: 40.43 * DEG, longitudeRad: -4.25 * DEG, altitudeKm: 0.8 });
    const single = findPasses(ephemeridesFromElements(elements), [station], from, from + 7_200_000);
    expect(single.passes.length).toBeGreaterThan(1000);
    expect(runs.catalog.stdout).toBe(passesJson(single.passes));
    // Objects already decayed at the start are reported, one line each, and the exit code says so.
    expect(single.failures.length).toBeGreaterThan(0);
    expect(runs.catalog.code).toBe(3);
    expect(runs.catalog.stderr.trim().split('\n')).toHaveLength(single.failures.length);
  });

  it('prints more passes than one write holds as one array and one table, each pass a line in order', () => {
    // Printed in pieces of 10,000: the joins between them must not show.
    const passes: Pass[] = Array.from({ length: 25_001 }, (_, i) => ({
      objectId: i,
      objectName: i % 2 === 0 ? `SAT ${i}` : undefined,
      stationName: 'A',
      aosMs: Date.UTC(2026, 5, 10) + i,
      tcaMs: Date.UTC(2026, 5, 10) + i + 1,
      losMs: Date.UTC(2026, 5, 10) + i + 2,
      maxElevationRad: 0.5,
      aosAzimuthRad: 1,
      tcaAzimuthRad: 2,
      losAzimuthRad: 3,
      aosCut: false,
      losCut: i === 25_000,
    }));
    const json = passesJson(passes);
    const lines = json.split('\n');
    expect(lines).toHaveLength(passes.length + 3);
    expect([lines[0], lines.at(-2), lines.at(-1)]).toEqual(['[', ']', '']);
    // One record a line, each but the last followed by a comma.
    expect(lines.slice(1, -3).every((line) => /^ {2}\{"id":\d+,.*\},$/.test(line))).toBe(true);
    expect(lines.at(-3)).toMatch(/^ {2}\{"id":25000,.*"losCut":true\}$/);
    expect((JSON.parse(json) as PassJson[]).map((p) => p.id)).toEqual(passes.map((p) => p.objectId));
    const csv = passesCsv(passes).split('\n');
    expect(csv).toHaveLength(passes.length + 2);
    expect([csv[0], csv[1], csv[10_001], csv.at(-2), csv.at(-1)]).toEqual([
      CSV_HEADER,
      '0,SAT 0,A,2026-06-10T00:00:00.000Z,2026-06-10T00:00:00.001Z,2026-06-10T00:00:00.002Z,28.64789,57.29578,171.887339,114.591559,false,false',
      '10000,SAT 10000,A,2026-06-10T00:00:10.000Z,2026-06-10T00:00:10.001Z,2026-06-10T00:00:10.002Z,28.64789,57.29578,171.887339,114.591559,false,false',
      '25000,SAT 25000,A,2026-06-10T00:00:25.000Z,2026-06-10T00:00:25.001Z,2026-06-10T00:00:25.002Z,28.64789,57.29578,171.887339,114.591559,false,true',
      '',
    ]);
    expect(passesJson([])).toBe('[]\n');
    expect(passesCsv([])).toBe(`${CSV_HEADER}\n`);
  });

  it('parses station and mask arguments', () => {
    expect(parseStationArgument('DSS 63: 40.43, -4.25 ,800.5')).toEqual([{ name: 'DSS 63', latitudeDeg: 40.43, longitudeDeg: -4.25, altitudeM: 800.5 }]);
    expect(parseStationArgument('B:1,2,3', parseStationArgument('A:-1e1,+2,0'))).toHaveLength(2);
    expect(() => parseStationArgument(':1,2,3')).toThrow(/expected NAME:LAT,LON,ALT_M/);
    expect(() => parseStationArgument('A:1,2')).toThrow(/expected NAME:LAT,LON,ALT_M/);
    expect(() => parseStationArgument('A:1,2,x')).toThrow(/expected NAME:LAT,LON,ALT_M/);
    expect(parseMaskArgument('A:0/5, 90/12.5,-90/3')).toEqual([
      { station: 'A', points: [{ azimuthDeg: 0, elevationDeg: 5 }, { azimuthDeg: 90, elevationDeg: 12.5 }, { azimuthDeg: -90, elevationDeg: 3 }] },
    ]);
    expect(() => parseMaskArgument('A:0/95')).toThrow(/elevation within ±90/);
    expect(() => parseMaskArgument('A:0/5,360/6')).toThrow(/two points at the same azimuth/);
    expect(() => parseMaskArgument('0/5')).toThrow(/expected NAME:AZ\/EL/);
  });
});
