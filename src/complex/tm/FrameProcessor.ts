// Frames -> packets -> parameters for one spacecraft: frame checks (CRC, SCID, frame counts) and
// packet extraction by TmFrameDecoder, packet continuity per APID, then decoding with the mission
// database (values with their monitoring state from the type's limits). No I/O: the service
// stores and publishes what this returns. Channel state is kept per link, so two stations
// receiving the same spacecraft do not disturb each other's frame counts.
import { SequenceCounter, TmFrameDecoder } from '../../core/ccsds/index.ts';
import { PacketDecoder } from '../../core/mdb/index.ts';
import type { DataType, MissionDatabase, Parameter } from '../../core/mdb/index.ts';
import type { FrameRecord, MonitoringState, ParameterRecord } from '../archive/index.ts';
import { toParameterValue } from './parameterValue.ts';

/** A spacecraft as the telemetry pipeline sees it. */
export interface TmSpacecraft {
  readonly name: string;
  /** CCSDS spacecraft identifier (SCID) of its frames. */
  readonly spacecraftId: number;
  readonly mdb: MissionDatabase;
  /** The TM physical channel's frame length in octets (132.0-B-3 §5 managed parameter). */
  readonly frameLength: number;
  /** Whether frames carry the frame error control field (default true). */
  readonly hasFecf?: boolean;
  /** Put before every qualified parameter name, e.g. `/ZEN-CUBE`, when spacecraft share one database. */
  readonly parameterPrefix?: string;
  /** Generation time of packets whose containers hold no absolute-time parameter (mission-specific). */
  readonly packetTime?: (packet: Uint8Array) => number | null;
  /** Container to start decoding at (default: the database's root containers). */
  readonly rootContainer?: string;
}

export interface TmCounters {
  /** Frames given to the processor. */
  frames: number;
  /** Frames that passed the checks. */
  goodFrames: number;
  badCrc: number;
  /** Frames of a wrong length or version or with a broken secondary header. */
  badFrames: number;
  /** Frames of another spacecraft on this spacecraft's link. */
  wrongScid: number;
  idleFrames: number;
  /** Breaks in the virtual-channel frame count, and the frames they lost (132.0-B-3 §4.1.2.5). */
  vcGaps: number;
  vcFramesMissing: number;
  /** Space packets extracted (idle packets not counted). */
  packets: number;
  /** Breaks in the per-APID packet sequence count and the packets they lost (133.0-B-2 §4.1.3.4.3). */
  packetGaps: number;
  packetsMissing: number;
  /** Packets lost or cut while extracting them from frames (pointer mismatches, partial packets). */
  packetErrors: number;
  /** Packets the mission database could not decode completely. */
  undecodedPackets: number;
  /** Parameter values produced. */
  parameters: number;
  /** Values outside their limits (monitoring state other than normal). */
  outOfLimits: number;
}

export function zeroTmCounters(): TmCounters {
  return {
    frames: 0,
    goodFrames: 0,
    badCrc: 0,
    badFrames: 0,
    wrongScid: 0,
    idleFrames: 0,
    vcGaps: 0,
    vcFramesMissing: 0,
    packets: 0,
    packetGaps: 0,
    packetsMissing: 0,
    packetErrors: 0,
    undecodedPackets: 0,
    parameters: 0,
    outOfLimits: 0,
  };
}

/** Adds `b` into `a`. */
export function addTmCounters(a: TmCounters, b: Readonly<TmCounters>): TmCounters {
  for (const key of Object.keys(a) as (keyof TmCounters)[]) a[key] += b[key];
  return a;
}

/** One value of a decoded packet, with what limit checking needs. */
export interface DecodedParameter {
  readonly record: ParameterRecord;
  readonly parameter: Parameter;
}

/** What one packet produced. */
export interface DecodedPacket {
  readonly spacecraft: string;
  readonly source: string;
  readonly station: string;
  readonly apid: number;
  readonly sequenceCount: number;
  /** The most specific container reached, null when none matched. */
  readonly container: string | null;
  /** What stopped decoding early, null when it completed. */
  readonly error: string | null;
  readonly generationTimeMs: number;
  readonly receptionTimeMs: number;
  readonly parameters: readonly DecodedParameter[];
}

class Channel {
  readonly frames: TmFrameDecoder;
  readonly packets = new SequenceCounter();
  constructor(sc: TmSpacecraft) {
    this.frames = new TmFrameDecoder({ frameLength: sc.frameLength, hasFecf: sc.hasFecf ?? true, scid: sc.spacecraftId });
  }
}

export class FrameProcessor {
  private readonly channels = new Map<string, Channel>();
  private readonly decoder: PacketDecoder;
  private readonly prefix: string;
  private readonly own = zeroTmCounters();
  /** Qualified names with the prefix, computed once per parameter. */
  private readonly names = new Map<Parameter, string>();

  constructor(readonly spacecraft: TmSpacecraft) {
    this.decoder = new PacketDecoder(spacecraft.mdb, {
      ...(spacecraft.rootContainer === undefined ? {} : { root: spacecraft.rootContainer }),
      ...(spacecraft.packetTime === undefined ? {} : { generationTime: spacecraft.packetTime }),
    });
    this.prefix = spacecraft.parameterPrefix ?? '';
  }

  /** The archive name of a parameter of this spacecraft's database. */
  nameOf(parameter: Parameter): string {
    let name = this.names.get(parameter);
    if (name === undefined) {
      name = this.prefix + parameter.qualifiedName;
      this.names.set(parameter, name);
    }
    return name;
  }

  /** The parameter an archive name stands for, if it is one of this spacecraft's. */
  parameterOf(name: string): Parameter | undefined {
    if (!name.startsWith(`${this.prefix}/`)) return undefined;
    return this.spacecraft.mdb.parameters.get(name.slice(this.prefix.length));
  }

  /** Forgets frame and packet continuity (e.g. before a replay or a new pass); counters stay. */
  reset(): void {
    for (const c of this.channels.values()) c.frames.reset();
  }

  counters(): TmCounters {
    const total = { ...this.own };
    for (const c of this.channels.values()) {
      const f = c.frames.counters;
      total.badCrc += f.badCrc;
      total.badFrames += f.badLength + f.badVersion + f.badSecondaryHeader;
      total.wrongScid += f.wrongScid;
      total.idleFrames += f.idleFrames;
      total.vcGaps += f.vcGaps;
      total.vcFramesMissing += f.vcFramesMissing;
      total.packets += f.packets;
      total.packetErrors += f.partialPacketsDropped + f.fhpErrors + f.badPackets;
      total.packetGaps += c.packets.gaps;
      total.packetsMissing += c.packets.missing;
    }
    return total;
  }

  /** Checks one stored frame and decodes the packets it completes. */
  process(frame: FrameRecord): DecodedPacket[] {
    let channel = this.channels.get(frame.source);
    if (channel === undefined) {
      channel = new Channel(this.spacecraft);
      this.channels.set(frame.source, channel);
    }
    this.own.frames++;
    const report = channel.frames.decode(frame.bytes);
    if (report.status !== 'ok') return [];
    this.own.goodFrames++;
    const out: DecodedPacket[] = [];
    for (const packet of report.packets) {
      channel.packets.check(packet.header);
      const result = this.decoder.decode(packet.bytes);
      if (result.error !== null) this.own.undecodedPackets++;
      const generationTimeMs = result.generationTimeMs ?? frame.receptionTimeMs;
      const parameters: DecodedParameter[] = [];
      for (const v of result.values) {
        const state: MonitoringState | null = v.state;
        if (state !== null && state !== 'normal') this.own.outOfLimits++;
        parameters.push({
          parameter: v.parameter,
          record: {
            parameter: this.nameOf(v.parameter),
            generationTimeMs,
            receptionTimeMs: frame.receptionTimeMs,
            raw: toParameterValue(v.raw),
            eng: toParameterValue(v.eng),
            monitoring: state,
          },
        });
      }
      this.own.parameters += parameters.length;
      out.push({
        spacecraft: this.spacecraft.name,
        source: frame.source,
        station: frame.station,
        apid: packet.header.apid,
        sequenceCount: packet.header.sequenceCount,
        container: result.container?.qualifiedName ?? null,
        error: result.message,
        generationTimeMs,
        receptionTimeMs: frame.receptionTimeMs,
        parameters,
      });
    }
    return out;
  }
}

/** The limit a value crossed to reach `level`: the bound of that level's range on the value's side. */
export function crossedLimit(type: DataType | null, level: MonitoringState, eng: unknown): number | null {
  const ranges = type?.alarm?.ranges;
  if (ranges === undefined || level === 'normal' || (typeof eng !== 'number' && typeof eng !== 'bigint')) return null;
  const v = Number(eng);
  for (const r of ranges) {
    if (r.level !== level) continue;
    if (r.min !== null && (r.minInclusive ? v < r.min : v <= r.min)) return r.min;
    if (r.max !== null && (r.maxInclusive ? v > r.max : v >= r.max)) return r.max;
  }
  return null;
}
