// `zenith propagate` end to end: spawns bin/zenith.js and checks its CSV, JSON and OEM against
// satellite.js run in the test on the raw TLE lines, and against Vallado's tcppver.out.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { degreesLat, degreesLong, eciToEcf, eciToGeodetic, gstime, sgp4, twoline2satrec, type SatRec } from 'satellite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Propagator, parseElements } from '../core/orbit/index.ts';
import { WORKER_THRESHOLD_OBJECTS, parseMinutesRange } from './propagateCommand.ts';

const STATIONS = resolve('../shared/data/omm/python-sgp4-samples/stations-tle.txt');
const VALLADO = resolve('../shared/data/sgp4-verification/SGP4-VER.TLE');
const LEO = resolve('../shared/data/tle/spacetrack-payloads-2026-06/3le.txt');
/** The first 1500 objects of the payload file: few enough for one thread. */
const LEO_FIRST = parseElements(readFileSync(LEO, 'utf8'), { file: LEO }).elements.slice(0, 1500).map((es) => es.catalogId);
const LEO_GRID = ['--from', '2026-06-10T00:00:00Z', '--to', '2026-06-10T00:10:00Z', '--step', '250', '--frame', 'itrf'];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `zenith propagate ARGS`; through `script` the child gets a terminal, the only way to see the bar. */
function zenith(args: readonly string[], viaTerminal = false): Promise<Run> {
  const command = ['bin/zenith.js', 'propagate', ...args];
  const [file, argv] = viaTerminal
    ? ['script', ['-qec', ['node', ...command].join(' '), '/dev/null']]
    : [process.execPath, command];
  return new Promise((done) => {
    execFile(file, argv, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** The TLEs of a file as satellite.js reads them, with the epoch in ms worked out from the text. */
function referenceSatellites(path: string): Map<number, { satrec: SatRec; epochMs: number }> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const map = new Map<number, { satrec: SatRec; epochMs: number }>();
  lines.forEach((l1, i) => {
    const l2 = lines[i + 1];
    if (!l1.startsWith('1 ') || l2 === undefined) return;
    const yy = Number(l1.slice(18, 20));
    const dayOfYear = Number(l1.slice(20, 32));
    const epochMs = Date.UTC(yy < 57 ? 2000 + yy : 1900 + yy, 0, 1) + (dayOfYear - 1) * 86_400_000;
    map.set(Number(l1.slice(2, 7)), { satrec: twoline2satrec(l1, l2.slice(0, 69)), epochMs });
  });
  return map;
}

function csvRows(text: string): string[][] {
  return text.trim().split('\n').slice(1).map((l) => l.split(','));
}

const FROM = '2020-06-25T12:00:00.000Z';
const TO = '2020-06-25T13:30:00.000Z';
const UTC = ['--elements', STATIONS, '--from', FROM, '--to', TO, '--step', '420'];
// CelesTrak EOP-All.csv rows with UT1-UTC = -0.25 s and no polar motion around the test times.
const TMP = mkdtempSync(resolve(tmpdir(), 'zenith-propagate-'));
const EOP = resolve(TMP, 'EOP-All.csv');
writeFileSync(
  EOP,
  ['DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE', ...[24, 25, 26].map((d) => `2020-06-${d},${59000 + d},0,0,-0.25,0,0,0,0,0,37,O`)].join('\n'),
);

const JOBS = {
  teme: () => zenith(UTC),
  geodetic: () => zenith([...UTC, '--frame', 'geodetic', '--ids', '25544']),
  oem: () => zenith([...UTC, '--format', 'oem', '--frame', 'itrf']),
  eop: () => zenith([...UTC, '--frame', 'itrf', '--ids', '25544', '--eop', EOP]),
  minutes: () => zenith(['--elements', STATIONS, '--ids', '42982,99999', '--minutes=-1440:0:60']),
  vallado4632: () => zenith(['--elements', VALLADO, '--ids', '4632', '--minutes=-5184:-4896:120']),
  decay: () => zenith(['--elements', VALLADO, '--ids', '28872,6251,33333', '--minutes', '0:60:5', '--ignore-checksums']),
  decayJson: () => zenith(['--elements', VALLADO, '--ids', '28872,6251', '--minutes', '0:60:5', '--format', 'json']),
  bothGrids: () => zenith(['--elements', STATIONS, '--minutes', '0:10:5', '--from', FROM, '--to', TO, '--step', '60']),
  catalog: () => zenith(['--elements', LEO, ...LEO_GRID]),
  catalogFirst: () => zenith(['--elements', LEO, '--ids', LEO_FIRST.join(','), ...LEO_GRID]),
  tty: () => zenith(['--elements', STATIONS, '--minutes', '0:10:5'], true),
  ttyQuiet: () => zenith(['--elements', STATIONS, '--minutes', '0:10:5', '--quiet'], true),
};
type JobName = keyof typeof JOBS;
const runs = {} as Record<JobName, Run>;

describe('zenith propagate', () => {
  beforeAll(async () => {
    // Two at a time: the machine is shared, and each run starts its own Node.
    const queue = Object.keys(JOBS) as JobName[];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) runs[next] = await JOBS[next]();
    };
    await Promise.all([worker(), worker()]);
  }, 120_000);
  afterAll(() => {
    rmSync(TMP, { recursive: true, force: true });
  });

  it('propagates a catalog-sized file on worker threads to the same text as one thread', () => {
    const all = runs.catalog.stdout.trim().split('\n');
    const first = runs.catalogFirst.stdout.trim().split('\n');
    expect(all.length - 1).toBeGreaterThan(4 * WORKER_THRESHOLD_OBJECTS);
    // Four times per object (0, 250 and 500 s, and the end at 600 s), objects in file order.
    expect(first.length - 1).toBeGreaterThan(4 * 1400);
    expect(all.slice(0, first.length)).toEqual(first);
    expect(all[0]).toBe('id,time_utc,minutes_since_epoch,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s');
    expect(runs.catalogFirst.code).toBe(0);
    // Objects beyond their model's reach stop alone, with the single-object Propagator's message.
    expect(runs.catalog.code).toBe(3);
    const failures = runs.catalog.stderr.trim().split('\n').filter((line) => line.includes('cannot be propagated'));
    expect(failures.length).toBeGreaterThan(0);
    const elements = parseElements(readFileSync(LEO, 'utf8'), { file: LEO }).elements;
    for (const line of failures) {
      const id = Number(/object (\d+) cannot/.exec(line)?.[1]);
      const es = elements.find((e) => e.catalogId === id);
      expect(es, line).toBeDefined();
      const state = Propagator.fromElements(es!).propagateAt(Date.UTC(2026, 5, 10));
      expect(state.ok).toBe(false);
      if (!state.ok) expect(line).toContain(`[${state.error.code}] ${state.error.message}`);
    }
  });

  it('writes TEME CSV on a UTC grid that matches satellite.js within 1e-7 km and 1e-8 km/s', () => {
    const { code, stdout, stderr } = runs.teme;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('id,time_utc,minutes_since_epoch,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s');
    const rows = csvRows(stdout);
    // 12:00 to 13:30 by 7 min: 13 steps and then 13:30 itself, for each of the 3 objects.
    expect(rows).toHaveLength(3 * 14);
    expect(rows.slice(12, 15).map((r) => r[1])).toEqual(['2020-06-25T13:24:00.000Z', '2020-06-25T13:30:00.000Z', FROM]);
    const reference = referenceSatellites(STATIONS);
    for (const [id, time, minutes, ...state] of rows) {
      const ref = reference.get(Number(id))!;
      const t = (Date.parse(time!) - ref.epochMs) / 60_000;
      expect(Number(minutes)).toBeCloseTo(t, 7);
      const pv = sgp4(ref.satrec, t)!;
      const [x, y, z, vx, vy, vz] = state.map(Number);
      expect(Math.hypot(x! - pv.position.x, y! - pv.position.y, z! - pv.position.z)).toBeLessThan(1e-7);
      expect(Math.hypot(vx! - pv.velocity.x, vy! - pv.velocity.y, vz! - pv.velocity.z)).toBeLessThan(1e-8);
    }
  });

  it('writes geodetic CSV that agrees with satellite.js eciToGeodetic', () => {
    const reference = referenceSatellites(STATIONS);
    const { stdout } = runs.geodetic;
    expect(stdout.split('\n')[0]).toBe('id,time_utc,lat_deg,lon_deg,alt_km');
    const geodetic = csvRows(stdout);
    expect(geodetic).toHaveLength(14);
    for (const [id, time, lat, lon, alt] of geodetic) {
      expect(id).toBe('25544');
      const ref = reference.get(25544)!;
      const date = new Date(time!);
      const g = eciToGeodetic(sgp4(ref.satrec, (date.getTime() - ref.epochMs) / 60_000)!.position, gstime(date));
      expect(Number(lat)).toBeCloseTo(degreesLat(g.latitude), 5);
      expect(Number(lon)).toBeCloseTo(degreesLong(g.longitude), 5);
      expect(Number(alt)).toBeCloseTo(g.height, 3);
      expect(Number(alt)).toBeGreaterThan(400);
    }
  });

  it('counts --minutes from each object’s own epoch, negative ranges included', () => {
    const { code, stdout, stderr } = runs.minutes;
    // 99999 is not in the file: reported, the exit code says so, and 42982 is still written.
    expect(code).toBe(3);
    expect(stderr).toMatch(/\[ELEMENTS_ID_NOT_FOUND\] catalog id 99999/);
    const rows = csvRows(stdout);
    expect(rows.map((r) => Number(r[2]))).toEqual(Array.from({ length: 25 }, (_, i) => -1440 + 60 * i));
    const ref = referenceSatellites(STATIONS).get(42982)!;
    for (const [, time, minutes, x, y, z] of rows) {
      expect(Date.parse(time!)).toBe(Math.round(ref.epochMs + Number(minutes) * 60_000));
      const pv = sgp4(ref.satrec, Number(minutes))!;
      expect(Math.hypot(Number(x) - pv.position.x, Number(y) - pv.position.y, Number(z) - pv.position.z)).toBeLessThan(1e-7);
    }
  });

  it("reproduces Vallado's tcppver.out through the CLI, and stops a decaying object where he does", () => {
    const tcppver = readFileSync(resolve('../shared/data/sgp4-verification/tcppver.out'), 'utf8').split(/\r?\n/);
    const block = (id: number): number[][] => {
      const start = tcppver.findIndex((l) => l.trim() === `${id} xx`);
      const end = tcppver.findIndex((l, i) => i > start && l.includes('xx'));
      return tcppver.slice(start + 1, end).map((l) => l.trim().split(/\s+/).slice(0, 7).map(Number));
    };
    const compare = (csv: string[][], expected: number[][]): void => {
      expect(csv.map((r) => Number(r[2]))).toEqual(expected.map((r) => r[0]));
      csv.forEach((r, k) => {
        const [, x, y, z, vx, vy, vz] = expected[k]!;
        const [px, py, pz, qx, qy, qz] = r.slice(3).map(Number);
        expect(Math.hypot(px! - x!, py! - y!, pz! - z!)).toBeLessThan(1e-6);
        expect(Math.hypot(qx! - vx!, qy! - vy!, qz! - vz!)).toBeLessThan(1e-6);
      });
    };
    // 04632 runs -5184..-4896 by 120; Vallado's driver prints an epoch row first, which is not in the grid.
    expect(runs.vallado4632.code).toBe(0);
    compare(csvRows(runs.vallado4632.stdout), block(4632).slice(1));

    const { code, stdout, stderr } = runs.decay;
    expect(code).toBe(3);
    const rows = csvRows(stdout);
    compare(rows.filter((r) => r[0] === '28872'), block(28872));
    expect(rows.filter((r) => r[0] === '6251')).toHaveLength(13); // the others go on to 60 min
    // 33333, Vallado's "check error code 4" case (its checksums are deliberately wrong).
    compare(rows.filter((r) => r[0] === '33333'), block(33333));
    expect(stderr).toMatch(/SGP4-VER\.TLE:86: \[SGP4_DECAYED\] object 28872 cannot be propagated to 55 min/);
    expect(stderr).toMatch(/SGP4-VER\.TLE:100: \[SGP4_SEMI_LATUS_RECTUM\] object 33333 cannot be propagated to 25 min/);
    expect(stderr).not.toMatch(/TLE_CHECKSUM/);
  });

  it('writes JSON with the states and the error of an object that stopped', () => {
    expect(runs.decayJson.code).toBe(3);
    const entries = JSON.parse(runs.decayJson.stdout) as {
      id: number;
      frame: string;
      states: { time: string; minutesSinceEpoch: number; positionKm: { x: number }; velocityKmPerS: { z: number } }[];
      error: { code: string; sgp4Code: number; minutesSinceEpoch: number } | null;
    }[];
    expect(entries.map((e) => [e.id, e.frame, e.states.length])).toEqual([
      [6251, 'TEME', 13],
      [28872, 'TEME', 11],
    ]);
    expect(entries[0]!.error).toBeNull();
    expect(entries[1]!.error).toMatchObject({ code: 'SGP4_DECAYED', sgp4Code: 6, minutesSinceEpoch: 55 });
    // The same states as the CSV of the same objects.
    const csv = csvRows(runs.decay.stdout).filter((r) => r[0] !== '33333');
    const fromJson = entries.flatMap((e) =>
      e.states.map((st) => [String(e.id), st.time, st.minutesSinceEpoch.toFixed(8), st.positionKm.x.toFixed(8), st.velocityKmPerS.z.toFixed(9)]),
    );
    expect(fromJson).toEqual(csv.map((r) => [r[0], r[1], r[2], r[3], r[8]]));
  });

  it('writes a CCSDS OEM (502.0-B-3 KVN) with one ITRF segment per object', () => {
    const { code, stdout } = runs.oem;
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'CCSDS_OEM_VERS = 3.0',
      expect.stringMatching(/^CREATION_DATE = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      'ORIGINATOR = ZENITH',
    ]);
    const segments = stdout.split('META_START\n').slice(1);
    expect(segments).toHaveLength(3);
    const reference = referenceSatellites(STATIONS);
    segments.forEach((segment, i) => {
      const [meta, data] = segment.split('META_STOP\n');
      const keys = Object.fromEntries(
        meta!.trim().split('\n').filter((l) => !l.startsWith('COMMENT')).map((l) => l.split(' = ') as [string, string]),
      );
      expect(keys).toMatchObject({ CENTER_NAME: 'EARTH', REF_FRAME: 'ITRF', TIME_SYSTEM: 'UTC', START_TIME: '2020-06-25T12:00:00.000000', STOP_TIME: '2020-06-25T13:30:00.000000' });
      expect(keys['OBJECT_ID']).toBe(['1998-067A', '1998-067NE', '1998-067NJ'][i]);
      const states = data!.trim().split('\n').map((l) => l.split(' '));
      expect(states).toHaveLength(14);
      const ref = reference.get([25544, 42982, 43021][i]!)!;
      for (const [epoch, x, y, z] of states) {
        const date = new Date(`${epoch!}Z`);
        const ecf = eciToEcf(sgp4(ref.satrec, (date.getTime() - ref.epochMs) / 60_000)!.position, gstime(date));
        // satellite.js's Julian date carries ~40 µs of rounding: centimetres of Earth rotation.
        expect(Math.hypot(Number(x) - ecf.x, Number(y) - ecf.y, Number(z) - ecf.z)).toBeLessThan(1e-3);
      }
    });
  });

  it('applies --eop: UT1-UTC of -0.25 s turns the ITRF states by 0.25 s of Earth rotation', () => {
    expect(runs.eop.code).toBe(0);
    const withEop = csvRows(runs.eop.stdout);
    const segment = runs.oem.stdout.split('META_START\n')[1]!.split('META_STOP\n')[1]!;
    const without = segment.trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(withEop).toHaveLength(without.length);
    // GMST advances 1.00273790935 turns per UT1 day: R3(dg) with dg = -0.25 s of it.
    const dg = (-0.25 * 1.002_737_909_35 * 2 * Math.PI) / 86_400;
    withEop.forEach((row, k) => {
      const [, x, y, z] = without[k]!;
      const [ex, ey, ez] = row.slice(3, 6).map(Number);
      expect(ex! - (Math.cos(dg) * x! + Math.sin(dg) * y!)).toBeCloseTo(0, 5);
      expect(ey! - (-Math.sin(dg) * x! + Math.cos(dg) * y!)).toBeCloseTo(0, 5);
      expect(ez).toBe(z);
      expect(Math.hypot(ex! - x!, ey! - y!)).toBeGreaterThan(0.05); // ~120 m: the table was used
    });
  });

  it('reports usage mistakes with exit code 1', () => {
    expect(runs.bothGrids.code).toBe(1);
    expect(runs.bothGrids.stderr).toMatch(/either --from\/--to\/--step or --minutes/);
    expect(parseMinutesRange('-1440:0:60')).toEqual({ start: -1440, stop: 0, step: 60 });
    expect(() => parseMinutesRange('10:0:5')).toThrow(/expected A <= B/);
    expect(() => parseMinutesRange('0:10')).toThrow(/expected A:B:STEP/);
    expect(() => parseMinutesRange('0:10:0')).toThrow(/positive STEP/);
    expect(() => parseMinutesRange('0::5')).toThrow(/expected A:B:STEP/);
  });

  it('shows a progress bar on a terminal only, and not with --quiet', () => {
    expect(runs.teme.stderr).toBe('');
    expect(runs.tty.code).toBe(0);
    expect(runs.tty.stdout).toMatch(/propagate \[.*\] 3\/3 objects/);
    expect(runs.ttyQuiet.code).toBe(0);
    expect(runs.ttyQuiet.stdout).not.toMatch(/objects/);
    expect(runs.ttyQuiet.stdout).toMatch(/^id,time_utc/);
  });
});
