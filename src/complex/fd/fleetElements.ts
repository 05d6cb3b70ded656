// The element sets of the fleet: which set is flown (the newest published one, brought to the
// simulation's day when it is too old and the simulation asks for it), and what an upload brings.
import { ZenithError } from '../../core/errors/index.ts';
import { parseElements, reEpoch } from '../../core/orbit/index.ts';
import type { ElementSet, ReEpochMethod } from '../../core/orbit/index.ts';
import { MS_PER_DAY, formatIsoUtc } from '../../core/time/index.ts';

/** How a published set was brought to the simulation's epoch. */
export interface ReEpochNote {
  readonly method: ReEpochMethod;
  readonly fromEpochMs: number;
  readonly toEpochMs: number;
}

export interface ElementsInForce {
  readonly spacecraft: string;
  /** The set propagated. */
  readonly elements: ElementSet;
  /** The newest set published for the spacecraft (as the archive keeps it). */
  readonly published: ElementSet;
  /** Set when `elements` is `published` brought to the simulation's epoch. */
  readonly reEpoch?: ReEpochNote;
  /** Why a set that is too old could not be brought forward (it has decayed by then); flown as published. */
  readonly problem?: ZenithError;
}

/**
 * The set to fly at `nowMs`: `published`, or, when `maxAgeMs` is set and the clock is more than
 * that from its epoch, `published` re-epoched to 00:00 UTC of the clock's day. Midnight, not the
 * instant: a restart on the same day flies the very same set.
 */
export function elementsInForce(spacecraft: string, published: ElementSet, nowMs: number, maxAgeMs: number | undefined): ElementsInForce {
  if (maxAgeMs === undefined || Math.abs(nowMs - published.epochMs) <= maxAgeMs) return { spacecraft, elements: published, published };
  const toEpochMs = Math.floor(nowMs / MS_PER_DAY) * MS_PER_DAY;
  const moved = reEpoch(published, toEpochMs);
  if (!moved.ok) return { spacecraft, elements: published, published, problem: moved.error };
  return { spacecraft, elements: moved.elements, published, reEpoch: { method: moved.method, fromEpochMs: published.epochMs, toEpochMs } };
}

/** One line on what was done to a set, for the log and the event list. */
export function describeInForce(e: ElementsInForce): string {
  const epoch = formatIsoUtc(e.published.epochMs);
  if (e.reEpoch !== undefined) {
    const days = Math.round((e.reEpoch.toEpochMs - e.reEpoch.fromEpochMs) / MS_PER_DAY);
    const how = e.reEpoch.method === 'longitude-slot' ? 'its longitude slot kept' : 'SGP4 mean elements carried over';
    return `${e.spacecraft}: elements of ${epoch} are ${days} days from the simulation clock; flying them re-epoched to ${formatIsoUtc(e.reEpoch.toEpochMs)} (${how})`;
  }
  if (e.problem !== undefined) return `${e.spacecraft}: elements of ${epoch} could not be re-epoched (${e.problem.message}); flying them as published`;
  return `${e.spacecraft}: flying elements of ${epoch}`;
}

export interface FleetMember {
  readonly name: string;
  readonly catalogId: number;
}

export interface UploadReading {
  /** Sets of fleet spacecraft, good to store. */
  readonly sets: ElementSet[];
  /** What could not be read, and the objects outside the fleet. */
  readonly problems: ZenithError[];
}

/** Objects outside the fleet are listed one by one up to this many, then counted. */
export const MAX_FOREIGN_LISTED = 20;

/**
 * Reads uploaded element text (TLE/3LE, OMM KVN/XML/JSON/CSV): the good sets of fleet objects are
 * kept; every reading problem comes with its line and column, and each set of an object outside
 * the fleet is a problem ELEMENTS_NOT_IN_FLEET (beyond MAX_FOREIGN_LISTED, one problem counts the rest).
 */
export function readUpload(text: string, fleet: readonly FleetMember[], file: string): UploadReading {
  const parsed = parseElements(text, { file });
  const ids = new Map(fleet.map((m) => [m.catalogId, m.name]));
  const sets: ElementSet[] = [];
  const problems = [...parsed.problems];
  const foreign: ElementSet[] = [];
  for (const es of parsed.elements) {
    if (ids.has(es.catalogId)) sets.push(es);
    else foreign.push(es);
  }
  const expected = fleet.map((m) => `${m.catalogId} (${m.name})`).join(', ');
  for (const es of foreign.slice(0, MAX_FOREIGN_LISTED)) {
    const line = es.source?.line;
    problems.push(
      new ZenithError('ELEMENTS_NOT_IN_FLEET', `expected an object of the fleet, ${expected}; found ${es.catalogId}${es.name === undefined ? '' : ` (${es.name})`}, not used`, {
        file,
        ...(line === undefined ? {} : { line }),
        objectId: es.catalogId,
      }),
    );
  }
  if (foreign.length > MAX_FOREIGN_LISTED) {
    problems.push(
      new ZenithError('ELEMENTS_NOT_IN_FLEET', `and ${foreign.length - MAX_FOREIGN_LISTED} more element sets of objects outside the fleet, not used`, { file }),
    );
  }
  return { sets, problems };
}
