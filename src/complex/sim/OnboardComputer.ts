// The flight software of a simulated spacecraft: telecommand acceptance and execution with PUS
// service 1 verification reports (ECSS-E-ST-70-41C §6.1: TM[1,1]/[1,2] acceptance, TM[1,7]/[1,8]
// completion, as the request's acknowledgement flags ask, failures always), the on-board time and
// its synchronisation, a time-based schedule (service 11, TC[11,4]), modes, the battery heater
// thermostat, payload image planning and a low-power safe mode.
import { SPACE_PACKET_HEADER_LENGTH, crc16Ccitt } from '../../core/ccsds/index.ts';
import { CommandReader } from './CommandReader.ts';
import type { ArgValue } from './CommandReader.ts';
import type { AttitudeMode, PayloadState } from './SpacecraftPhysics.ts';
import type { EngValue } from './TmPacketEncoder.ts';

export type ObcMode = 'SAFE' | 'NOMINAL' | 'MAINTENANCE';

export type AcceptanceFailure = 'ILLEGAL_APID' | 'INVALID_LENGTH' | 'INVALID_CHECKSUM' | 'ILLEGAL_SERVICE' | 'ILLEGAL_SUBTYPE' | 'ILLEGAL_APPLICATION_DATA';
export type ExecutionFailure = 'WRONG_MODE' | 'PAYLOAD_OFF' | 'TIME_IN_PAST' | 'LOW_POWER' | 'SCHEDULE_FULL' | 'NOT_EXECUTABLE';

/** One telecommand's fate on board, for tests and logs. */
export interface TcOutcome {
  readonly requestApid: number;
  readonly requestSequenceCount: number;
  readonly command: string | null;
  readonly args: Readonly<Record<string, ArgValue>>;
  readonly acceptance: AcceptanceFailure | 'ok';
  readonly execution: ExecutionFailure | 'ok' | null;
  /** Simulated UTC ms of execution (null when not accepted). */
  readonly executedMs: number | null;
}

/** A telemetry packet the software wants sent: container, application and values. */
export interface ReportRequest {
  readonly container: string;
  readonly apid: number;
  readonly values: Readonly<Record<string, EngValue>>;
}

export interface OnboardOptions {
  /** The APID telecommands must carry (and of the reports). */
  readonly apid: number;
  /** Telecommands end with a CRC-16 packet error control field (default false). */
  readonly packetCrc?: boolean;
  /** On-board clock rate error (parts per million, default 0). */
  readonly clockDriftPpm?: number;
  /** Offset of the on-board clock from UTC at start (ms, default 0). */
  readonly clockOffsetMs?: number;
  /** Longest time-tagged queue (default 32). */
  readonly maxScheduled?: number;
}

/** What the software needs from the rest of the spacecraft. */
export interface OnboardHooks {
  /** Sends a TM packet built from the report request. */
  report(request: ReportRequest, atMs: number): void;
  fireThruster(thruster: number, durationS: number): void;
  /** Battery state of charge in [0, 1]. */
  soc(): number;
  propellantKg(): number;
}

interface Scheduled {
  readonly releaseObtMs: number;
  readonly packet: Uint8Array;
}

interface ImagePlan {
  readonly obtMs: number;
  readonly exposureMs: number;
}

const ACK_ACCEPTANCE = 1;
const ACK_COMPLETION = 8;
const READOUT_MS = 4000;
const STORAGE_PER_IMAGE = 3;
const SAFE_SOC = 0.25;
const MIN_POWER_SOC = 0.4;
const HEATER_ON_BELOW_C = 5;
const HEATER_OFF_ABOVE_C = 10;

export class OnboardComputer {
  mode: ObcMode = 'NOMINAL';
  attitudeMode: AttitudeMode = 'NADIR_POINTING';
  payload: PayloadState = 'OFF';
  heaterOn = false;
  inContact = false;
  accepted = 0;
  rejected = 0;
  executed = 0;
  failed = 0;
  thrusterFirings = 0;
  imagesTaken = 0;
  imagesFailed = 0;
  storageUsed = 0;
  lastImageObtMs: number | undefined;
  readonly outcomes: TcOutcome[] = [];
  private readonly bootMs: number;
  private offsetMs: number;
  private syncMs: number;
  private readonly driftPpm: number;
  private schedule: Scheduled[] = [];
  private plans: ImagePlan[] = [];
  private imagingUntilObtMs: number | null = null;
  private readonly reader: CommandReader;

  constructor(
    reader: CommandReader,
    private readonly hooks: OnboardHooks,
    private readonly options: OnboardOptions,
    startMs: number,
  ) {
    this.reader = reader;
    this.bootMs = startMs;
    this.syncMs = startMs;
    this.offsetMs = options.clockOffsetMs ?? 0;
    this.driftPpm = options.clockDriftPpm ?? 0;
  }

  /** The on-board clock's reading at `utcMs`, as ms of UTC (what it believes UTC to be). */
  obtMs(utcMs: number): number {
    return utcMs + this.offsetMs + ((utcMs - this.syncMs) * this.driftPpm) / 1e6;
  }

  /** When (UTC ms) the on-board clock reads `obtMs`. */
  utcForObt(obtMs: number): number {
    return this.syncMs + (obtMs - this.offsetMs - this.syncMs) / (1 + this.driftPpm / 1e6);
  }

  uptimeS(utcMs: number): number {
    return Math.max(0, Math.floor((utcMs - this.bootMs) / 1000));
  }

  get scheduledCount(): number {
    return this.schedule.length;
  }

  get pendingImages(): number {
    return this.plans.length;
  }

  /** UTC ms of the next scheduled release, image or end of an image; Infinity when none. */
  nextDueMs(): number {
    let next = Infinity;
    for (const s of this.schedule) next = Math.min(next, this.utcForObt(s.releaseObtMs));
    for (const p of this.plans) next = Math.min(next, this.utcForObt(p.obtMs));
    if (this.imagingUntilObtMs !== null) next = Math.min(next, this.utcForObt(this.imagingUntilObtMs));
    return Math.ceil(next);
  }

  /** Runs what is due at `utcMs`: scheduled telecommands, image starts and ends. */
  runDue(utcMs: number): void {
    // A microsecond of slack: nextDueMs rounds up from utcForObt, whose round trip through
    // obtMs may fall short of the tag by a rounding error, and the tag must then still be due.
    const obt = this.obtMs(utcMs) + 1e-3;
    if (this.imagingUntilObtMs !== null && obt >= this.imagingUntilObtMs) {
      this.imagingUntilObtMs = null;
      if (this.payload === 'IMAGING') this.payload = 'STANDBY';
    }
    const due = this.schedule.filter((s) => s.releaseObtMs <= obt).sort((a, b) => a.releaseObtMs - b.releaseObtMs);
    this.schedule = this.schedule.filter((s) => s.releaseObtMs > obt);
    for (const s of due) this.receive(s.packet, utcMs);
    const images = this.plans.filter((p) => p.obtMs <= obt);
    this.plans = this.plans.filter((p) => p.obtMs > obt);
    for (const p of images) this.takeImage(p, utcMs);
  }

  private takeImage(plan: ImagePlan, utcMs: number): void {
    if (this.payload !== 'STANDBY' || this.storageUsed + STORAGE_PER_IMAGE > 100) {
      this.imagesFailed++;
      return;
    }
    this.payload = 'IMAGING';
    this.imagingUntilObtMs = this.obtMs(utcMs) + plan.exposureMs + READOUT_MS;
    this.imagesTaken++;
    this.lastImageObtMs = this.obtMs(utcMs);
    this.storageUsed += STORAGE_PER_IMAGE;
  }

  /** Once per physics step: thermostat on the control thermistor's reading, safe mode on low charge, downlink of images. */
  control(dtS: number, controlThermistorC: number): void {
    if (controlThermistorC < HEATER_ON_BELOW_C) this.heaterOn = true;
    else if (controlThermistorC > HEATER_OFF_ABOVE_C) this.heaterOn = false;
    if (this.hooks.soc() < SAFE_SOC && this.mode !== 'SAFE') this.enterSafe();
    if (this.inContact && this.storageUsed > 0) this.storageUsed = Math.max(0, this.storageUsed - dtS / 60);
  }

  private enterSafe(): void {
    this.mode = 'SAFE';
    this.attitudeMode = 'SAFE';
    this.payload = 'OFF';
    this.imagingUntilObtMs = null;
    this.imagesFailed += this.plans.length;
    this.plans = [];
  }

  /** A telecommand packet arrives (from a TC frame, or released from the schedule). */
  receive(packet: Uint8Array, utcMs: number): TcOutcome {
    const requestApid = (((packet[0] ?? 0) & 0x07) << 8) | (packet[1] ?? 0);
    const requestSequenceCount = (((packet[2] ?? 0) & 0x3f) << 8) | (packet[3] ?? 0);
    const ackFlags = (packet[SPACE_PACKET_HEADER_LENGTH] ?? 0) & 0x0f;
    const base = { requestApid, requestSequenceCount };
    const checked = this.check(packet);
    if (checked.failure !== null) {
      this.rejected++;
      this.verification(2, packet, { VERIF_ACCEPTANCE_FAILURE: checked.failure }, utcMs);
      return this.record({ ...base, command: checked.command, args: checked.args, acceptance: checked.failure, execution: null, executedMs: null });
    }
    this.accepted++;
    if ((ackFlags & ACK_ACCEPTANCE) !== 0) this.verification(1, packet, {}, utcMs);
    const name = checked.command ?? '';
    const failure = this.execute(name, checked.args, utcMs);
    if (failure === null) {
      if (name !== 'RESET_COUNTERS') this.executed++;
      if ((ackFlags & ACK_COMPLETION) !== 0) this.verification(7, packet, {}, utcMs);
    } else {
      this.failed++;
      this.verification(8, packet, { VERIF_EXECUTION_FAILURE: failure }, utcMs);
    }
    return this.record({ ...base, command: name, args: checked.args, acceptance: 'ok', execution: failure ?? 'ok', executedMs: utcMs });
  }

  private record(outcome: TcOutcome): TcOutcome {
    this.outcomes.push(outcome);
    if (this.outcomes.length > 1000) this.outcomes.splice(0, this.outcomes.length - 1000);
    return outcome;
  }

  private check(packet: Uint8Array): { failure: AcceptanceFailure | null; command: string | null; args: Readonly<Record<string, ArgValue>> } {
    const none = { command: null, args: {} };
    const crcLength = this.options.packetCrc === true ? 2 : 0;
    const declared = packet.length >= SPACE_PACKET_HEADER_LENGTH ? (((packet[4] ?? 0) << 8) | (packet[5] ?? 0)) + SPACE_PACKET_HEADER_LENGTH + 1 : -1;
    const b0 = packet[0] ?? 0;
    // Version 0, telecommand, secondary header present (CCSDS 133.0-B-2 §4.1.3.2-4).
    if (declared !== packet.length || (b0 & 0xf8) !== 0x18 || packet.length < SPACE_PACKET_HEADER_LENGTH + 5 + crcLength) return { failure: 'INVALID_LENGTH', ...none };
    if (crcLength > 0 && crc16Ccitt(packet, 0, packet.length - 2) !== (((packet[packet.length - 2] ?? 0) << 8) | (packet[packet.length - 1] ?? 0))) {
      return { failure: 'INVALID_CHECKSUM', ...none };
    }
    const apid = ((b0 & 0x07) << 8) | (packet[1] ?? 0);
    if (apid !== this.options.apid) return { failure: 'ILLEGAL_APID', ...none };
    const body = crcLength === 0 ? packet : packet.subarray(0, packet.length - crcLength);
    const read = this.reader.read(body);
    if (!read.ok) {
      if (read.error === 'bad-data') return { failure: 'ILLEGAL_APPLICATION_DATA', command: null, args: read.args };
      const service = read.args['service'];
      const known = service !== undefined && this.reader.fixedValues('service').has(String(service));
      return { failure: known ? 'ILLEGAL_SUBTYPE' : 'ILLEGAL_SERVICE', command: null, args: read.args };
    }
    if (Math.ceil(read.bits / 8) !== body.length) return { failure: 'INVALID_LENGTH', command: read.command.name, args: read.args };
    return { failure: null, command: read.command.name, args: read.args };
  }

  private verification(subtype: 1 | 2 | 7 | 8, request: Uint8Array, values: Readonly<Record<string, EngValue>>, utcMs: number): void {
    const b0 = request[0] ?? 0;
    this.hooks.report(
      {
        container: `PUS_1_${subtype}`,
        apid: this.options.apid,
        values: {
          ...values,
          VERIF_REQUEST_VERSION: b0 >>> 5,
          VERIF_REQUEST_TYPE: (b0 >>> 4) & 1,
          VERIF_REQUEST_SEC_HDR_FLAG: (b0 >>> 3) & 1,
          VERIF_REQUEST_APID: ((b0 & 0x07) << 8) | (request[1] ?? 0),
          VERIF_REQUEST_SEQ_FLAGS: (request[2] ?? 0) >>> 6,
          VERIF_REQUEST_SEQ_COUNT: (((request[2] ?? 0) & 0x3f) << 8) | (request[3] ?? 0),
        },
      },
      utcMs,
    );
  }

  /** Runs an accepted command; null when it completed, else why it failed. */
  private execute(name: string, args: Readonly<Record<string, ArgValue>>, utcMs: number): ExecutionFailure | null {
    const obt = this.obtMs(utcMs);
    switch (name) {
      case 'ARE_YOU_ALIVE':
        this.hooks.report({ container: 'PUS_17_2', apid: this.options.apid, values: {} }, utcMs);
        return null;
      case 'SET_MODE': {
        const mode = args['mode'];
        if (mode === 'SAFE') this.enterSafe();
        else if (mode === 'NOMINAL' || mode === 'MAINTENANCE') {
          if (this.mode === 'SAFE') this.attitudeMode = 'NADIR_POINTING';
          this.mode = mode;
        } else return 'NOT_EXECUTABLE';
        return null;
      }
      case 'SET_ATTITUDE_MODE': {
        const mode = args['mode'];
        if (this.mode === 'SAFE') return 'WRONG_MODE';
        if (mode !== 'SAFE' && mode !== 'DETUMBLE' && mode !== 'SUN_POINTING' && mode !== 'NADIR_POINTING') return 'NOT_EXECUTABLE';
        this.attitudeMode = mode;
        return null;
      }
      case 'RESET_COUNTERS':
        this.accepted = 0;
        this.rejected = 0;
        this.executed = 0;
        this.failed = 0;
        return null;
      case 'TIME_SYNC': {
        const time = args['time'];
        if (typeof time !== 'number') return 'NOT_EXECUTABLE';
        this.offsetMs = time - utcMs;
        this.syncMs = utcMs;
        return null;
      }
      case 'FIRE_THRUSTER': {
        const thruster = Number(String(args['thruster']).replace('THR_', ''));
        const durationMs = args['duration'];
        if (this.mode === 'SAFE') return 'WRONG_MODE';
        if (!Number.isInteger(thruster) || typeof durationMs !== 'number' || this.hooks.propellantKg() <= 0) return 'NOT_EXECUTABLE';
        this.hooks.fireThruster(thruster, durationMs / 1000);
        this.thrusterFirings++;
        return null;
      }
      case 'PAYLOAD_POWER': {
        if (args['state'] === 'OFF') {
          this.payload = 'OFF';
          this.imagingUntilObtMs = null;
          return null;
        }
        if (this.mode === 'SAFE') return 'WRONG_MODE';
        if (this.hooks.soc() < MIN_POWER_SOC) return 'LOW_POWER';
        if (this.payload === 'OFF' || this.payload === 'FAULT') this.payload = 'STANDBY';
        return null;
      }
      case 'TAKE_IMAGE': {
        const time = args['time'];
        const exposure = args['exposure'];
        if (typeof time !== 'number' || typeof exposure !== 'number') return 'NOT_EXECUTABLE';
        if (time < obt) return 'TIME_IN_PAST';
        if (this.payload === 'OFF' || this.payload === 'FAULT') return 'PAYLOAD_OFF';
        this.plans.push({ obtMs: time, exposureMs: exposure });
        return null;
      }
      case 'SCHEDULE_TC': {
        const release = args['release_time'];
        const request = args['request'];
        if (typeof release !== 'number' || !(request instanceof Uint8Array)) return 'NOT_EXECUTABLE';
        if (release < obt) return 'TIME_IN_PAST';
        if (this.schedule.length >= (this.options.maxScheduled ?? 32)) return 'SCHEDULE_FULL';
        this.schedule.push({ releaseObtMs: release, packet: request });
        return null;
      }
      default:
        return 'NOT_EXECUTABLE';
    }
  }
}
