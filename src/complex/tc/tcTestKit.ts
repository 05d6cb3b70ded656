// Test support for the command pipeline (used by its tests only): a mission database made of the
// Yamcs PUS example files (reference data) plus a small spacecraft command set written here, and
// an in-memory uplink that records CLTUs and answers as a station would.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ZenithError } from '../../core/errors/index.ts';
import { loadMdb } from '../../core/mdb/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import { zeroTcLinkCounters } from '../links/index.ts';
import type { CltuTransmission, GroundAck, LinkStatus, LinkStatusListener, TcCltuLink, TcLinkCounters, TcLinkInfo } from '../links/index.ts';
import type { Clock } from '../runtime/index.ts';

const PUS_DIR = resolve('../shared/data/xtce/yamcs-pus-example');

/**
 * Commands of a test spacecraft on top of the Yamcs PUS base command `/PUS/pus-tc` (its primary and
 * secondary header). The APID is left open, so the pipeline's spacecraft configuration gives it.
 */
export const ZEN_XTCE = `<?xml version="1.0" encoding="UTF-8"?>
<SpaceSystem name="ZEN" xmlns="http://www.omg.org/spec/XTCE/20180204">
  <CommandMetaData>
    <ArgumentTypeSet>
      <IntegerArgumentType name="heater_id" signed="false">
        <IntegerDataEncoding encoding="unsigned" sizeInBits="8" />
        <ValidRange minInclusive="1" maxInclusive="4" />
      </IntegerArgumentType>
      <FloatArgumentType name="setpoint_type" sizeInBits="32">
        <UnitSet><Unit>degC</Unit></UnitSet>
        <FloatDataEncoding sizeInBits="32" />
        <ValidRange minInclusive="-20" maxInclusive="40" />
      </FloatArgumentType>
      <EnumeratedArgumentType name="mode_type">
        <IntegerDataEncoding sizeInBits="8" />
        <EnumerationList>
          <Enumeration value="0" label="SAFE" />
          <Enumeration value="1" label="NOMINAL" />
        </EnumerationList>
      </EnumeratedArgumentType>
    </ArgumentTypeSet>
    <MetaCommandSet>
      <MetaCommand name="zen-tc" abstract="true">
        <BaseMetaCommand metaCommandRef="/PUS/pus-tc">
          <ArgumentAssignmentList>
            <ArgumentAssignment argumentName="type" argumentValue="200" />
          </ArgumentAssignmentList>
        </BaseMetaCommand>
        <CommandContainer name="zen-tc"><EntryList /></CommandContainer>
      </MetaCommand>
      <MetaCommand name="SET_HEATER" shortDescription="Set a heater's temperature set-point">
        <BaseMetaCommand metaCommandRef="zen-tc">
          <ArgumentAssignmentList>
            <ArgumentAssignment argumentName="subtype" argumentValue="1" />
          </ArgumentAssignmentList>
        </BaseMetaCommand>
        <ArgumentList>
          <Argument argumentTypeRef="heater_id" name="heater" />
          <Argument argumentTypeRef="setpoint_type" name="setpoint" initialValue="20" />
        </ArgumentList>
        <CommandContainer name="SET_HEATER">
          <EntryList>
            <ArgumentRefEntry argumentRef="heater" />
            <ArgumentRefEntry argumentRef="setpoint" />
          </EntryList>
          <BaseContainer containerRef="zen-tc" />
        </CommandContainer>
      </MetaCommand>
      <MetaCommand name="SET_MODE" shortDescription="Change the spacecraft mode">
        <BaseMetaCommand metaCommandRef="zen-tc">
          <ArgumentAssignmentList>
            <ArgumentAssignment argumentName="subtype" argumentValue="2" />
          </ArgumentAssignmentList>
        </BaseMetaCommand>
        <ArgumentList>
          <Argument argumentTypeRef="mode_type" name="mode" />
        </ArgumentList>
        <CommandContainer name="SET_MODE">
          <EntryList><ArgumentRefEntry argumentRef="mode" /></EntryList>
          <BaseContainer containerRef="zen-tc" />
        </CommandContainer>
      </MetaCommand>
      <MetaCommand name="DEPLOY_BOOM" shortDescription="Deploy the magnetometer boom (irreversible)">
        <BaseMetaCommand metaCommandRef="zen-tc">
          <ArgumentAssignmentList>
            <ArgumentAssignment argumentName="subtype" argumentValue="3" />
          </ArgumentAssignmentList>
        </BaseMetaCommand>
        <CommandContainer name="DEPLOY_BOOM">
          <EntryList />
          <BaseContainer containerRef="zen-tc" />
        </CommandContainer>
        <DefaultSignificance consequenceLevel="critical" reasonForWarning="irreversible" />
      </MetaCommand>
    </MetaCommandSet>
  </CommandMetaData>
</SpaceSystem>
`;

let cached: MissionDatabase | undefined;

/** dt, pus and pus17 of the Yamcs PUS example, then ZEN_XTCE; fails on any problem. */
export function testMdb(): MissionDatabase {
  if (cached !== undefined) return cached;
  const files = ['dt.xml', 'pus.xml', 'pus17.xml'].map((f) => ({ name: f, text: readFileSync(resolve(PUS_DIR, f), 'utf8') }));
  const { mdb, problems } = loadMdb([...files, { name: 'zen.xml', text: ZEN_XTCE }]);
  if (problems.length > 0) throw new Error(`test MDB: ${problems.map((p) => p.describe()).join('; ')}`);
  cached = mdb;
  return mdb;
}

export type FakeAnswer = 'ack' | 'nak' | 'silent';

/** An uplink held in memory: what a station would do, without a socket. */
export class FakeUplink implements TcCltuLink {
  readonly sent: Uint8Array[] = [];
  answer: FakeAnswer = 'ack';
  linkStatus: LinkStatus = 'ok';
  /** Called after the CLTU is recorded and before the send resolves (a test may crash the process here). */
  beforeResolve: ((cltu: Uint8Array) => void) | undefined;
  private readonly count: TcLinkCounters = zeroTcLinkCounters();
  private readonly silent: ((ack: GroundAck) => void)[] = [];

  constructor(
    readonly name: string,
    readonly station: string,
    private readonly clock: Clock,
  ) {}

  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  status(): LinkStatus {
    return this.linkStatus;
  }
  statusDetail(): string {
    return `fake ${this.linkStatus}`;
  }
  counters(): Readonly<TcLinkCounters> {
    return { ...this.count };
  }
  info(): TcLinkInfo {
    return { name: this.name, transport: 'tcp', direction: 'uplink', station: this.station, status: this.linkStatus, statusDetail: this.statusDetail(), counters: this.counters() };
  }
  disable(): Promise<void> {
    this.linkStatus = 'disabled';
    return Promise.resolve();
  }
  enable(): Promise<void> {
    this.linkStatus = 'ok';
    return Promise.resolve();
  }
  onStatus(_listener: LinkStatusListener): void {
    // The fake never changes status by itself.
  }

  send(cltu: Uint8Array): Promise<CltuTransmission> {
    if (this.linkStatus !== 'ok') return Promise.reject(new ZenithError('TC_LINK_DOWN', `fake uplink ${this.name} is ${this.linkStatus}`));
    this.sent.push(cltu);
    this.beforeResolve?.(cltu);
    const sentTimeMs = this.clock.nowMs();
    const answer = this.answer;
    const acknowledged = new Promise<GroundAck>((resolve) => {
      if (answer === 'ack') resolve({ ok: true, timeMs: sentTimeMs });
      else if (answer === 'nak') resolve({ ok: false, timeMs: sentTimeMs, reason: 'the station is not radiating' });
      else this.silent.push(resolve);
    });
    return Promise.resolve({ sequence: this.sent.length - 1, sentTimeMs, acknowledged });
  }
}

/** Waits until `predicate` holds, checking every 5 ms (real time); fails after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A clock the test moves by hand; timers on it look again every `pollMs` real milliseconds. */
export class ManualClock implements Clock {
  readonly speed = 1;
  constructor(
    public now: number,
    private readonly pollMs = 2,
  ) {}
  nowMs(): number {
    return this.now;
  }
  realDelayMs(simulatedMs: number): number {
    return simulatedMs <= 0 ? 0 : this.pollMs;
  }
}

export { PG_TEST_URL, testArchivePlace } from '../archive/index.ts';
export type { ArchiveKind, TestArchivePlace } from '../archive/index.ts';
