// What the API needs from the rest of the complex, as narrow interfaces: the API reads the archive
// and the mission database itself, and asks the services (telemetry, commands, flight dynamics,
// links) only for what changes state or what they alone know.
import type { ZenithError } from '../../core/errors/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import type { AlarmRecord, Archive } from '../archive/index.ts';
import type { Bus } from '../bus/index.ts';
import type { LinkInfo } from '../links/index.ts';
import type { Mission } from '../mission/index.ts';
import type { Clock } from '../runtime/index.ts';
import type { CatalogCommand, CommandView, QueueRequest } from '../tc/index.ts';

/**
 * The telemetry pipeline's part (TmService has this shape): alarms change state there, so that it
 * can publish the change; it knows which spacecraft a parameter belongs to and its links' status.
 */
export interface ApiTelemetry {
  /** The acknowledged alarm (the first acknowledgement is kept); a ZenithError ARCHIVE_NOT_FOUND for an unknown id. */
  acknowledgeAlarm(id: number, by: string, comment?: string): Promise<AlarmRecord>;
  spacecraftOfParameter?(name: string): string | undefined;
  /** Status and counters of the station links of this process. */
  linkInfo?(): readonly LinkInfo[];
}

/** A command as the API shows it and as `tc.command` carries it (docs/api.md, `Command`). */
export type ApiCommandView = CommandView;
/** An entry of the command catalog: a concrete command of the mission database with its open arguments. */
export type ApiCatalogCommand = CatalogCommand;
/** A request to queue a command; `origin` is who queues it (the API's user). */
export type ApiCommandRequest = QueueRequest;

/** The command pipeline's part (CommandService has this shape). Bad input: a ZenithError naming the field. */
export interface ApiCommands {
  catalog(spacecraft: string): readonly ApiCatalogCommand[];
  queue(request: ApiCommandRequest): Promise<ApiCommandView>;
  command(id: string): Promise<ApiCommandView | undefined>;
  /** Newest first. */
  history(query: { readonly spacecraft?: string; readonly fromMs?: number; readonly toMs?: number; readonly limit?: number }): Promise<ApiCommandView[]>;
  approve?(id: string, by: string): Promise<ApiCommandView>;
  cancel?(id: string, by: string): Promise<ApiCommandView>;
}

/** A predicted pass as the API shows it (times in ms of UTC, angles in degrees). */
export interface PassView {
  readonly id: string;
  readonly spacecraft: string;
  readonly catalogId: number;
  readonly station: string;
  readonly aosMs: number;
  readonly tcaMs: number;
  readonly losMs: number;
  readonly maxElevationDeg: number;
  readonly aosAzimuthDeg: number;
  readonly losAzimuthDeg: number;
  /** In the contact plan. */
  readonly planned: boolean;
}

export interface ContactView {
  readonly id: string;
  readonly spacecraft: string;
  readonly station: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly maxElevationDeg: number;
  /** `planned`, `active` (now inside it), `done`, or what the planner calls it. */
  readonly state: string;
}

export interface ElementsUpload {
  /** Element sets taken in. */
  readonly accepted: number;
  /** What could not be read, with line and column where known. */
  readonly problems: readonly ZenithError[];
}

/** The flight-dynamics service's part. */
export interface ApiFlightDynamics {
  passes(fromMs: number, toMs: number, filter: { readonly spacecraft?: string; readonly station?: string }): Promise<PassView[]>;
  contacts(fromMs: number, toMs: number): Promise<ContactView[]>;
  uploadElements(text: string, by: string): Promise<ElementsUpload>;
  /** The element set in force for each spacecraft of the fleet (by catalog id). */
  currentElements(): Promise<readonly ElementSet[]>;
}

export interface ApiDeps {
  readonly clock: Clock;
  readonly archive: Archive;
  readonly bus: Bus;
  readonly mission: Mission;
  readonly mdb: MissionDatabase;
  /**
   * When the fleet shares one database and each spacecraft's values are stored under its own name
   * prefix (as `zenith up` does: `/ZEN-GEO`), those prefixes: the parameter tree then has one branch
   * per spacecraft and every parameter name in the API carries the prefix.
   */
  readonly parameterPrefixes?: readonly string[];
  readonly telemetry: ApiTelemetry;
  readonly commands: ApiCommands;
  readonly flightDynamics: ApiFlightDynamics;
}
