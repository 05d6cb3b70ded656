// The telemetry section of the complex's configuration (YAML/JSON) and the builder that turns it
// into a TmService: each key is validated at start-up, spacecraft and stations are checked against
// the mission, the XTCE files are loaded, and every mistake is reported naming its key. A room of
// its own so that the pipeline's processes do not load the schema and YAML libraries.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Type from 'typebox';
import Value from 'typebox/value';
import { ZenithError } from '../../../core/errors/index.ts';
import { loadMdb } from '../../../core/mdb/index.ts';
import type { MissionDatabase } from '../../../core/mdb/index.ts';
import type { Archive } from '../../archive/index.ts';
import type { Bus } from '../../bus/index.ts';
import { TmLinkConfigSchema, createTmFrameLink } from '../../links/config/index.ts';
import { configErrors } from '../../mission/index.ts';
import type { Mission } from '../../mission/index.ts';
import type { Clock } from '../../runtime/index.ts';
import { TmService } from '../index.ts';
import type { TmSpacecraft } from '../index.ts';

export const TmSpacecraftConfigSchema = Type.Object(
  {
    /** A spacecraft of the mission: its SCID comes from there. */
    name: Type.String({ minLength: 1 }),
    /** XTCE files, loaded in this order, relative to the configuration's folder. */
    mdb: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    frameLength: Type.Integer({ minimum: 7, maximum: 2048 }),
    hasFecf: Type.Optional(Type.Boolean()),
    parameterPrefix: Type.Optional(Type.String({ pattern: '^(/[^/\\s]+)+$' })),
    rootContainer: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const TmConfigSchema = Type.Object(
  {
    spacecraft: Type.Array(TmSpacecraftConfigSchema),
    links: Type.Array(TmLinkConfigSchema),
    /** Decode frames in this process (default true). */
    process: Type.Optional(Type.Boolean()),
    frameBatch: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    parameterBatch: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export type TmSpacecraftConfig = Type.Static<typeof TmSpacecraftConfigSchema>;
export type TmConfig = Type.Static<typeof TmConfigSchema>;

export interface TmBuildContext {
  readonly archive: Archive;
  readonly bus: Bus;
  readonly mission: Mission;
  /** The configuration file, for messages, and its folder, for the XTCE paths. */
  readonly file: string;
  readonly baseDir: string;
  readonly clock?: Clock;
  /** Loads a database (default: read and load the files; problems in them fail the build). */
  readonly loadDatabase?: (paths: readonly string[]) => MissionDatabase;
}

function readDatabase(paths: readonly string[]): MissionDatabase {
  const files = paths.map((path) => {
    try {
      return { name: path, text: readFileSync(path, 'utf8') };
    } catch (cause) {
      throw new ZenithError('FILE_UNREADABLE', `expected a readable XTCE file, found: ${(cause as Error).message}`, { file: path }, { cause });
    }
  });
  const result = loadMdb(files);
  const first = result.problems[0];
  if (first !== undefined) {
    throw new ZenithError('CONFIG_INVALID', `${result.problems.length} problem(s) in the mission database, the first: ${first.describe()}`, first.context, { cause: first });
  }
  return result.mdb;
}

/**
 * Builds the telemetry service from the `tm` section `raw` (not yet validated). Throws one
 * ZenithError CONFIG_INVALID listing every problem, each naming its key (`tm.links[1].port`).
 */
export function buildTmService(raw: unknown, context: TmBuildContext): TmService {
  const file = context.file;
  const problems = configErrors(Type.Object({ tm: TmConfigSchema }), { tm: raw }, file);
  if (problems.length > 0) throw combined(problems, file);
  const config = Value.Parse(TmConfigSchema, raw);
  const fail = (field: string, message: string): void => {
    problems.push(new ZenithError('CONFIG_INVALID', `${field} ${message}`, { file, field }));
  };
  const missionSc = new Map(context.mission.spacecraft.map((s) => [s.name, s]));
  const stations = new Set(context.mission.stations.map((s) => s.name));
  const spacecraft: TmSpacecraft[] = [];
  const seen = new Set<string>();
  config.spacecraft.forEach((sc, i) => {
    const key = `tm.spacecraft[${i}]`;
    const m = missionSc.get(sc.name);
    if (m === undefined) {
      fail(`${key}.name`, `must be a spacecraft of the mission (${[...missionSc.keys()].join(', ')}), found ${sc.name}`);
      return;
    }
    if (seen.has(sc.name)) {
      fail(`${key}.name`, `names spacecraft ${sc.name} a second time`);
      return;
    }
    seen.add(sc.name);
    let mdb: MissionDatabase;
    try {
      mdb = (context.loadDatabase ?? readDatabase)(sc.mdb.map((p) => resolve(context.baseDir, p)));
    } catch (error) {
      fail(`${key}.mdb`, `could not be loaded: ${error instanceof ZenithError ? error.describe() : String(error)}`);
      return;
    }
    spacecraft.push({
      name: sc.name,
      spacecraftId: m.spacecraftId,
      mdb,
      frameLength: sc.frameLength,
      ...(sc.hasFecf === undefined ? {} : { hasFecf: sc.hasFecf }),
      ...(sc.parameterPrefix === undefined ? {} : { parameterPrefix: sc.parameterPrefix }),
      ...(sc.rootContainer === undefined ? {} : { rootContainer: sc.rootContainer }),
    });
  });
  const linkNames = new Set<string>();
  config.links.forEach((l, i) => {
    const key = `tm.links[${i}]`;
    if (linkNames.has(l.name)) fail(`${key}.name`, `names link ${l.name} a second time`);
    linkNames.add(l.name);
    if (!stations.has(l.station)) fail(`${key}.station`, `must be a station of the mission (${[...stations].join(', ')}), found ${l.station}`);
    if (l.spacecraft !== undefined && !seen.has(l.spacecraft)) fail(`${key}.spacecraft`, `must be a spacecraft listed under tm.spacecraft, found ${l.spacecraft}`);
    if (l.transport === 'tcp' && l.framing === 'fixed-length' && l.frameLength === undefined) fail(`${key}.frameLength`, 'is required by the fixed-length framing but missing');
    if (l.transport === 'udp' && l.framing !== undefined) fail(`${key}.framing`, 'applies to TCP links only');
  });
  if (problems.length > 0) throw combined(problems, file);
  const spacecraftIds = new Map(context.mission.spacecraft.map((s) => [s.spacecraftId, s.name]));
  const clock = context.clock === undefined ? {} : { clock: context.clock };
  return new TmService({
    archive: context.archive,
    bus: context.bus,
    spacecraft,
    links: config.links.map((l) => createTmFrameLink(l, { spacecraftIds, ...clock })),
    ...clock,
    ...(config.process === undefined ? {} : { process: config.process }),
    ...(config.frameBatch === undefined ? {} : { frameBatch: config.frameBatch }),
    ...(config.parameterBatch === undefined ? {} : { parameterBatch: config.parameterBatch }),
  });
}

function combined(problems: readonly ZenithError[], file: string): ZenithError {
  const first = problems[0];
  if (problems.length === 1 && first !== undefined) return first;
  return new ZenithError('CONFIG_INVALID', `${problems.length} problems:\n${problems.map((p) => `  ${p.describe()}`).join('\n')}`, { file });
}
