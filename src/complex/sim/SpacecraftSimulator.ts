// One simulated spacecraft: its orbit propagated from the mission's elements drives sunlight and
// eclipse; physics and flight software advance on the complex's simulated time; housekeeping and
// reports become space packets per the mission database, packed into TM transfer frames with the
// CLCW in the operational control field (CCSDS 132.0-B-3 §4.1.5, 232.0-B-4 §4.2); CLTUs received
// are decoded (231.0-B-4 §5.3) into TC frames (232.0-B-4 §4.1) through a minimal FARM-1.
import { SPACE_PACKET_HEADER_LENGTH, TmFramePacker, decodeCltu, decodeTcFrame, encodeClcw } from '../../core/ccsds/index.ts';
import { ZenithError } from '../../core/errors/index.ts';
import type { Vec3 } from '../../core/math/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import { Propagator } from '../../core/orbit/index.ts';
import type { ElementSet, PropagationResult } from '../../core/orbit/index.ts';
import { betaAngleFromSun, eclipseFromSun } from '../../core/sky/index.ts';
import { CommandReader } from './CommandReader.ts';
import type { ActiveFault, Fault } from './faults.ts';
import { OnboardComputer } from './OnboardComputer.ts';
import type { TcOutcome } from './OnboardComputer.ts';
import { PusTmWriter } from './PusTmWriter.ts';
import { Rng } from './Rng.ts';
import { DEFAULT_DESIGN, SpacecraftPhysics } from './SpacecraftPhysics.ts';
import type { Environment, SpacecraftDesign } from './SpacecraftPhysics.ts';
import { SunCache } from './SunCache.ts';
import type { EngValue } from './TmPacketEncoder.ts';

export interface SpacecraftSimOptions {
  readonly name: string;
  /** CCSDS spacecraft identifier of its TM and TC frames. */
  readonly spacecraftId: number;
  readonly elements: ElementSet;
  /** The mission database (the demo's pus.xml + demo.xml, or one with the same containers and commands). */
  readonly mdb: MissionDatabase;
  /** Simulated time the spacecraft starts at (ms of UTC); its on-board computer boots then. */
  readonly startMs: number;
  readonly seed?: number;
  readonly design?: Partial<SpacecraftDesign>;
  /** Platform housekeeping period (simulated ms, default 10 000). */
  readonly hkPeriodMs?: number;
  /** Payload housekeeping every this many platform reports (default 3). */
  readonly payloadHkEvery?: number;
  /** TM frame length in octets (default 1115) and frame error control field (default true). */
  readonly frameLength?: number;
  readonly hasFecf?: boolean;
  /** Virtual channel of the telemetry and of the telecommands (default 0). */
  readonly vcid?: number;
  /** APID of the platform application (commands and reports, default 100) and of the payload (default 101). */
  readonly apid?: number;
  readonly payloadApid?: number;
  /** Telecommand packets end with a CRC-16 packet error control field (default false). */
  readonly packetCrc?: boolean;
  /** TC frames have a frame error control field (default true), a segment header (default false), and CLTUs are randomised (default false). */
  readonly tcHasFecf?: boolean;
  readonly tcSegmentHeader?: boolean;
  readonly tcRandomized?: boolean;
  readonly clockDriftPpm?: number;
  readonly clockOffsetMs?: number;
  /** Longest physics step (simulated ms, default 1000). */
  readonly stepMs?: number;
}

export type FrameListener = (frame: Uint8Array, atMs: number) => void;

/** What a TC frame became on board. */
export type UplinkResult = 'accepted' | 'bad-cltu' | 'bad-frame' | 'wrong-spacecraft' | 'farm-rejected';

/** The state of a spacecraft for the API and the UI. */
export interface SpacecraftSnapshot {
  readonly name: string;
  readonly nowMs: number;
  readonly obtMs: number;
  readonly readings: Readonly<Record<string, EngValue | undefined>>;
  readonly faults: readonly ActiveFault[];
  readonly inContact: boolean;
  readonly framesSent: number;
}

const SUN_STATE = { sunlit: 'SUNLIT', penumbra: 'PENUMBRA', umbra: 'ECLIPSE' } as const;

export class SpacecraftSimulator {
  readonly name: string;
  readonly spacecraftId: number;
  readonly propagator: Propagator;
  readonly physics: SpacecraftPhysics;
  readonly obc: OnboardComputer;
  private readonly writer: PusTmWriter;
  private readonly packer: TmFramePacker;
  private readonly rng: Rng;
  private readonly sun = new SunCache();
  private readonly listeners: FrameListener[] = [];
  private readonly hkPeriodMs: number;
  private readonly stepMs: number;
  private readonly vcid: number;
  private readonly apid: number;
  private readonly payloadApid: number;
  private now: number;
  private nextHkMs: number;
  private hkCount = 0;
  private pushed = false;
  private env: Environment;
  private activeFaults: ActiveFault[] = [];
  private readonly stuck = new Map<string, EngValue>();
  private controlThermistorC: number;
  /** FARM-1 state (232.0-B-4 §6): V(R), the FARM-B counter, and whether a station's carrier is here. */
  private vr = 0;
  private farmB = 0;
  private retransmit = false;
  private rfLock = false;
  framesSent = 0;

  constructor(private readonly options: SpacecraftSimOptions) {
    this.name = options.name;
    this.spacecraftId = options.spacecraftId;
    this.propagator = Propagator.fromElements(options.elements);
    this.rng = new Rng(options.seed ?? options.spacecraftId);
    this.hkPeriodMs = options.hkPeriodMs ?? 10_000;
    this.stepMs = options.stepMs ?? 1000;
    if (!(this.hkPeriodMs >= 100) || !(this.stepMs >= 10)) throw new RangeError(`${options.name}: hkPeriodMs must be >= 100 and stepMs >= 10`);
    this.vcid = options.vcid ?? 0;
    this.apid = options.apid ?? 100;
    this.payloadApid = options.payloadApid ?? 101;
    this.now = options.startMs;
    // Each spacecraft reports at its own phase of the period, as independent clocks would.
    const phase = (options.spacecraftId * 997) % this.hkPeriodMs;
    this.nextHkMs = Math.ceil((options.startMs - phase) / this.hkPeriodMs) * this.hkPeriodMs + phase;
    this.env = this.environment(options.startMs);
    this.physics = new SpacecraftPhysics({ ...DEFAULT_DESIGN, ...options.design }, this.env.orbitRateDegPerS);
    this.controlThermistorC = this.physics.batteryTempC;
    this.writer = new PusTmWriter(options.mdb);
    for (const c of ['HK_PLATFORM', 'HK_PAYLOAD', 'PUS_1_1', 'PUS_1_2', 'PUS_1_7', 'PUS_1_8', 'PUS_17_2']) this.writer.prepare(c);
    this.obc = new OnboardComputer(
      new CommandReader(options.mdb),
      {
        report: (request, atMs) => {
          this.push(this.writer.packet(request.container, request.apid, this.obc.obtMs(atMs), request.values));
        },
        fireThruster: (thruster, durationS) => {
          this.physics.fireThruster(thruster, durationS);
        },
        soc: () => this.physics.soc,
        propellantKg: () => this.physics.propellantKg,
      },
      {
        apid: this.apid,
        ...(options.packetCrc === undefined ? {} : { packetCrc: options.packetCrc }),
        ...(options.clockDriftPpm === undefined ? {} : { clockDriftPpm: options.clockDriftPpm }),
        ...(options.clockOffsetMs === undefined ? {} : { clockOffsetMs: options.clockOffsetMs }),
      },
      options.startMs,
    );
    this.packer = new TmFramePacker({ scid: options.spacecraftId, frameLength: options.frameLength ?? 1115, hasFecf: options.hasFecf ?? true, ocf: this.clcw() });
  }

  get nowMs(): number {
    return this.now;
  }

  /** Calls `listener` with every TM frame, in order, with its simulated emission time. */
  onFrame(listener: FrameListener): void {
    this.listeners.push(listener);
  }

  /** TEME state at `utcMs` (for visibility from the stations). */
  stateAt(utcMs: number): PropagationResult {
    return this.propagator.propagateAt(utcMs);
  }

  private environment(utcMs: number): Environment {
    const state = this.propagator.propagateAt(utcMs);
    if (!state.ok) return this.env;
    const r = state.position;
    const v = state.velocity;
    const sun = this.sun.at(utcMs);
    const e = eclipseFromSun(r, sun);
    const rn = Math.hypot(r.x, r.y, r.z);
    const toSun: Vec3 = { x: sun.x - r.x, y: sun.y - r.y, z: sun.z - r.z };
    const sn = Math.hypot(toSun.x, toSun.y, toSun.z);
    const hx = r.y * v.z - r.z * v.y;
    const hy = r.z * v.x - r.x * v.z;
    const hz = r.x * v.y - r.y * v.x;
    return {
      sunlitFraction: e.sunlitFraction,
      sunState: SUN_STATE[e.state],
      cosBeta: Math.abs(Math.cos(betaAngleFromSun(r, v, sun))),
      sunZenithCos: (r.x * toSun.x + r.y * toSun.y + r.z * toSun.z) / (rn * sn),
      orbitRateDegPerS: (Math.hypot(hx, hy, hz) / (rn * rn)) * (180 / Math.PI),
    };
  }

  /** Runs the spacecraft up to `utcMs` (simulated): physics, schedule, housekeeping, frames. */
  advanceTo(utcMs: number): void {
    while (this.now < utcMs) {
      const next = Math.max(this.now, Math.min(utcMs, this.nextHkMs, this.obc.nextDueMs(), this.now + this.stepMs));
      this.integrate(next);
      if (this.obc.nextDueMs() <= next) this.obc.runDue(next);
      if (this.nextHkMs <= next) {
        this.housekeeping(next);
        this.nextHkMs += this.hkPeriodMs;
      }
      this.flush(next);
    }
  }

  private integrate(to: number): void {
    const dtS = (to - this.now) / 1000;
    this.now = to;
    if (dtS <= 0) return;
    this.env = this.environment(to);
    this.applyAgeing(to);
    const obc = this.obc;
    this.physics.step(dtS, this.env, { heaterOn: obc.heaterOn, payload: obc.payload, attitudeMode: obc.attitudeMode }, () => this.rng.normal());
    const stuck = this.stuck.get('BAT_TEMP_A');
    this.controlThermistorC = typeof stuck === 'number' ? stuck : this.physics.batteryTempC + 0.05 * this.rng.normal();
    obc.control(dtS, this.controlThermistorC);
  }

  private applyAgeing(at: number): void {
    const ageing = this.activeFaults.find((f) => f.fault.kind === 'battery-ageing');
    if (ageing === undefined || ageing.fault.kind !== 'battery-ageing') return;
    const f = ageing.fault;
    const rampMs = (f.rampMinutes ?? 10) * 60_000;
    const s = rampMs === 0 ? 1 : Math.min(1, (at - ageing.sinceMs) / rampMs);
    this.physics.health = {
      capacityFactor: 1 - s * (1 - (f.capacityFactor ?? 0.4)),
      resistanceFactor: 1 + s * ((f.resistanceFactor ?? 2) - 1),
      cellDropV: s * (f.cellDropV ?? 0.7),
    };
  }

  /**
   * The housekeeping values now, as the sensors read them: with their noise (default) or without
   * it (snapshots, which must not disturb the seeded noise of the telemetry), and stuck sensors.
   */
  readings(noise = true): Record<string, EngValue | undefined> {
    const p = this.physics;
    const o = this.obc;
    const n = (sigma: number): number => (noise ? sigma * this.rng.normal() : 0);
    const values: Record<string, EngValue | undefined> = {
      OBC_MODE: o.mode,
      OBC_UPTIME: o.uptimeS(this.now),
      CMD_ACCEPTED: o.accepted,
      CMD_REJECTED: o.rejected,
      CMD_EXECUTED: o.executed,
      CMD_FAILED: o.failed,
      TIMETAG_QUEUE: o.scheduledCount,
      ATT_MODE: o.attitudeMode,
      RATE_X: p.rates[0] + n(0.003),
      RATE_Y: p.rates[1] + n(0.003),
      RATE_Z: p.rates[2] + n(0.003),
      SUN_STATE: this.env.sunState,
      BAT_VOLTAGE: p.batteryVoltageV + n(0.005),
      BAT_CURRENT: p.batteryCurrentA + n(0.005),
      BAT_SOC: p.soc * 100,
      SA_CURRENT_1: Math.max(0, p.saCurrentsA[0] + n(0.005)),
      SA_CURRENT_2: Math.max(0, p.saCurrentsA[1] + n(0.005)),
      SA_CURRENT_3: Math.max(0, p.saCurrentsA[2] + n(0.005)),
      LOAD_CURRENT: p.loadCurrentA + n(0.005),
      BAT_TEMP_A: this.controlThermistorC,
      BAT_TEMP_B: p.batteryTempC + 0.3 + n(0.05),
      OBC_TEMP: p.obcTempC + n(0.05),
      PAYLOAD_TEMP: p.payloadTempC + n(0.05),
      HEATER_STATE: o.heaterOn ? 'ON' : 'OFF',
      PROP_MASS: p.propellantKg,
      THRUSTER_FIRINGS: o.thrusterFirings,
      PAYLOAD_STATUS: o.payload,
      IMAGES_TAKEN: o.imagesTaken,
      IMAGES_FAILED: o.imagesFailed,
      IMAGES_PENDING: o.pendingImages,
      LAST_IMAGE_TIME: o.lastImageObtMs,
      STORAGE_USED: Math.round(o.storageUsed),
    };
    for (const [name, value] of this.stuck) values[name] = value;
    return values;
  }

  private housekeeping(at: number): void {
    const values = this.readings();
    const obt = this.obc.obtMs(at);
    this.push(this.writer.packet('HK_PLATFORM', this.apid, obt, { ...values, HK_STRUCTURE_ID: 1 }));
    if (this.hkCount % (this.options.payloadHkEvery ?? 3) === 0) this.push(this.writer.packet('HK_PAYLOAD', this.payloadApid, obt, { ...values, HK_STRUCTURE_ID: 2 }));
    this.hkCount++;
  }

  private push(packet: Uint8Array): void {
    for (const frame of this.packer.push(this.vcid, packet)) this.emit(frame, this.now);
    this.pushed = true;
  }

  private flush(at: number): void {
    if (!this.pushed) return;
    this.pushed = false;
    for (const frame of this.packer.flush(this.vcid)) this.emit(frame, at);
  }

  private emit(frame: Uint8Array, at: number): void {
    this.framesSent++;
    for (const l of this.listeners) l(frame, at);
  }

  private clcw(): number {
    return encodeClcw({
      vcid: this.vcid,
      reportValue: this.vr,
      farmBCounter: this.farmB,
      retransmit: this.retransmit,
      noRfAvailable: !this.rfLock,
      noBitLock: !this.rfLock,
    });
  }

  private updateClcw(): void {
    this.packer.setOcf(this.clcw());
  }

  /** A station's carrier reaches the spacecraft (or stops): the CLCW's RF and bit-lock flags follow. */
  setUplinkLock(locked: boolean): void {
    if (locked === this.rfLock) return;
    this.rfLock = locked;
    this.updateClcw();
  }

  /** A station tracks the spacecraft (stored images drain to the ground). */
  setInContact(inContact: boolean): void {
    this.obc.inContact = inContact;
  }

  /** A CLTU radiated by a station reaches the spacecraft at `atMs`. */
  receiveCltu(cltu: Uint8Array, atMs: number): UplinkResult {
    this.advanceTo(atMs);
    const decoded = decodeCltu(cltu, 0, { correct: true, randomize: this.options.tcRandomized === true });
    if (!decoded.ok) return 'bad-cltu';
    return this.receiveTcFrame(decoded.data, atMs);
  }

  /** A TC transfer frame (possibly followed by CLTU fill octets) reaches the spacecraft. */
  receiveTcFrame(bytes: Uint8Array, atMs: number): UplinkResult {
    this.advanceTo(atMs);
    const r = decodeTcFrame(bytes, { hasFecf: this.options.tcHasFecf ?? true, hasSegmentHeader: this.options.tcSegmentHeader === true });
    if (!r.ok) return 'bad-frame';
    const { header, data } = r.frame;
    if (header.scid !== this.spacecraftId || header.vcid !== this.vcid) return 'wrong-spacecraft';
    let result: UplinkResult = 'accepted';
    if (header.controlCommand) {
      // Unlock (one octet 0) or Set V(R) (0x82 0x00 V(R)), 232.0-B-4 §4.1.3.3.
      if (data.length === 3 && data[0] === 0x82) this.vr = data[2] ?? 0;
      this.retransmit = false;
      this.farmB = (this.farmB + 1) & 3;
    } else if (header.bypass) {
      this.farmB = (this.farmB + 1) & 3;
      this.packets(data, atMs);
    } else if (header.frameSequenceNumber === this.vr) {
      this.vr = (this.vr + 1) & 0xff;
      this.retransmit = false;
      this.packets(data, atMs);
    } else {
      this.retransmit = true;
      result = 'farm-rejected';
    }
    this.updateClcw();
    this.flush(atMs);
    return result;
  }

  /** Space packets of a TC frame's data field, back to back. */
  private packets(data: Uint8Array, atMs: number): void {
    let at = 0;
    while (at + SPACE_PACKET_HEADER_LENGTH <= data.length) {
      const length = (((data[at + 4] ?? 0) << 8) | (data[at + 5] ?? 0)) + SPACE_PACKET_HEADER_LENGTH + 1;
      this.obc.receive(data.subarray(at, Math.min(data.length, at + length)), atMs);
      at += length;
    }
  }

  /** Hands a telecommand packet straight to the flight software (tests; no frame). */
  receivePacket(packet: Uint8Array, atMs: number): TcOutcome {
    this.advanceTo(atMs);
    const outcome = this.obc.receive(packet, atMs);
    this.flush(atMs);
    return outcome;
  }

  faults(): readonly ActiveFault[] {
    return [...this.activeFaults];
  }

  /** Injects a fault now (replacing one of the same kind; stuck sensors add up). Bad requests: ZenithError SIM_BAD_FAULT. */
  injectFault(fault: Fault): void {
    if (fault.kind === 'stuck-sensor') {
      const parameter = fault.parameter ?? 'BAT_TEMP_A';
      const current = this.readings(false);
      if (!Object.hasOwn(current, parameter)) {
        throw new ZenithError('SIM_BAD_FAULT', `stuck-sensor: expected a housekeeping parameter (${Object.keys(current).join(', ')}), found "${parameter}"`, { field: 'parameter' });
      }
      const now = parameter === 'BAT_TEMP_A' ? this.controlThermistorC : current[parameter];
      const value = fault.value ?? now;
      if (value === undefined) throw new ZenithError('SIM_BAD_FAULT', `stuck-sensor: ${parameter} has no reading yet; give a value`, { field: 'value' });
      this.stuck.set(parameter, value);
      if (parameter === 'BAT_TEMP_A' && typeof value === 'number') this.controlThermistorC = value;
      this.activeFaults.push({ fault: { ...fault, parameter, ...(typeof value === 'number' ? { value } : {}) }, sinceMs: this.now });
      return;
    }
    this.clearFault(fault.kind);
    if (fault.kind === 'heater-failure') this.physics.heaterBroken = true;
    this.activeFaults.push({ fault, sinceMs: this.now });
  }

  /** Clears every fault of `kind`: the spacecraft is as good as new again. */
  clearFault(kind: Fault['kind']): void {
    this.activeFaults = this.activeFaults.filter((f) => f.fault.kind !== kind);
    if (kind === 'heater-failure') this.physics.heaterBroken = false;
    if (kind === 'stuck-sensor') this.stuck.clear();
    if (kind === 'battery-ageing') this.physics.health = { capacityFactor: 1, resistanceFactor: 1, cellDropV: 0 };
  }

  snapshot(): SpacecraftSnapshot {
    return {
      name: this.name,
      nowMs: this.now,
      obtMs: this.obc.obtMs(this.now),
      readings: this.readings(false),
      faults: this.faults(),
      inContact: this.obc.inContact,
      framesSent: this.framesSent,
    };
  }
}
