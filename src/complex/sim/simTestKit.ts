// Shared by the simulator's tests: the demo mission and database, a simulated spacecraft, and a
// ground recorder that decodes its TM frames the way the pipeline does (TmFrameDecoder, then
// PacketDecoder with the demo XTCE) into packets with engineering values and monitoring states.
import { resolve } from 'node:path';
import { TmFrameDecoder, decodeClcw } from '../../core/ccsds/index.ts';
import type { Clcw } from '../../core/ccsds/index.ts';
import { PacketDecoder } from '../../core/mdb/index.ts';
import type { AlarmLevel, MissionDatabase } from '../../core/mdb/index.ts';
import { loadMission } from '../mission/index.ts';
import type { Mission, MissionSpacecraft } from '../mission/index.ts';
import { loadDemoDatabase } from './demoDatabase.ts';
import { SpacecraftSimulator } from './SpacecraftSimulator.ts';
import type { SpacecraftSimOptions } from './SpacecraftSimulator.ts';

export const MISSION_DIR = resolve('missions/demo');

let cached: { mission: Mission; mdb: MissionDatabase } | undefined;

export function demo(): { mission: Mission; mdb: MissionDatabase } {
  cached ??= { mission: loadMission(MISSION_DIR), mdb: loadDemoDatabase(MISSION_DIR) };
  return cached;
}

export function demoSpacecraft(name: string): MissionSpacecraft {
  const sc = demo().mission.spacecraft.find((s) => s.name === name);
  if (sc === undefined) throw new Error(`no spacecraft ${name} in the demo mission`);
  return sc;
}

export function makeSim(name: string, startMs: number, options: Partial<SpacecraftSimOptions> = {}): SpacecraftSimulator {
  const sc = demoSpacecraft(name);
  return new SpacecraftSimulator({ name, spacecraftId: sc.spacecraftId, elements: sc.elements, mdb: demo().mdb, startMs, ...options });
}

export interface GroundPacket {
  /** Emission time of the frame that completed it (simulated UTC ms). */
  readonly frameMs: number;
  readonly container: string;
  readonly generationMs: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly states: Readonly<Record<string, AlarmLevel | null>>;
}

/** Decodes frames as the ground does; keeps packets and the last CLCW. */
export class Ground {
  readonly packets: GroundPacket[] = [];
  readonly frames: TmFrameDecoder;
  private readonly decoder: PacketDecoder;
  clcw: Clcw | null = null;
  undecoded = 0;

  constructor(spacecraftId: number, frameLength = 1115) {
    this.frames = new TmFrameDecoder({ frameLength, hasFecf: true, scid: spacecraftId });
    this.decoder = new PacketDecoder(demo().mdb);
  }

  static of(sim: SpacecraftSimulator, frameLength = 1115): Ground {
    const g = new Ground(sim.spacecraftId, frameLength);
    sim.onFrame((frame, atMs) => {
      g.frame(frame, atMs);
    });
    return g;
  }

  frame(bytes: Uint8Array, atMs: number): void {
    const report = this.frames.decode(bytes);
    if (report.frame?.ocf != null) this.clcw = decodeClcw(report.frame.ocf);
    for (const p of report.packets) {
      const d = this.decoder.decode(p.bytes);
      if (d.error !== null || d.container === null) {
        this.undecoded++;
        continue;
      }
      this.packets.push({
        frameMs: atMs,
        container: d.container.name,
        generationMs: d.generationTimeMs ?? Number.NaN,
        values: Object.fromEntries(d.values.map((v) => [v.parameter.name, v.eng])),
        states: Object.fromEntries(d.values.map((v) => [v.parameter.name, v.state])),
      });
    }
  }

  of(container: string): GroundPacket[] {
    return this.packets.filter((p) => p.container === container);
  }

  last(container: string): GroundPacket {
    const list = this.of(container);
    const p = list[list.length - 1];
    if (p === undefined) throw new Error(`no ${container} packet received`);
    return p;
  }

  /** Verification reports about the telecommand with this sequence count, as `1.1`, `1.7`, `1.8:CODE`... */
  reports(sequenceCount: number): string[] {
    return this.packets
      .filter((p) => p.container.startsWith('PUS_1_') && p.values['VERIF_REQUEST_SEQ_COUNT'] === sequenceCount)
      .map((p) => {
        const code = p.values['VERIF_ACCEPTANCE_FAILURE'] ?? p.values['VERIF_EXECUTION_FAILURE'];
        return `${p.container.slice(4).replace('_', '.')}${typeof code === 'string' ? `:${code}` : ''}`;
      });
  }
}
