// The radio links between simulated spacecraft and the mission's ground stations: a station hears
// a spacecraft only while its antenna is assigned to it and it is above the station's horizon
// mask and minimum elevation; frames then suffer random bit errors (the pipeline finds them by
// their CRC) and losses, and reach the station one light-time later. Commands go up the same way.
import { geodeticToItrf, temeToItrf, topocentric } from '../../core/frames/index.ts';
import type { Geodetic, PositionVelocity } from '../../core/frames/index.ts';
import type { Vec3 } from '../../core/math/index.ts';
import type { HorizonMask } from '../../core/passes/index.ts';
import { passStationOf } from '../fd/index.ts';
import type { StationConfig } from '../mission/index.ts';
import { Rng } from './Rng.ts';
import type { SpacecraftSimulator } from './SpacecraftSimulator.ts';

const DEG = Math.PI / 180;
const SPEED_OF_LIGHT_KM_PER_MS = 299_792.458 / 1000;

/** Which spacecraft a station's single antenna follows at a time (the contact plan), if any. */
export type Assignment = (station: string, atMs: number) => string | undefined;

/** Where a station's received frames go: TcpTmFrameSender satisfies it. */
export interface FrameDownlink {
  send(bytes: Uint8Array, options: { readonly receptionTimeMs?: number; readonly flags?: number }): number;
}

export interface LinkSimSpacecraft {
  readonly sim: SpacecraftSimulator;
  /** 1 is the highest; the default assignment prefers it. */
  readonly priority: number;
}

export interface LinkSimulatorOptions {
  readonly stations: readonly StationConfig[];
  readonly spacecraft: readonly LinkSimSpacecraft[];
  /** Default: each station follows the highest-priority spacecraft it can see. */
  readonly assignment?: Assignment;
  /** Probability of each downlink bit being flipped (default 0). */
  readonly bitErrorRate?: number;
  /** Probability of a downlink frame being lost whole (default 0). */
  readonly frameLossRate?: number;
  /** Probability of each CLTU bit being flipped on the way up (default 0; BCH corrects one per code block). */
  readonly uplinkBitErrorRate?: number;
  readonly seed?: number;
  /** Station name -> where its frames go (stations without one only count). */
  readonly downlinks?: ReadonlyMap<string, FrameDownlink>;
}

export interface Look {
  readonly visible: boolean;
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
  /** The lowest elevation usable in that direction: the minimum or the mask, whichever is higher. */
  readonly thresholdDeg: number;
  readonly rangeKm: number;
}

export interface StationLinkCounters {
  /** Frames of the spacecraft the station was following while it was in view. */
  framesHeard: number;
  framesLost: number;
  /** Frames delivered with at least one bit flipped, and the bits flipped. */
  framesCorrupted: number;
  bitsFlipped: number;
  framesDelivered: number;
  cltusRadiated: number;
  /** CLTUs refused because the station followed no spacecraft in view. */
  cltusRefused: number;
}

interface SimStation {
  readonly config: StationConfig;
  readonly geodetic: Geodetic;
  readonly itrf: Vec3;
  readonly minElevationRad: number;
  readonly mask: HorizonMask | undefined;
  readonly counters: StationLinkCounters;
  readonly rng: Rng;
}

function zeroCounters(): StationLinkCounters {
  return { framesHeard: 0, framesLost: 0, framesCorrupted: 0, bitsFlipped: 0, framesDelivered: 0, cltusRadiated: 0, cltusRefused: 0 };
}

function checkRate(name: string, p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`${name} must be in [0, 1), got ${p}`);
  return p;
}

/**
 * Flips each bit of `bytes` with probability `p` (in place), drawing the gaps between errors from
 * the geometric distribution so that the cost follows the number of errors, not of bits.
 */
export function flipBits(bytes: Uint8Array, p: number, rng: Rng): number {
  if (p <= 0) return 0;
  const bits = bytes.length * 8;
  const logQ = Math.log1p(-p);
  let flipped = 0;
  let at = Math.floor(Math.log1p(-rng.next()) / logQ);
  while (at < bits) {
    const index = at >>> 3;
    bytes[index] = (bytes[index] ?? 0) ^ (0x80 >>> (at & 7));
    flipped++;
    at += 1 + Math.floor(Math.log1p(-rng.next()) / logQ);
  }
  return flipped;
}

export class LinkSimulator {
  private readonly stations = new Map<string, SimStation>();
  private readonly spacecraft: readonly LinkSimSpacecraft[];
  private readonly byName = new Map<string, LinkSimSpacecraft>();
  private assignment: Assignment;
  private bitErrorRate: number;
  private frameLossRate: number;
  private readonly uplinkBitErrorRate: number;
  private readonly downlinks: ReadonlyMap<string, FrameDownlink>;
  /** TEME states of the current instant, shared by every station's look at it. */
  private cacheMs = Number.NaN;
  private readonly stateCache = new Map<string, PositionVelocity | null>();
  private readonly rng: Rng;

  constructor(options: LinkSimulatorOptions) {
    this.bitErrorRate = checkRate('bitErrorRate', options.bitErrorRate ?? 0);
    this.frameLossRate = checkRate('frameLossRate', options.frameLossRate ?? 0);
    this.uplinkBitErrorRate = checkRate('uplinkBitErrorRate', options.uplinkBitErrorRate ?? 0);
    this.rng = new Rng(options.seed ?? 1);
    this.downlinks = options.downlinks ?? new Map();
    options.stations.forEach((s, i) => {
      // The pass search's view of the station: the same mask and minimum elevation as the plan's.
      const ps = passStationOf(s);
      this.stations.set(s.name, {
        config: s,
        geodetic: ps.geodetic,
        itrf: geodeticToItrf(ps.geodetic),
        minElevationRad: ps.minElevationRad ?? 0,
        mask: ps.horizonMask,
        counters: zeroCounters(),
        rng: this.rng.fork(i),
      });
    });
    this.spacecraft = [...options.spacecraft].sort((a, b) => a.priority - b.priority);
    for (const sc of this.spacecraft) {
      this.byName.set(sc.sim.name, sc);
      sc.sim.onFrame((frame, atMs) => {
        this.downlink(sc.sim, frame, atMs);
      });
    }
    this.assignment = options.assignment ?? ((station, atMs) => this.highestPriorityVisible(station, atMs));
  }

  /** Follows a new plan from now on (the contact plan replaces the default). */
  setAssignment(assignment: Assignment): void {
    this.assignment = assignment;
  }

  setBitErrorRate(p: number): void {
    this.bitErrorRate = checkRate('bitErrorRate', p);
  }

  setFrameLossRate(p: number): void {
    this.frameLossRate = checkRate('frameLossRate', p);
  }

  counters(station: string): Readonly<StationLinkCounters> {
    const s = this.stations.get(station);
    if (s === undefined) throw new RangeError(`no station named ${station}`);
    return { ...s.counters };
  }

  /** ITRF state of a spacecraft at `atMs` (null when it cannot be propagated). */
  private state(sim: SpacecraftSimulator, atMs: number): PositionVelocity | null {
    if (atMs !== this.cacheMs) {
      this.cacheMs = atMs;
      this.stateCache.clear();
    }
    let s = this.stateCache.get(sim.name);
    if (s === undefined) {
      const teme = sim.stateAt(atMs);
      s = teme.ok ? temeToItrf(teme.position, teme.velocity, atMs) : null;
      this.stateCache.set(sim.name, s);
    }
    return s;
  }

  /** Where `spacecraft` is seen from `station` at `atMs`; undefined when it cannot be propagated. */
  look(station: string, spacecraft: string, atMs: number): Look | undefined {
    const st = this.stations.get(station);
    const sc = this.byName.get(spacecraft);
    if (st === undefined) throw new RangeError(`no station named ${station}`);
    if (sc === undefined) throw new RangeError(`no spacecraft named ${spacecraft}`);
    const s = this.state(sc.sim, atMs);
    if (s === null) return undefined;
    const t = topocentric(st.geodetic, st.itrf, s.position, s.velocity);
    const threshold = Math.max(st.minElevationRad, st.mask?.elevationRadAt(t.azimuthRad) ?? -Infinity);
    return {
      visible: t.elevationRad >= threshold,
      azimuthDeg: t.azimuthRad / DEG,
      elevationDeg: t.elevationRad / DEG,
      thresholdDeg: threshold / DEG,
      rangeKm: t.rangeKm,
    };
  }

  /** The default plan: the highest-priority spacecraft in view of `station`. */
  highestPriorityVisible(station: string, atMs: number): string | undefined {
    for (const sc of this.spacecraft) if (this.look(station, sc.sim.name, atMs)?.visible === true) return sc.sim.name;
    return undefined;
  }

  /** The spacecraft `station` follows and sees at `atMs`, with its look; undefined when none. */
  tracking(station: string, atMs: number): { readonly spacecraft: SpacecraftSimulator; readonly look: Look } | undefined {
    const name = this.assignment(station, atMs);
    const sc = name === undefined ? undefined : this.byName.get(name);
    if (sc === undefined) return undefined;
    const look = this.look(station, sc.sim.name, atMs);
    return look?.visible === true ? { spacecraft: sc.sim, look } : undefined;
  }

  /** Tells each spacecraft whether a station follows it now (its CLCW and its image downlink follow). */
  update(atMs: number): void {
    const followed = new Set<string>();
    for (const name of this.stations.keys()) {
      const t = this.tracking(name, atMs);
      if (t !== undefined) followed.add(t.spacecraft.name);
    }
    for (const sc of this.spacecraft) {
      const on = followed.has(sc.sim.name);
      sc.sim.setUplinkLock(on);
      sc.sim.setInContact(on);
    }
  }

  private downlink(sim: SpacecraftSimulator, frame: Uint8Array, atMs: number): void {
    for (const [name, st] of this.stations) {
      const t = this.tracking(name, atMs);
      if (t?.spacecraft !== sim) continue;
      const c = st.counters;
      c.framesHeard++;
      if (this.frameLossRate > 0 && st.rng.next() < this.frameLossRate) {
        c.framesLost++;
        continue;
      }
      const copy = frame.slice();
      const flipped = flipBits(copy, this.bitErrorRate, st.rng);
      if (flipped > 0) {
        c.framesCorrupted++;
        c.bitsFlipped += flipped;
      }
      const out = this.downlinks.get(name);
      if (out === undefined) continue;
      out.send(copy, { receptionTimeMs: atMs + t.look.rangeKm / SPEED_OF_LIGHT_KM_PER_MS });
      c.framesDelivered++;
    }
  }

  /**
   * A station radiates a CLTU at `atMs`: it reaches the spacecraft its antenna follows, if that
   * one is in view ('accept'); otherwise nothing is radiated ('not-radiating').
   */
  uplink(station: string, cltu: Uint8Array, atMs: number): 'accept' | 'not-radiating' {
    const st = this.stations.get(station);
    if (st === undefined) throw new RangeError(`no station named ${station}`);
    const t = this.tracking(station, atMs);
    if (t === undefined) {
      st.counters.cltusRefused++;
      return 'not-radiating';
    }
    st.counters.cltusRadiated++;
    const copy = cltu.slice();
    flipBits(copy, this.uplinkBitErrorRate, st.rng);
    t.spacecraft.receiveCltu(copy, Math.max(atMs, t.spacecraft.nowMs));
    return 'accept';
  }
}
