// The flight-dynamics service's settings (the `flightDynamics` section of the complex's config):
// how far ahead passes are predicted and how often, the contact-plan rules, and whether stale
// element sets are brought to the simulation's epoch. Validated once, naming the key at fault.
import Type from 'typebox';
import Value from 'typebox/value';
import { ZenithError } from '../../core/errors/index.ts';
import { configErrors } from '../mission/index.ts';
import type { Mission } from '../mission/index.ts';

export const FlightDynamicsConfigSchema = Type.Object(
  {
    /** Passes and contacts are planned this far ahead of the clock. */
    horizonHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 14, default: 24 })),
    /** The plan is made again this often (simulated time), and at once when elements change. */
    refreshHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 7, default: 3 })),
    /** Each new plan starts this far before the clock, so that a pass in progress is planned whole. */
    lookbackHours: Type.Optional(Type.Number({ minimum: 0, maximum: 24, default: 1 })),
    /** Contacts of earlier plans kept in each new plan, as history. */
    historyHours: Type.Optional(Type.Number({ minimum: 0, maximum: 24 * 14, default: 24 })),
    /** No contact is planned shorter than this. */
    minContactMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 120, default: 2 })),
    /**
     * Spacecraft that get a station only when no other needs it; 'auto' = the geosynchronous ones
     * (0.9 .. 1.1 rev/day), always in view of the stations that see them.
     */
    background: Type.Optional(Type.Union([Type.Literal('auto'), Type.Array(Type.String())], { default: 'auto' })),
    /** A spacecraft holds one station at a time (hand-over where passes overlap); false: several at once. */
    oneStationAtATime: Type.Optional(Type.Boolean({ default: true })),
    /** Station name -> the spacecraft it serves alone. */
    dedicatedStations: Type.Optional(Type.Record(Type.String(), Type.String(), { default: {} })),
    /** Simulation only: fly element sets brought to the clock's day when they are older than maxAgeDays. */
    reEpoch: Type.Optional(
      Type.Object(
        {
          enabled: Type.Boolean(),
          maxAgeDays: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3650, default: 3 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type FlightDynamicsConfig = Type.Static<typeof FlightDynamicsConfigSchema>;

/** The settings with every default filled in, times in ms. */
export interface FdSettings {
  readonly horizonMs: number;
  readonly refreshMs: number;
  readonly lookbackMs: number;
  readonly historyMs: number;
  readonly minContactMs: number;
  /** Names of the spacecraft planned as background, or 'auto'. */
  readonly background: 'auto' | readonly string[];
  readonly dedicatedStations: Readonly<Record<string, string>>;
  readonly oneStationAtATime: boolean;
  /** undefined: elements are flown as they are. */
  readonly reEpochMaxAgeMs: number | undefined;
}

const HOUR_MS = 3_600_000;

/**
 * Checks `raw` (the config section, undefined for all defaults) against the schema and the
 * mission (station and spacecraft names); throws one ZenithError CONFIG_INVALID naming every key
 * at fault, as `flightDynamics.<key>`.
 */
export function resolveFdConfig(raw: unknown, mission: Mission, file = 'config'): FdSettings {
  const value = raw ?? {};
  const problems = configErrors(FlightDynamicsConfigSchema, value, file).map(
    (p) => new ZenithError(p.code, `flightDynamics.${p.message}`, { ...p.context, field: `flightDynamics.${String(p.context.field)}` }),
  );
  if (problems.length === 0) {
    const config = Value.Parse(FlightDynamicsConfigSchema, value);
    const names = unknownNames(config, mission, file);
    if (names.length === 0) return settingsOf(config);
    problems.push(...names);
  }
  const [first] = problems;
  if (problems.length === 1 && first !== undefined) throw first;
  throw new ZenithError('CONFIG_INVALID', `${problems.length} problems in flightDynamics:\n${problems.map((p) => `  ${p.describe()}`).join('\n')}`, {
    file,
    field: 'flightDynamics',
  });
}

/** Spacecraft and stations the section names that the mission does not have. */
function unknownNames(config: FlightDynamicsConfig, mission: Mission, file: string): ZenithError[] {
  const problems: ZenithError[] = [];
  const fleet = new Set(mission.spacecraft.map((s) => s.name));
  const stations = new Set(mission.stations.map((s) => s.name));
  const unknown = (key: string, what: string, name: string, known: Set<string>): void => {
    problems.push(
      new ZenithError('CONFIG_INVALID', `flightDynamics.${key} names ${what} ${JSON.stringify(name)}; expected one of ${[...known].join(', ')}`, {
        file,
        field: `flightDynamics.${key}`,
      }),
    );
  };
  if (Array.isArray(config.background)) {
    config.background.forEach((name, i) => {
      if (!fleet.has(name)) unknown(`background[${i}]`, 'a spacecraft', name, fleet);
    });
  }
  for (const [station, spacecraft] of Object.entries(config.dedicatedStations ?? {})) {
    if (!stations.has(station)) unknown(`dedicatedStations.${station}`, 'a station', station, stations);
    if (!fleet.has(spacecraft)) unknown(`dedicatedStations.${station}`, 'a spacecraft', spacecraft, fleet);
  }
  return problems;
}

function settingsOf(config: FlightDynamicsConfig): FdSettings {
  return {
    horizonMs: (config.horizonHours ?? 24) * HOUR_MS,
    refreshMs: (config.refreshHours ?? 3) * HOUR_MS,
    lookbackMs: (config.lookbackHours ?? 1) * HOUR_MS,
    historyMs: (config.historyHours ?? 24) * HOUR_MS,
    minContactMs: (config.minContactMinutes ?? 2) * 60_000,
    background: config.background ?? 'auto',
    dedicatedStations: config.dedicatedStations ?? {},
    oneStationAtATime: config.oneStationAtATime ?? true,
    reEpochMaxAgeMs: config.reEpoch?.enabled === true ? (config.reEpoch.maxAgeDays ?? 3) * 24 * HOUR_MS : undefined,
  };
}
