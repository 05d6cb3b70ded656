// Adapter of `zenith up`: the command pipeline verifies commands from PUS service 1 reports read on
// `tm.packet.<spacecraft>`, which the telemetry pipeline does not publish. This service reads the
// stored frames on `tm.frame.>` and publishes each space packet they complete (CCSDS 132.0-B-3 §4.1.4).
import { TmFrameDecoder } from '../../core/ccsds/index.ts';
import type { Bus, Subscription } from '../bus/index.ts';
import type { Service } from '../runtime/index.ts';
import { TM_FRAME_ALL, decodeFrameRecord, subjectToken } from '../tm/index.ts';

export interface PacketTapSpacecraft {
  readonly name: string;
  readonly spacecraftId: number;
  readonly frameLength: number;
}

export class PacketTap implements Service {
  readonly name = 'packet-tap';
  /** One decoder per spacecraft and source (link), as frame continuity is per link. */
  private readonly decoders = new Map<string, TmFrameDecoder>();
  private readonly spacecraft: ReadonlyMap<string, PacketTapSpacecraft>;
  private subscription: Subscription | undefined;
  packets = 0;

  constructor(
    private readonly bus: Bus,
    spacecraft: readonly PacketTapSpacecraft[],
    private readonly prefix = 'tm.packet',
  ) {
    this.spacecraft = new Map(spacecraft.map((s) => [s.name, s]));
  }

  start(): Promise<void> {
    this.subscription = this.bus.subscribe(TM_FRAME_ALL, (message) => {
      let frame;
      try {
        frame = decodeFrameRecord(message.data);
      } catch {
        return;
      }
      const sc = this.spacecraft.get(frame.spacecraft);
      if (sc === undefined) return;
      const key = `${sc.name}\u0000${frame.source}`;
      let decoder = this.decoders.get(key);
      if (decoder === undefined) {
        decoder = new TmFrameDecoder({ frameLength: sc.frameLength, hasFecf: true, scid: sc.spacecraftId, copyPackets: true });
        this.decoders.set(key, decoder);
      }
      const report = decoder.decode(frame.bytes);
      if (report.status !== 'ok') return;
      for (const packet of report.packets) {
        this.packets++;
        this.bus.publish(`${this.prefix}.${subjectToken(sc.name)}`, packet.bytes);
      }
    });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }
}
