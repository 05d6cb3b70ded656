// What every route group is given: the services, the server's version, and a hook to tell the
// live feeds that element sets changed (positions are propagated from them).
import type { ApiDeps } from './ApiDeps.ts';

export interface RouteContext {
  readonly deps: ApiDeps;
  readonly version: string;
  /** Names of the spacecraft of the mission. */
  readonly fleet: readonly string[];
  /** Called after an element upload took something in. */
  readonly elementsChanged: () => void;
}
