// The contact plan: each station has one antenna, given to one spacecraft at a time by a few
// priority rules (docs/flight-dynamics.md, "Contact plan"). Pure: predicted passes in, contacts out,
// with the reason each pass or part of a pass was left out.

import { freePieces, insertBusy } from './intervals.ts';
import type { Interval } from './intervals.ts';

/** A predicted pass as the planner needs it; the caller's own records may carry more. */
export interface PlanningPass {
  readonly station: string;
  readonly spacecraft: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly maxElevationRad: number;
}

export interface PlanningSpacecraft {
  readonly name: string;
  /** 1 is the highest priority. */
  readonly priority: number;
  /**
   * Always in view (a geostationary satellite): it gets a station only while no other spacecraft
   * needs it, whatever its priority.
   */
  readonly background?: boolean;
}

export interface PlanningRules {
  /** No contact is shorter than this (ms): a shorter piece of a pass is not worth an antenna. */
  readonly minContactMs: number;
  /** Stations given to one spacecraft whenever it is in view: station name -> spacecraft name. */
  readonly dedicatedStations?: Readonly<Record<string, string>>;
  /**
   * One station at a time per spacecraft (default true): a pass gets no time during which its
   * spacecraft already has another station, so that station can serve someone else. False: a
   * spacecraft may hold several stations at once (redundant reception).
   */
  readonly oneStationAtATime?: boolean;
}

export interface PlannedContact<P extends PlanningPass = PlanningPass> {
  readonly station: string;
  readonly spacecraft: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The pass this contact is (a part of). */
  readonly pass: P;
  /** Shorter than its pass: another spacecraft had the station for the rest of it. */
  readonly cut: boolean;
  readonly background: boolean;
}

/**
 * Why a pass has no contact: another spacecraft had the station for the whole pass ('taken'); the
 * spacecraft had another station for all the rest of it ('elsewhere'); what was left was shorter
 * than the minimum ('too-short'); the station is dedicated to another spacecraft ('dedicated');
 * the spacecraft is not in the fleet given ('unknown-spacecraft').
 */
export type DropReason = 'taken' | 'elsewhere' | 'too-short' | 'dedicated' | 'unknown-spacecraft';

export interface DroppedPass<P extends PlanningPass = PlanningPass> {
  readonly pass: P;
  readonly reason: DropReason;
}

export interface ContactPlanResult<P extends PlanningPass = PlanningPass> {
  /** Sorted by start, then station, then spacecraft. */
  readonly contacts: PlannedContact<P>[];
  readonly dropped: DroppedPass<P>[];
}

interface Candidate<P extends PlanningPass> {
  readonly pass: P;
  readonly priority: number;
  readonly background: boolean;
}

/**
 * The order in which passes claim a station: foreground before background, then priority (1 first),
 * then the higher maximum elevation, then the earlier AOS; the names and LOS make it total, so the
 * plan does not depend on the order of the input.
 */
function claimOrder<P extends PlanningPass>(a: Candidate<P>, b: Candidate<P>): number {
  return (
    Number(a.background) - Number(b.background) ||
    a.priority - b.priority ||
    b.pass.maxElevationRad - a.pass.maxElevationRad ||
    a.pass.aosMs - b.pass.aosMs ||
    compareText(a.pass.spacecraft, b.pass.spacecraft) ||
    compareText(a.pass.station, b.pass.station) ||
    a.pass.losMs - b.pass.losMs
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Plans the single antenna of every station over the passes given:
 * 1. a station dedicated to a spacecraft serves only it, for each of its passes there;
 * 2. passes claim their station in `claimOrder`: a pass gets the parts of its window that no
 *    earlier claim holds at that station (nor, with `oneStationAtATime`, for its spacecraft at
 *    another station), each part that lasts at least `minContactMs`; so a higher-priority pass is
 *    never cut for a lower one, and a lower one keeps what does not conflict;
 * 3. background spacecraft claim last: they fill the time nobody else needs.
 */
export function planContacts<P extends PlanningPass>(
  passes: readonly P[],
  spacecraft: readonly PlanningSpacecraft[],
  rules: PlanningRules,
): ContactPlanResult<P> {
  const minContactMs = rules.minContactMs;
  if (!(minContactMs >= 0) || !Number.isFinite(minContactMs)) {
    throw new RangeError(`planContacts: minContactMs must be a finite number >= 0, found ${minContactMs}`);
  }
  const fleet = new Map<string, PlanningSpacecraft>();
  for (const sc of spacecraft) {
    if (!Number.isFinite(sc.priority)) throw new RangeError(`planContacts: spacecraft ${sc.name} needs a finite priority, found ${sc.priority}`);
    fleet.set(sc.name, sc);
  }
  const dedicated = rules.dedicatedStations ?? {};
  const oneStation = rules.oneStationAtATime ?? true;
  const contacts: PlannedContact<P>[] = [];
  const dropped: DroppedPass<P>[] = [];
  const candidates: Candidate<P>[] = [];
  for (const pass of passes) {
    if (!Number.isFinite(pass.aosMs) || !Number.isFinite(pass.losMs) || !Number.isFinite(pass.maxElevationRad)) {
      throw new RangeError(`planContacts: pass ${pass.spacecraft}/${pass.station} needs finite times and elevation`);
    }
    const sc = fleet.get(pass.spacecraft);
    if (sc === undefined) {
      dropped.push({ pass, reason: 'unknown-spacecraft' });
      continue;
    }
    const owner = Object.hasOwn(dedicated, pass.station) ? dedicated[pass.station] : undefined;
    if (owner !== undefined && owner !== pass.spacecraft) {
      dropped.push({ pass, reason: 'dedicated' });
      continue;
    }
    // On a dedicated station its spacecraft is the foreground, whatever it is elsewhere.
    candidates.push({ pass, priority: sc.priority, background: owner === undefined && sc.background === true });
  }
  candidates.sort(claimOrder);
  const stationBusy = new Map<string, Interval[]>();
  const spacecraftBusy = new Map<string, Interval[]>();
  for (const { pass, background } of candidates) {
    const atStation = busyList(stationBusy, pass.station);
    const ofSpacecraft = busyList(spacecraftBusy, pass.spacecraft);
    const open = freePieces({ startMs: pass.aosMs, endMs: pass.losMs }, atStation);
    const free = oneStation ? open.flatMap((piece) => freePieces(piece, ofSpacecraft)) : open;
    const kept = free.filter((piece) => piece.endMs - piece.startMs >= minContactMs);
    if (kept.length === 0) {
      const reason = pass.losMs <= pass.aosMs ? 'too-short' : open.length === 0 ? 'taken' : free.length === 0 ? 'elsewhere' : 'too-short';
      dropped.push({ pass, reason });
      continue;
    }
    for (const piece of kept) {
      insertBusy(atStation, piece);
      insertBusy(ofSpacecraft, piece);
      contacts.push({
        station: pass.station,
        spacecraft: pass.spacecraft,
        startMs: piece.startMs,
        endMs: piece.endMs,
        pass,
        cut: piece.startMs > pass.aosMs || piece.endMs < pass.losMs,
        background,
      });
    }
  }
  contacts.sort((a, b) => a.startMs - b.startMs || compareText(a.station, b.station) || compareText(a.spacecraft, b.spacecraft));
  return { contacts, dropped };
}

function busyList(map: Map<string, Interval[]>, key: string): Interval[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}
