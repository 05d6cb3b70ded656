// The simulator as a service of the complex: one simulated spacecraft per spacecraft of the
// mission, advanced on the complex's clock, and the link simulator between them and the stations.
// Each station sends what it hears to the telemetry pipeline's TCP frame link as a front-end would
// (TcpTmFrameSender, acknowledged framing), and listens for the command pipeline's CLTUs
// (TcpTcCltuReceiver). Faults are injected here by the API and the CLI.
import { ZenithError } from '../../core/errors/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { TcpTcCltuReceiver, TcpTmFrameSender } from '../links/index.ts';
import type { Mission } from '../mission/index.ts';
import type { Clock, Service } from '../runtime/index.ts';
import { parseFault } from './faults.ts';
import type { ActiveFault, FaultKind } from './faults.ts';
import { LinkSimulator } from './LinkSimulator.ts';
import type { Assignment, FrameDownlink, StationLinkCounters } from './LinkSimulator.ts';
import { SpacecraftSimulator } from './SpacecraftSimulator.ts';
import type { SpacecraftSimOptions, SpacecraftSnapshot } from './SpacecraftSimulator.ts';

/** TM frame length of the simulated spacecraft unless set otherwise (octets). */
export const DEFAULT_FRAME_LENGTH = 1115;

/** Where one station's front-end talks to the complex. */
export interface SimStationEndpoints {
  /** The telemetry pipeline's TCP frame link of this station (acknowledged framing). */
  readonly tmHost?: string;
  readonly tmPort?: number;
  /** Where this station listens for CLTUs (0: any free port, see `uplinkAddress`). */
  readonly tcHost?: string;
  readonly tcPort?: number;
}

/** Per-spacecraft settings beyond the mission's (frame length, housekeeping rate, ...). */
export type SimSpacecraftSettings = Partial<Omit<SpacecraftSimOptions, 'name' | 'spacecraftId' | 'elements' | 'mdb' | 'startMs'>>;

export interface SimulationOptions {
  readonly mission: Mission;
  /** The database every spacecraft flies (missions/demo/mdb/pus.xml + demo.xml). */
  readonly mdb: MissionDatabase;
  readonly clock: Clock;
  /** Station name -> its endpoints; stations left out neither send frames nor take commands. */
  readonly stations?: Readonly<Record<string, SimStationEndpoints>>;
  readonly assignment?: Assignment;
  /**
   * The element set each spacecraft flies (e.g. flight dynamics' set in force, re-epoched to the
   * simulated present); the mission's published set when absent or when it answers undefined.
   * Read when the simulation is built (at construction and at start).
   */
  readonly elementsFor?: (spacecraft: string) => ElementSet | undefined;
  readonly bitErrorRate?: number;
  readonly frameLossRate?: number;
  readonly uplinkBitErrorRate?: number;
  readonly seed?: number;
  /** Settings for every spacecraft, and per spacecraft name over those. */
  readonly spacecraftDefaults?: SimSpacecraftSettings;
  readonly spacecraft?: Readonly<Record<string, SimSpacecraftSettings>>;
  /** Real milliseconds between advances of the simulation (default 100). */
  readonly tickMs?: number;
  /** Frames a station keeps while the telemetry link does not acknowledge them; older ones are dropped (default 20 000). */
  readonly maxBacklog?: number;
  /** Where errors of the background loop go (default stderr). */
  readonly onError?: (error: unknown) => void;
}

/** A station's downlink through a TcpTmFrameSender, dropping frames beyond the backlog limit. */
class BoundedDownlink implements FrameDownlink {
  dropped = 0;
  constructor(
    readonly sender: TcpTmFrameSender,
    private readonly maxBacklog: number,
  ) {}

  send(bytes: Uint8Array, options: { readonly receptionTimeMs?: number; readonly flags?: number }): number {
    if (this.sender.unacknowledged >= this.maxBacklog) {
      this.dropped++;
      return -1;
    }
    return this.sender.send(bytes, options);
  }
}

export interface StationSimStatus {
  readonly station: string;
  /** The spacecraft the station follows and sees now, if any. */
  readonly tracking: string | null;
  readonly elevationDeg: number | null;
  readonly counters: Readonly<StationLinkCounters>;
  readonly downlinkConnected: boolean;
  readonly framesUnacknowledged: number;
  readonly framesDroppedBacklog: number;
}

export class SimulationService implements Service {
  readonly name = 'simulator';
  private sims = new Map<string, SpacecraftSimulator>();
  private link: LinkSimulator | undefined;
  private readonly downlinks = new Map<string, BoundedDownlink>();
  private readonly receivers = new Map<string, TcpTcCltuReceiver>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: SimulationOptions) {
    const names = new Set(options.mission.stations.map((s) => s.name));
    for (const station of Object.keys(options.stations ?? {})) {
      if (!names.has(station)) throw new ZenithError('CONFIG_INVALID', `simulator.stations.${station} is not a station of the mission (${[...names].join(', ')})`, { field: `simulator.stations.${station}` });
    }
    const scNames = new Set(options.mission.spacecraft.map((s) => s.name));
    for (const sc of Object.keys(options.spacecraft ?? {})) {
      if (!scNames.has(sc)) throw new ZenithError('CONFIG_INVALID', `simulator.spacecraft.${sc} is not a spacecraft of the mission (${[...scNames].join(', ')})`, { field: `simulator.spacecraft.${sc}` });
    }
    // Build once now so that a database the simulator cannot fly fails at start-up, not later.
    this.build(options.clock.nowMs());
  }

  private build(startMs: number): void {
    const o = this.options;
    this.sims = new Map();
    o.mission.spacecraft.forEach((sc, i) => {
      const settings = { ...o.spacecraftDefaults, ...o.spacecraft?.[sc.name] };
      this.sims.set(
        sc.name,
        new SpacecraftSimulator({
          frameLength: DEFAULT_FRAME_LENGTH,
          ...settings,
          seed: settings.seed ?? (o.seed ?? 1) * 1000 + i,
          name: sc.name,
          spacecraftId: sc.spacecraftId,
          elements: o.elementsFor?.(sc.name) ?? sc.elements,
          mdb: o.mdb,
          startMs,
        }),
      );
    });
  }

  async start(): Promise<void> {
    const o = this.options;
    this.build(o.clock.nowMs());
    for (const [station, ep] of Object.entries(o.stations ?? {})) {
      if (ep.tmPort !== undefined) {
        const sender = new TcpTmFrameSender({ host: ep.tmHost ?? '127.0.0.1', port: ep.tmPort, now: () => o.clock.nowMs() });
        this.downlinks.set(station, new BoundedDownlink(sender, o.maxBacklog ?? 20_000));
      }
    }
    this.link = new LinkSimulator({
      stations: o.mission.stations,
      spacecraft: o.mission.spacecraft.map((sc) => ({ sim: this.sim(sc.name), priority: sc.priority })),
      ...(o.assignment === undefined ? {} : { assignment: o.assignment }),
      ...(o.bitErrorRate === undefined ? {} : { bitErrorRate: o.bitErrorRate }),
      ...(o.frameLossRate === undefined ? {} : { frameLossRate: o.frameLossRate }),
      ...(o.uplinkBitErrorRate === undefined ? {} : { uplinkBitErrorRate: o.uplinkBitErrorRate }),
      seed: o.seed ?? 1,
      downlinks: this.downlinks,
    });
    const link = this.link;
    try {
      for (const [station, ep] of Object.entries(o.stations ?? {})) {
        if (ep.tcPort === undefined) continue;
        const receiver = new TcpTcCltuReceiver({
          host: ep.tcHost ?? '127.0.0.1',
          port: ep.tcPort,
          clock: o.clock,
          onCltu: (received) => {
            // The spacecraft must have lived up to this instant before it hears the command.
            this.advance();
            return link.uplink(station, received.cltu, o.clock.nowMs());
          },
        });
        await receiver.start();
        this.receivers.set(station, receiver);
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.running = true;
    link.update(o.clock.nowMs());
    this.timer = setInterval(() => {
      try {
        this.advance();
      } catch (error) {
        (o.onError ?? ((e: unknown) => process.stderr.write(`zenith simulator: ${String(e)}\n`)))(error);
      }
    }, o.tickMs ?? 100);
  }

  /** Runs every spacecraft up to the clock's now and updates who is in contact. */
  advance(): void {
    if (!this.running) return;
    const now = this.options.clock.nowMs();
    for (const sim of this.sims.values()) sim.advanceTo(now);
    this.link?.update(now);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    this.timer = undefined;
    const closing: Promise<void>[] = [];
    for (const d of this.downlinks.values()) closing.push(d.sender.close());
    for (const r of this.receivers.values()) closing.push(r.stop());
    this.downlinks.clear();
    this.receivers.clear();
    await Promise.all(closing);
  }

  /** The simulated spacecraft named `name`; ZenithError SIM_UNKNOWN_SPACECRAFT when there is none. */
  sim(name: string): SpacecraftSimulator {
    const sim = this.sims.get(name);
    if (sim === undefined) throw new ZenithError('SIM_UNKNOWN_SPACECRAFT', `expected a simulated spacecraft (${[...this.sims.keys()].join(', ')}), found "${name}"`, { field: 'spacecraft' });
    return sim;
  }

  /** The link simulator (after start). */
  links(): LinkSimulator {
    if (this.link === undefined) throw new TypeError('the simulator is not started');
    return this.link;
  }

  /** Where a station listens for CLTUs (after start): give it to the command pipeline's TcpTcCltuLink. */
  uplinkAddress(station: string): { readonly host: string; readonly port: number } | undefined {
    return this.receivers.get(station)?.address();
  }

  /** Injects a fault described by `raw` (validated) into spacecraft `spacecraft`; returns the faults in force. */
  injectFault(spacecraft: string, raw: unknown): readonly ActiveFault[] {
    const sim = this.sim(spacecraft);
    this.advance();
    sim.injectFault(parseFault(raw));
    return sim.faults();
  }

  /** Clears the faults of `kind` (all kinds when omitted); returns the faults in force. */
  clearFault(spacecraft: string, kind?: FaultKind): readonly ActiveFault[] {
    const sim = this.sim(spacecraft);
    this.advance();
    for (const k of kind === undefined ? (['battery-ageing', 'stuck-sensor', 'heater-failure'] as const) : [kind]) sim.clearFault(k);
    return sim.faults();
  }

  snapshot(spacecraft: string): SpacecraftSnapshot {
    return this.sim(spacecraft).snapshot();
  }

  /** What each station does now. */
  stations(): StationSimStatus[] {
    const link = this.links();
    const now = this.options.clock.nowMs();
    return this.options.mission.stations.map((s) => {
      const t = link.tracking(s.name, now);
      const d = this.downlinks.get(s.name);
      return {
        station: s.name,
        tracking: t?.spacecraft.name ?? null,
        elevationDeg: t?.look.elevationDeg ?? null,
        counters: link.counters(s.name),
        downlinkConnected: d?.sender.connected ?? false,
        framesUnacknowledged: d?.sender.unacknowledged ?? 0,
        framesDroppedBacklog: d?.dropped ?? 0,
      };
    });
  }

  /** Follows a new contact plan from now on. */
  setAssignment(assignment: Assignment): void {
    this.links().setAssignment(assignment);
  }
}
