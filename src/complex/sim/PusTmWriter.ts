// The simulated spacecraft's telemetry packet writer: fills the CCSDS primary header (APID,
// sequence flags, per-APID sequence count, CCSDS 133.0-B-2 §4.1.3) and the PUS-C secondary header
// (message counter per message type, destination, CUC on-board time with its P-field,
// ECSS-E-ST-70-41C §7.4.3.1) of the demo database, then the report's own parameters.
import { SEQUENCE_COUNT_MODULUS } from '../../core/ccsds/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import { TmPacketEncoder } from './TmPacketEncoder.ts';
import type { EngValue } from './TmPacketEncoder.ts';

/** CUC P-field: 1958 TAI epoch, 4 coarse and 3 fine octets (CCSDS 301.0-B-4 §3.2.2). */
export const OBT_P_FIELD = 0x1f;

export class PusTmWriter {
  private readonly encoders = new Map<string, TmPacketEncoder>();
  private readonly sequence = new Map<number, number>();
  private readonly messageCounters = new Map<string, number>();

  constructor(readonly mdb: MissionDatabase) {}

  /** Builds the encoder of a container now, so that a database the simulator cannot write fails at start. */
  prepare(container: string): void {
    this.encoder(container);
  }

  private encoder(container: string): TmPacketEncoder {
    let e = this.encoders.get(container);
    if (e === undefined) {
      e = new TmPacketEncoder(this.mdb, container);
      this.encoders.set(container, e);
    }
    return e;
  }

  /** The next packet of `container` from application `apid`, stamped with on-board time `obtMs`. */
  packet(container: string, apid: number, obtMs: number, values: Readonly<Record<string, EngValue | undefined>>): Uint8Array {
    const count = this.sequence.get(apid) ?? 0;
    this.sequence.set(apid, (count + 1) % SEQUENCE_COUNT_MODULUS);
    const message = this.messageCounters.get(container) ?? 0;
    this.messageCounters.set(container, (message + 1) % 65536);
    return this.encoder(container).encode({
      ...values,
      CCSDS_VERSION: 0,
      CCSDS_APID: apid,
      CCSDS_SEQ_FLAGS: 3,
      CCSDS_SEQ_COUNT: count,
      PUS_VERSION: 2,
      PUS_TIME_REF_STATUS: 0,
      PUS_MSG_COUNTER: message,
      PUS_DESTINATION: 0,
      PUS_TIME_PFIELD: OBT_P_FIELD,
      PUS_TIME: obtMs,
    });
  }
}
