// `zenith mission passes [DIR]`: the coming passes of a mission's fleet over its own stations, with
// each station's minimum elevation and horizon mask — the operator's first question of the day.
import type { Command } from '@commander-js/extra-typings';
import { loadMission } from '../complex/mission/index.ts';
import type { Mission, StationConfig } from '../complex/mission/index.ts';
import { makeStation } from '../core/frames/index.ts';
import { HorizonMask, ephemerisFromElements, findPasses } from '../core/passes/index.ts';
import type { Pass, PassStation } from '../core/passes/index.ts';
import { formatIsoUtc, leapTableWarning, parseIsoUtc } from '../core/time/index.ts';

const DEG = Math.PI / 180;
const MS_PER_DAY = 86_400_000;

/** A mission station as the pass search sees it: position, minimum elevation, horizon mask. */
export function missionPassStation(station: StationConfig): PassStation {
  const base = makeStation(station.name, {
    latitudeRad: station.latitudeDeg * DEG,
    longitudeRad: station.longitudeDeg * DEG,
    altitudeKm: station.altitudeM / 1000,
  });
  const withMinimum = { ...base, minElevationRad: station.minElevationDeg * DEG };
  if (station.horizonMask === undefined) return withMinimum;
  // A table that closes the circle names north twice (0 and 360): keep one of them.
  const points = station.horizonMask
    .filter(([az], i, all) => !(az === 360 && all.some(([other], j) => j !== i && other === 0)))
    .map(([az, el]) => ({ azimuthRad: az * DEG, elevationRad: el * DEG }));
  return { ...withMinimum, horizonMask: new HorizonMask(points) };
}

export interface MissionPass {
  readonly spacecraft: string;
  readonly catalogId: number;
  readonly station: string;
  readonly aos: string;
  readonly tca: string;
  readonly los: string;
  readonly durationS: number;
  readonly maxElevationDeg: number;
  readonly aosAzimuthDeg: number;
  readonly losAzimuthDeg: number;
  readonly aosCut: boolean;
  readonly losCut: boolean;
}

/** Every pass of the mission's fleet over its stations in [fromMs, toMs), in AOS order. */
export function missionPasses(mission: Mission, fromMs: number, toMs: number): { passes: MissionPass[]; failures: string[] } {
  const sources = mission.spacecraft.map((sc) => ephemerisFromElements(sc.elements));
  const result = findPasses(sources, mission.stations.map(missionPassStation), fromMs, toMs);
  const nameOf = new Map(mission.spacecraft.map((sc) => [sc.catalogId, sc.name]));
  const round = (rad: number): number => Math.round((rad / DEG) * 10) / 10;
  const passes = [...result.passes]
    .sort((a, b) => a.aosMs - b.aosMs)
    .map((p: Pass) => ({
      spacecraft: nameOf.get(p.objectId) ?? String(p.objectId),
      catalogId: p.objectId,
      station: p.stationName,
      aos: formatIsoUtc(p.aosMs),
      tca: formatIsoUtc(p.tcaMs),
      los: formatIsoUtc(p.losMs),
      durationS: Math.round((p.losMs - p.aosMs) / 1000),
      maxElevationDeg: round(p.maxElevationRad),
      aosAzimuthDeg: round(p.aosAzimuthRad),
      losAzimuthDeg: round(p.losAzimuthRad),
      aosCut: p.aosCut,
      losCut: p.losCut,
    }));
  const failures = result.failures.map((f) => `${nameOf.get(f.objectId) ?? f.objectId}: [${f.error.code}] ${f.error.message}`);
  return { passes, failures };
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s).padStart(2, '0')}s`;
}

/** A table an operator reads at a glance; `<` / `>` mark a pass cut by the window's start / end. */
export function missionPassesText(mission: Mission, passes: readonly MissionPass[], fromMs: number, toMs: number): string {
  const lines = [`${mission.name}: ${passes.length} passes from ${formatIsoUtc(fromMs)} to ${formatIsoUtc(toMs)}`];
  for (const sc of mission.spacecraft) {
    const ageDays = (fromMs - sc.elements.epochMs) / MS_PER_DAY;
    lines.push(`  ${sc.name} (${sc.catalogId}): elements of ${formatIsoUtc(sc.elements.epochMs)}, ${ageDays.toFixed(1)} days old`);
  }
  lines.push('');
  const header = ['AOS (UTC)', 'LOS (UTC)', 'duration', 'spacecraft', 'station', 'max el', 'AOS az', 'LOS az'];
  const rows = passes.map((p) => [
    `${p.aosCut ? '<' : ' '}${p.aos.slice(0, 19).replace('T', ' ')}`,
    `${p.los.slice(0, 19).replace('T', ' ')}${p.losCut ? '>' : ' '}`,
    duration(p.durationS),
    p.spacecraft,
    p.station,
    `${p.maxElevationDeg.toFixed(1)}°`,
    `${p.aosAzimuthDeg.toFixed(1)}°`,
    `${p.losAzimuthDeg.toFixed(1)}°`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  lines.push(line(header), ...rows.map(line));
  return `${lines.join('\n')}\n`;
}

export function registerMissionCommand(program: Command): void {
  const mission = program.command('mission').description("a mission folder's fleet and stations");
  mission
    .command('passes')
    .description("the coming passes of a mission's fleet over its stations (minimum elevations and horizon masks applied)")
    .argument('[dir]', 'mission folder with mission.yaml', 'missions/demo')
    .option('--from <iso>', 'start of the window, ISO-8601 UTC (default: now)')
    .option('--hours <n>', 'length of the window in hours', '24')
    .option('--format <format>', 'text, json', 'text')
    .action((dir, options, command) => {
      const hours = Number(options.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 31) command.error(`error: --hours must be a number of hours in (0, 744], got "${options.hours}"`);
      if (options.format !== 'text' && options.format !== 'json') command.error(`error: --format must be text or json, got "${options.format}"`);
      const fromMs = options.from === undefined ? Date.now() : parseIsoUtc(options.from, { field: '--from' });
      const toMs = fromMs + hours * 3_600_000;
      const warning = leapTableWarning(Date.now());
      if (warning !== undefined) process.stderr.write(`zenith: warning: ${warning}\n`);
      const loaded = loadMission(dir);
      const { passes, failures } = missionPasses(loaded, fromMs, toMs);
      for (const failure of failures) process.stderr.write(`zenith: ${failure}\n`);
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(passes, null, 2)}\n` : missionPassesText(loaded, passes, fromMs, toMs));
      process.exitCode = failures.length > 0 ? 3 : 0;
    });
}
