// The shapes of the complex's API (docs/api.md) as the UI reads them.
import type { ElementSet } from '../../../src/core/orbit/index.ts';

export type JsonScalar = number | string | boolean | null;

export interface Spacecraft {
  readonly name: string;
  readonly catalogId: number;
  /** As the mission file gives them (absent when it gives none). */
  readonly role?: string;
  readonly description?: string;
  readonly priority: number;
  readonly spacecraftId: number;
  readonly downlinkHz: number;
  readonly uplinkHz: number;
  readonly elements: ElementSet;
}

export interface StationLink {
  readonly status: string;
  readonly statusDetail: string;
  readonly framesReceived: number;
  readonly framesStored: number;
  readonly lastFrameTime: string | null;
}

export interface Station {
  readonly name: string;
  /** As the mission file gives it (absent when it gives none). */
  readonly role?: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  readonly minElevationDeg: number;
  readonly bands: readonly string[];
  /** [azimuthDeg, elevationDeg] pairs. */
  readonly horizonMask: readonly (readonly [number, number])[];
  readonly link?: StationLink;
}

export interface Contact {
  readonly id: string;
  readonly spacecraft: string;
  readonly station: string;
  readonly aos: string;
  readonly los: string;
  readonly maxElevationDeg: number;
  readonly state: string;
}

export interface ParameterInfo {
  readonly name: string;
  readonly qualifiedName: string;
  readonly type: string;
  readonly units: string;
  readonly description: string;
}

export interface SpaceSystemNode {
  readonly name: string;
  readonly qualifiedName: string;
  readonly parameters: readonly ParameterInfo[];
  readonly spaceSystems: readonly SpaceSystemNode[];
}

export interface ParameterValue {
  readonly name: string;
  readonly generationTime: string;
  readonly receptionTime: string;
  readonly raw: JsonScalar;
  readonly eng: JsonScalar;
  readonly state: string | null;
}

export interface HistoryPoint {
  readonly time: string;
  readonly endTime: string;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly count: number;
}

export type AlarmState = 'raised' | 'acknowledged' | 'cleared' | 'closed';

export interface Alarm {
  readonly id: number;
  readonly parameter: string;
  readonly spacecraft: string | null;
  readonly severity: string;
  readonly maxSeverity: string;
  readonly state: AlarmState;
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly value: JsonScalar;
  readonly triggerValue: JsonScalar;
  readonly limit: JsonScalar;
  readonly message: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgeComment: string | null;
  readonly clearedAt: string | null;
}

export interface ZenithEvent {
  readonly id: string;
  readonly time: string;
  readonly severity: string;
  readonly source: string;
  readonly type: string;
  readonly message: string;
}

export interface CommandArgument {
  readonly name: string;
  readonly type: string;
  readonly units?: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly default?: string;
}

export interface CatalogCommand {
  readonly name: string;
  readonly description: string;
  readonly critical: boolean;
  readonly arguments: readonly CommandArgument[];
}

export interface CommandStage {
  readonly stage: string;
  readonly status: string;
  readonly time: string;
  readonly message?: string;
}

export interface Command {
  readonly id: string;
  readonly name: string;
  readonly spacecraft: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly critical: boolean;
  readonly queuedBy: string;
  readonly queuedAt: string;
  readonly release: { readonly mode: string; readonly time?: string };
  readonly state: string;
  readonly stages: readonly CommandStage[];
}

export interface ClockReading {
  readonly time: string;
  readonly speed: number;
}

export interface User {
  readonly name: string;
  readonly roles: readonly string[];
  /** The complex made this user's password (the first admin's): it must be changed before anything else. */
  readonly mustChangePassword: boolean;
}
