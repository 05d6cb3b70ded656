// The flight-dynamics service of the complex: keeps the fleet's element sets (mission file and
// uploads, in the archive), predicts each spacecraft's passes over each station, plans who gets each
// station's antenna, and announces AOS and LOS of planned contacts on the bus, on the complex's clock.
import { ZenithError } from '../../core/errors/index.ts';
import { Propagator, isGeosynchronous } from '../../core/orbit/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { ephemerisFromElements, findPasses } from '../../core/passes/index.ts';
import type { EphemerisSource, PassStation } from '../../core/passes/index.ts';
import { planContacts } from '../../core/planning/index.ts';
import type { PlanningPass, PlanningSpacecraft } from '../../core/planning/index.ts';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { ApiFlightDynamics, ContactView, PassView } from '../api/index.ts';
import type { Archive, EventRecord, PassRecord } from '../archive/index.ts';
import { toJson } from '../bus/index.ts';
import type { Bus } from '../bus/index.ts';
import type { Mission, MissionSpacecraft } from '../mission/index.ts';
import type { Clock, Service } from '../runtime/index.ts';
import type { ContactSource } from '../tc/index.ts';
import { ContactSchedule } from './ContactSchedule.ts';
import type { Contact } from './ContactSchedule.ts';
import { contactFromPlan, contactOf, contactRecordOf, contactViewOf, continuePlan } from './contactRecords.ts';
import { resolveFdConfig } from './fdConfig.ts';
import type { FdSettings } from './fdConfig.ts';
import { describeInForce, elementsInForce, readUpload } from './fleetElements.ts';
import type { ElementsInForce } from './fleetElements.ts';
import { joinPasses, passDetails, passRecordOf, passViewOf } from './passRecords.ts';
import { passStationOf } from './passStationOf.ts';
import { spacecraftStateAt } from './spacecraftState.ts';
import type { SpacecraftState } from './spacecraftState.ts';

/** AOS and LOS of planned contacts (ContactEvent as JSON). */
export const FD_CONTACT_SUBJECT = 'fd.contact';
/** A new contact plan was made (PlanNotice as JSON). */
export const FD_PLAN_SUBJECT = 'fd.plan';
/** The element set flown for a spacecraft changed (ElementsNotice as JSON). */
export const FD_ELEMENTS_SUBJECT = 'fd.elements';
/** The `source` of the service's events in the archive. */
export const FD_EVENT_SOURCE = 'fd';

const DEG = Math.PI / 180;
/** Node holds a timer delay in 31 bits; the loop also wakes at least this often to look at the clock. */
const MAX_WAIT_REAL_MS = 60_000;
/** Below this mean motion (a period of 225 min or more) SGP4 is in deep-space mode. */
const DEEP_SPACE_REV_PER_DAY = 6.4;
const SLOW_MASK_STEP_MS = 60_000;
/** After a failed refresh, the next try comes after this many real ms. */
const RETRY_REAL_MS = 5_000;

export interface ContactEvent {
  readonly event: 'aos' | 'los';
  readonly station: string;
  readonly spacecraft: string;
  /** When it happens on the complex's clock (the contact's AOS or LOS, or when a new plan ended it). */
  readonly time: string;
  readonly timeMs: number;
  readonly aos: string;
  readonly los: string;
  readonly maxElevationDeg: number;
}

export interface PlanNotice {
  readonly createdMs: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly contacts: number;
  readonly passes: number;
}

export interface ElementsNotice {
  readonly spacecraft: string;
  readonly catalogId: number;
  /** Epoch of the set flown, and of the set published when it was re-epoched. */
  readonly epoch: string;
  readonly publishedEpoch: string;
  readonly reEpoch: string | null;
}

/** pino's Logger has this shape. */
export interface FdLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface FlightDynamicsOptions {
  readonly mission: Mission;
  readonly archive: Archive;
  readonly clock: Clock;
  /** Where AOS/LOS, plans and element changes are published; none: not published. */
  readonly bus?: Bus;
  /** The `flightDynamics` section of the config (see FlightDynamicsConfigSchema); undefined: defaults. */
  readonly config?: unknown;
  /** Named in config errors. */
  readonly configFile?: string;
  readonly logger?: FdLogger;
  /** Failures in the background (a refresh, an event write); default: the logger, else stderr. */
  readonly onError?: (error: unknown) => void;
}

export interface ElementsUploadResult {
  /** Element sets of the fleet taken in (stored). */
  readonly accepted: number;
  readonly problems: readonly ZenithError[];
}

const SILENT: FdLogger = { info: () => undefined, warn: () => undefined };

export class FlightDynamicsService implements Service, ContactSource, ApiFlightDynamics {
  readonly name = 'flight-dynamics';
  readonly settings: FdSettings;
  readonly #mission: Mission;
  readonly #archive: Archive;
  readonly #clock: Clock;
  readonly #bus: Bus | undefined;
  readonly #log: FdLogger;
  readonly #onError: (error: unknown) => void;
  readonly #stations: readonly PassStation[];
  readonly #inForce = new Map<string, ElementsInForce>();
  readonly #propagators = new Map<string, Propagator>();
  #schedule = new ContactSchedule([]);
  #planCreatedMs = Number.NEGATIVE_INFINITY;
  /** The archive holds predictions up to here (ms). */
  #predictedToMs = Number.NEGATIVE_INFINITY;
  #nextRefreshMs = Number.POSITIVE_INFINITY;
  #lastEventMs = Number.NEGATIVE_INFINITY;
  /** Per station, the contact announced by the last AOS not yet followed by its LOS. */
  readonly #announced = new Map<string, Contact>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #ticking: Promise<void> = Promise.resolve();
  #work: Promise<unknown> = Promise.resolve();

  /** Validates the config against the mission (a ZenithError CONFIG_INVALID naming the key). */
  constructor(options: FlightDynamicsOptions) {
    this.#mission = options.mission;
    this.#archive = options.archive;
    this.#clock = options.clock;
    this.#bus = options.bus;
    this.#log = options.logger ?? SILENT;
    this.#onError =
      options.onError ??
      ((error: unknown) => {
        if (options.logger === undefined) console.error('zenith fd:', error);
        else options.logger.warn({ err: error }, 'flight dynamics: background task failed');
      });
    this.settings = resolveFdConfig(options.config, options.mission, options.configFile);
    this.#stations = options.mission.stations.map((s, i) => {
      try {
        return passStationOf(s);
      } catch (error) {
        throw new ZenithError('CONFIG_INVALID', `stations[${i}].horizonMask: ${(error as Error).message}`, { field: `stations[${i}].horizonMask` }, { cause: error });
      }
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Loads the element sets, makes the first plan and starts announcing contacts. */
  async start(): Promise<void> {
    if (this.#running) return;
    await this.#serial(async () => {
      await this.#loadElements();
      const previous = await this.#archive.contactPlan();
      if (previous !== undefined) {
        this.#planCreatedMs = previous.createdMs;
        this.#schedule = new ContactSchedule(previous.contacts.filter((c) => c.endMs > c.startMs).map(contactOf));
      }
      await this.#replan();
    });
    // Contacts already in progress are taken as announced: events mark what happens from now on.
    const now = this.#clock.nowMs();
    this.#lastEventMs = now;
    for (const s of this.#stations) {
      const c = this.#schedule.contactAt(s.name, now);
      if (c !== undefined) this.#announced.set(s.name, c);
    }
    this.#running = true;
    this.#arm();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#ticking;
    await this.#work.catch(() => undefined);
  }

  /** Predicts and plans again now (as on a timer, or when the elements change). */
  refresh(): Promise<void> {
    return this.#serial(() => this.#replan());
  }

  // ---- what the command pipeline and the simulator ask ----------------------------------------

  /** The contact with `spacecraft` in progress at `atMs`; with several stations, the one lasting longest. */
  currentContact(spacecraft: string, atMs: number): Contact | undefined {
    return this.#schedule.currentContact(spacecraft, atMs);
  }

  /** The first planned contact with `spacecraft` that begins after `afterMs`. */
  nextContact(spacecraft: string, afterMs: number): Contact | undefined {
    return this.#schedule.nextContact(spacecraft, afterMs);
  }

  /** Which spacecraft `station`'s antenna follows at `atMs` (the link simulator's Assignment). */
  readonly assignment = (station: string, atMs: number): string | undefined => this.#schedule.assignment(station, atMs);

  /** The contacts of the plan in force, by start. */
  plannedContacts(): readonly Contact[] {
    return this.#schedule.contacts;
  }

  /** The element set flown for a spacecraft (after start). */
  elementsFor(spacecraft: string): ElementSet | undefined {
    return this.#inForce.get(spacecraft)?.elements;
  }

  /** For each spacecraft, the set flown and the set published (and how one became the other). */
  elementsInForce(): readonly ElementsInForce[] {
    return this.#mission.spacecraft.flatMap((sc) => this.#inForce.get(sc.name) ?? []);
  }

  /** Sub-satellite point, TEME state and eclipse of `spacecraft` at `atMs`; undefined for an unknown name or a time SGP4 cannot reach. */
  spacecraftState(spacecraft: string, atMs: number): SpacecraftState | undefined {
    const propagator = this.#propagators.get(spacecraft);
    return propagator === undefined ? undefined : spacecraftStateAt(spacecraft, propagator, atMs);
  }

  // ---- what the API asks -----------------------------------------------------------------------

  currentElements(): Promise<readonly ElementSet[]> {
    return Promise.resolve(this.#mission.spacecraft.flatMap((sc) => this.#inForce.get(sc.name)?.elements ?? []));
  }

  /**
   * Passes overlapping [fromMs, toMs): the stored predictions, and beyond the predicted horizon
   * passes computed now from the sets in force (not stored). `planned` when a contact lies in it.
   */
  async passes(fromMs: number, toMs: number, filter: { readonly spacecraft?: string; readonly station?: string } = {}): Promise<PassView[]> {
    checkRange(fromMs, toMs);
    const query = { ...(filter.station === undefined ? {} : { station: filter.station }), ...(filter.spacecraft === undefined ? {} : { spacecraft: filter.spacecraft }) };
    const storedTo = this.#predictedToMs;
    let records: PassRecord[] = fromMs < storedTo ? await this.#archive.passes({ fromMs, toMs: Math.min(toMs, storedTo), ...query }) : [];
    if (toMs > storedTo) {
      const startMs = Math.max(fromMs, storedTo);
      const computed = this.#predict(Math.floor(startMs), Math.ceil(toMs), filter);
      records = joinAll(records, computed);
    }
    const contacts = this.#schedule.contacts;
    return records
      .map((r) => passViewOf(r, contacts.some((c) => c.station === r.station && c.spacecraft === r.spacecraft && c.aosMs < r.losMs && c.losMs > r.aosMs)))
      .sort((a, b) => a.aosMs - b.aosMs || cmp(a.station, b.station) || cmp(a.spacecraft, b.spacecraft));
  }

  /** Contacts of the plan in force overlapping [fromMs, toMs), with their state on the clock. */
  async contacts(fromMs: number, toMs: number): Promise<ContactView[]> {
    checkRange(fromMs, toMs);
    const now = this.#clock.nowMs();
    return (await this.#archive.contacts({ fromMs, toMs })).map((r) => contactViewOf(contactOf(r), now));
  }

  /**
   * Takes element sets as text (TLE/3LE, OMM KVN/XML/JSON/CSV). Sets of fleet objects are stored;
   * each unreadable record (with line and column) and each object outside the fleet is a problem.
   * When a newer set comes in force, passes and plan are made again before this resolves.
   */
  async uploadElements(text: string, by = 'operator', file = 'upload'): Promise<ElementsUploadResult> {
    const reading = readUpload(text, this.#mission.spacecraft, file);
    const problems = [...reading.problems];
    if (reading.sets.length === 0) return { accepted: 0, problems };
    await this.#archive.storeElementSets(reading.sets);
    this.#log.info({ by, sets: reading.sets.length, problems: problems.length }, `flight dynamics: ${reading.sets.length} element sets uploaded by ${by}`);
    const changed = await this.#serial(() => this.#reloadElements());
    for (const es of reading.sets) {
      const inForce = this.#mission.spacecraft.filter((sc) => sc.catalogId === es.catalogId).map((sc) => this.#inForce.get(sc.name)?.published);
      const newer = inForce.find((p) => p !== undefined && p.epochMs > es.epochMs);
      if (newer !== undefined) {
        const line = es.source?.line;
        problems.push(
          new ZenithError(
            'ELEMENTS_NOT_NEWEST',
            `stored, but the set of ${formatIsoUtc(newer.epochMs)} is newer and stays in force (this one: ${formatIsoUtc(es.epochMs)})`,
            { file, ...(line === undefined ? {} : { line }), objectId: es.catalogId },
          ),
        );
      }
    }
    if (changed && this.#running) await this.refresh();
    return { accepted: reading.sets.length, problems };
  }

  // ---- elements --------------------------------------------------------------------------------

  /** Stores the mission's sets the archive has nothing as new as, then chooses the sets in force. */
  async #loadElements(): Promise<void> {
    const fleet = this.#mission.spacecraft;
    const stored = await this.#archive.latestElementSets({ catalogIds: fleet.map((s) => s.catalogId) });
    const newest = new Map(stored.map((e) => [e.catalogId, e]));
    const missing = fleet.filter((sc) => (newest.get(sc.catalogId)?.epochMs ?? Number.NEGATIVE_INFINITY) < sc.elements.epochMs).map((sc) => sc.elements);
    if (missing.length > 0) {
      await this.#archive.storeElementSets(missing);
      this.#log.info({ sets: missing.length }, `flight dynamics: stored ${missing.length} element sets of the mission file`);
    }
    await this.#reloadElements();
  }

  /** Chooses the set in force for each spacecraft from the newest in the archive; true when one changed. */
  async #reloadElements(): Promise<boolean> {
    const fleet = this.#mission.spacecraft;
    const stored = await this.#archive.latestElementSets({ catalogIds: fleet.map((s) => s.catalogId) });
    const now = this.#clock.nowMs();
    const notes: EventRecord[] = [];
    let changed = false;
    fleet.forEach((sc, i) => {
      const published = newestOf(stored.find((e) => e.catalogId === sc.catalogId), sc.elements);
      const before = this.#inForce.get(sc.name);
      if (before !== undefined && before.published.epochMs === published.epochMs) return;
      const chosen = elementsInForce(sc.name, published, now, this.settings.reEpochMaxAgeMs);
      this.#inForce.set(sc.name, chosen);
      this.#propagators.set(sc.name, Propagator.fromElements(chosen.elements));
      changed = true;
      const line = describeInForce(chosen);
      if (chosen.problem === undefined) this.#log.info({ spacecraft: sc.name, reEpoch: chosen.reEpoch }, `flight dynamics: ${line}`);
      else this.#log.warn({ spacecraft: sc.name, err: chosen.problem }, `flight dynamics: ${line}`);
      notes.push({ source: FD_EVENT_SOURCE, sequence: 1_000_000 + i, timeMs: now, severity: chosen.problem === undefined ? 'info' : 'warning', type: 'elements', message: line });
      const notice: ElementsNotice = {
        spacecraft: sc.name,
        catalogId: sc.catalogId,
        epoch: formatIsoUtc(chosen.elements.epochMs),
        publishedEpoch: formatIsoUtc(published.epochMs),
        reEpoch: chosen.reEpoch?.method ?? null,
      };
      this.#bus?.publish(FD_ELEMENTS_SUBJECT, toJson(notice));
    });
    if (notes.length > 0) await this.#archive.storeEvents(notes);
    return changed;
  }

  // ---- passes and plan -------------------------------------------------------------------------

  /** Passes of the fleet (or those filtered) over the stations in [fromMs, toMs), as records. */
  #predict(fromMs: number, toMs: number, filter: { readonly spacecraft?: string; readonly station?: string } = {}): PassRecord[] {
    const fleet = this.#mission.spacecraft.filter((sc) => filter.spacecraft === undefined || sc.name === filter.spacecraft);
    const stations = this.#stations.filter((s) => filter.station === undefined || s.name === filter.station);
    const flown: { sc: MissionSpacecraft; elements: ElementSet }[] = [];
    const sources: EphemerisSource[] = [];
    for (const sc of fleet) {
      const elements = this.#inForce.get(sc.name)?.elements;
      if (elements === undefined) continue;
      // The index is the object id: two spacecraft may fly one catalog number (a test set-up).
      sources.push({ ...ephemerisFromElements(elements), id: flown.length });
      flown.push({ sc, elements });
    }
    if (sources.length === 0 || stations.length === 0) return [];
    // A deep-space object crawls across the sky: sampling where a horizon mask cuts its (long)
    // windows every minute instead of every 5 s finds the same crossings at a twelfth of the cost.
    const slow = sources.filter((_, i) => (flown[i]?.elements.meanMotionRevPerDay ?? 0) < DEEP_SPACE_REV_PER_DAY);
    const fast = sources.filter((_, i) => (flown[i]?.elements.meanMotionRevPerDay ?? 0) >= DEEP_SPACE_REV_PER_DAY);
    const searches = [
      ...(fast.length === 0 ? [] : [findPasses(fast, stations, fromMs, toMs)]),
      ...(slow.length === 0 ? [] : [findPasses(slow, stations, fromMs, toMs, { maskStepMs: SLOW_MASK_STEP_MS })]),
    ];
    const result = { passes: searches.flatMap((r) => r.passes), failures: searches.flatMap((r) => r.failures) };
    for (const f of result.failures) {
      const who = flown[f.objectId]?.sc.name ?? String(f.objectId);
      this.#log.warn({ spacecraft: who, err: f.error }, `flight dynamics: ${who} cannot be propagated past ${formatIsoUtc(f.utcMs)}: ${f.error.message}`);
    }
    return result.passes.flatMap((p) => {
      const f = flown[p.objectId];
      return f === undefined ? [] : [passRecordOf(p, f.sc.name, f.sc.catalogId, f.elements.epochMs)];
    });
  }

  /** Predicts [now − lookback, now + horizon), stores the passes, plans, stores the plan. */
  async #replan(): Promise<void> {
    const s = this.settings;
    const nowMs = Math.floor(this.#clock.nowMs());
    const fromMs = nowMs - s.lookbackMs;
    const toMs = nowMs + s.horizonMs;
    const predicted = this.#predict(fromMs, toMs);

    // A pass still in view at the end of the previous window continues one found now, cut at fromMs.
    const ongoing = await this.#archive.passes({ fromMs, toMs: fromMs + 1 });
    const records: PassRecord[] = [];
    const windows = new Map<string, number>();
    for (const p of predicted) {
      const earlier = p.aosMs === fromMs ? ongoing.find((o) => o.aosMs < fromMs && joinPasses(o, p) !== undefined) : undefined;
      const joined = earlier === undefined ? undefined : joinPasses(earlier, p);
      records.push(joined ?? p);
      if (joined !== undefined) windows.set(pairKey(p), joined.aosMs);
    }
    for (const station of this.#stations) {
      for (const sc of this.#mission.spacecraft) {
        const key = pairKey({ station: station.name, spacecraft: sc.name });
        const pair = records.filter((r) => r.station === station.name && r.spacecraft === sc.name);
        await this.#archive.replacePasses({ fromMs: windows.get(key) ?? fromMs, toMs, station: station.name, spacecraft: sc.name }, pair);
      }
    }
    this.#predictedToMs = toMs;

    const fleet: PlanningSpacecraft[] = this.#mission.spacecraft.map((sc) => ({ name: sc.name, priority: sc.priority, background: this.#isBackground(sc) }));
    // Planned from fromMs on: what came before belongs to the previous plan.
    const planning = records.map((r) => ({ ...r, aosMs: Math.max(r.aosMs, fromMs), maxElevationRad: r.maxElevationDeg * DEG }) satisfies PlanningPass);
    const plan = planContacts(planning, fleet, { minContactMs: s.minContactMs, dedicatedStations: s.dedicatedStations, oneStationAtATime: s.oneStationAtATime });
    const contacts = continuePlan(this.#schedule.contacts, plan.contacts.map(contactFromPlan), fromMs, nowMs - s.historyMs);
    const createdMs = Math.max(nowMs, this.#planCreatedMs + 1);
    const planFromMs = Math.min(fromMs, ...contacts.map((c) => c.aosMs));
    await this.#archive.storeContactPlan({
      createdMs,
      fromMs: planFromMs,
      toMs,
      note: `${records.length} passes, ${plan.contacts.length} contacts planned, ${plan.dropped.length} passes left out`,
      contacts: contacts.map(contactRecordOf),
    });
    this.#planCreatedMs = createdMs;
    this.#schedule = new ContactSchedule(contacts);
    this.#nextRefreshMs = nowMs + s.refreshMs;
    const notice: PlanNotice = { createdMs, fromMs: planFromMs, toMs, contacts: contacts.length, passes: records.length };
    this.#bus?.publish(FD_PLAN_SUBJECT, toJson(notice));
    this.#log.info({ ...notice, dropped: plan.dropped.length }, `flight dynamics: plan of ${formatIsoUtc(createdMs)}: ${contacts.length} contacts from ${records.length} passes`);
  }

  #isBackground(sc: MissionSpacecraft): boolean {
    const setting = this.settings.background;
    if (setting !== 'auto') return setting.includes(sc.name);
    const elements = this.#inForce.get(sc.name)?.elements;
    return elements !== undefined && isGeosynchronous(elements);
  }

  /** Runs `task` after every task queued before it (refreshes, reloads), whatever their outcome. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#work.then(task, task);
    this.#work = run.catch(() => undefined);
    return run;
  }

  // ---- the clock loop: AOS/LOS and timed refreshes ---------------------------------------------

  #arm(): void {
    if (!this.#running) return;
    const now = this.#clock.nowMs();
    const due = Math.min(this.#schedule.nextBoundary(this.#lastEventMs), this.#nextRefreshMs);
    const waitMs = Number.isFinite(due) ? Math.ceil(this.#clock.realDelayMs(due - now)) : MAX_WAIT_REAL_MS;
    this.#timer = setTimeout(() => {
      this.#ticking = this.#tick();
    }, Math.min(MAX_WAIT_REAL_MS, Math.max(0, waitMs)));
  }

  async #tick(): Promise<void> {
    try {
      await this.#announce(this.#clock.nowMs());
      if (this.#running && this.#clock.nowMs() >= this.#nextRefreshMs) {
        try {
          await this.refresh();
        } catch (error) {
          this.#nextRefreshMs = this.#clock.nowMs() + RETRY_REAL_MS * this.#clock.speed;
          throw error;
        }
        await this.#announce(this.#clock.nowMs());
      }
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#arm();
    }
  }

  /**
   * Publishes (and archives) AOS and LOS for every change of a station's assignment in
   * (last, nowMs]: at each boundary of a planned contact, and at `nowMs` for a contact that a new
   * plan ended early.
   */
  async #announce(nowMs: number): Promise<void> {
    if (nowMs <= this.#lastEventMs) return;
    const after = this.#lastEventMs;
    this.#lastEventMs = nowMs;
    const events: ContactEvent[] = [];
    for (const station of this.#stations) {
      const times = this.#schedule.boundaries(station.name, after, nowMs);
      if (times[times.length - 1] !== nowMs) times.push(nowMs);
      for (const t of times) {
        const was = this.#announced.get(station.name);
        const is = this.#schedule.contactAt(station.name, t);
        if (was?.spacecraft === is?.spacecraft) {
          if (is !== undefined) this.#announced.set(station.name, is);
          continue;
        }
        if (was !== undefined) events.push(contactEvent('los', was, t));
        if (is !== undefined) events.push(contactEvent('aos', is, t));
        if (is === undefined) this.#announced.delete(station.name);
        else this.#announced.set(station.name, is);
      }
    }
    if (events.length === 0) return;
    events.sort((a, b) => a.timeMs - b.timeMs);
    for (const e of events) this.#bus?.publish(FD_CONTACT_SUBJECT, toJson(e));
    await this.#archive.storeEvents(events.map((e) => this.#eventRecord(e)));
  }

  #eventRecord(e: ContactEvent): EventRecord {
    const stationIndex = this.#stations.findIndex((s) => s.name === e.station);
    const scIndex = this.#mission.spacecraft.findIndex((s) => s.name === e.spacecraft);
    const what = e.event === 'aos' ? `AOS of ${e.spacecraft} at ${e.station}, LOS ${e.los}` : `LOS of ${e.spacecraft} at ${e.station}`;
    return {
      source: FD_EVENT_SOURCE,
      // One event per station, spacecraft and kind at a time: with source and time, a unique key.
      sequence: (stationIndex * this.#mission.spacecraft.length + scIndex) * 2 + (e.event === 'los' ? 1 : 0),
      timeMs: e.timeMs,
      severity: 'info',
      type: `contact.${e.event}`,
      message: `${what} (max elevation ${e.maxElevationDeg.toFixed(1)} deg)`,
    };
  }
}

function contactEvent(event: 'aos' | 'los', c: Contact, timeMs: number): ContactEvent {
  return {
    event,
    station: c.station,
    spacecraft: c.spacecraft,
    time: formatIsoUtc(timeMs),
    timeMs,
    aos: formatIsoUtc(c.aosMs),
    los: formatIsoUtc(c.losMs),
    maxElevationDeg: c.maxElevationDeg,
  };
}

function newestOf(stored: ElementSet | undefined, fromMission: ElementSet): ElementSet {
  return stored !== undefined && stored.epochMs >= fromMission.epochMs ? stored : fromMission;
}

function pairKey(p: { readonly station: string; readonly spacecraft: string }): string {
  return `${p.station}\u0000${p.spacecraft}`;
}

/** Stored passes followed by computed ones; a stored pass cut at the end of its window joined to its continuation. */
function joinAll(stored: readonly PassRecord[], computed: readonly PassRecord[]): PassRecord[] {
  const out = [...stored];
  for (const p of computed) {
    const i = passDetails(p).aosCut ? out.findIndex((o) => passDetails(o).losCut && joinPasses(o, p) !== undefined) : -1;
    const joined = i < 0 ? undefined : joinPasses(out[i] as PassRecord, p);
    if (joined === undefined) out.push(p);
    else out[i] = joined;
  }
  return out;
}

function checkRange(fromMs: number, toMs: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) {
    throw new RangeError(`need finite fromMs < toMs, found ${fromMs} .. ${toMs}`);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
