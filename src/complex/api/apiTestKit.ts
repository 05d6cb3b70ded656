// Test support for the API (used by its tests and benchmark only): the demo mission, a mission
// database made of the Yamcs PUS example (reference data) and a small spacecraft database written
// here, a real archive (SQLite in a temporary folder, or a fresh schema on the PostgreSQL test
// server), the in-memory bus, the real telemetry and command pipelines, and a small flight-dynamics
// stand-in on the pass search of src/core/passes.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { loadMdb } from '../../core/mdb/index.ts';
import type { MissionDatabase } from '../../core/mdb/index.ts';
import { parseElements } from '../../core/orbit/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { ephemerisFromElements, findPasses } from '../../core/passes/index.ts';
import { openArchive, testArchivePlace } from '../archive/index.ts';
import type { AlarmRecord, Archive } from '../archive/index.ts';
import { openBus } from '../bus/index.ts';
import type { LinkInfo } from '../links/index.ts';
import { loadMission } from '../mission/index.ts';
import type { Mission } from '../mission/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import { passStationOf } from '../fd/index.ts';
import { CommandService, WindowContactSource } from '../tc/index.ts';
import { TmService } from '../tm/index.ts';
import type { ApiDeps, ApiFlightDynamics, ApiTelemetry, ContactView, ElementsUpload, PassView } from './ApiDeps.ts';
import type { ApiUser } from './authentication.ts';
import { createApiServer } from './createApiServer.ts';
import type { ApiServer, ApiServerOptions } from './createApiServer.ts';

/** For tests of the API that are not about authentication: everyone is this operator. */
export const DEFAULT_USER: ApiUser = { name: 'operator', roles: ['viewer', 'operator'] };

/** Simulated time of the tests: two days after the demo fleet's element epochs. */
export const T0 = Date.UTC(2026, 5, 12, 0, 0, 0);
const DEG = Math.PI / 180;

/** A small spacecraft database: housekeeping of ZEN-EO, and two commands on the Yamcs PUS base command. */
export const API_TEST_XTCE = `<?xml version="1.0" encoding="UTF-8"?>
<SpaceSystem name="ZEN-EO" xmlns="http://www.omg.org/spec/XTCE/20180204">
  <TelemetryMetaData>
    <ParameterTypeSet>
      <FloatParameterType name="volts" sizeInBits="32">
        <UnitSet><Unit>V</Unit></UnitSet>
        <FloatDataEncoding sizeInBits="32" />
        <DefaultAlarm><StaticAlarmRanges><WarningRange minInclusive="24.5" maxInclusive="30.0" /></StaticAlarmRanges></DefaultAlarm>
      </FloatParameterType>
      <IntegerParameterType name="seconds" signed="false" sizeInBits="32">
        <UnitSet><Unit>s</Unit></UnitSet>
        <IntegerDataEncoding sizeInBits="32" />
      </IntegerParameterType>
      <EnumeratedParameterType name="mode">
        <IntegerDataEncoding sizeInBits="8" />
        <EnumerationList><Enumeration value="0" label="SAFE" /><Enumeration value="1" label="NOMINAL" /></EnumerationList>
      </EnumeratedParameterType>
    </ParameterTypeSet>
  </TelemetryMetaData>
  <SpaceSystem name="EPS">
    <TelemetryMetaData>
      <ParameterSet>
        <Parameter name="BATT_V" parameterTypeRef="/ZEN-EO/volts" shortDescription="Battery voltage" />
        <Parameter name="BUS_V" parameterTypeRef="/ZEN-EO/volts" shortDescription="Main bus voltage" />
      </ParameterSet>
    </TelemetryMetaData>
  </SpaceSystem>
  <SpaceSystem name="OBC">
    <TelemetryMetaData>
      <ParameterSet>
        <Parameter name="UPTIME" parameterTypeRef="/ZEN-EO/seconds" shortDescription="Time since boot" />
        <Parameter name="MODE" parameterTypeRef="/ZEN-EO/mode" shortDescription="Spacecraft mode" />
      </ParameterSet>
    </TelemetryMetaData>
  </SpaceSystem>
  <CommandMetaData>
    <ArgumentTypeSet>
      <EnumeratedArgumentType name="heater"><IntegerDataEncoding sizeInBits="8" /><EnumerationList><Enumeration value="1" label="BATTERY" /><Enumeration value="2" label="PROPULSION" /></EnumerationList></EnumeratedArgumentType>
      <FloatArgumentType name="celsius" sizeInBits="32"><UnitSet><Unit>degC</Unit></UnitSet><FloatDataEncoding sizeInBits="32" /><ValidRange minInclusive="-20" maxInclusive="40" /></FloatArgumentType>
      <IntegerArgumentType name="delay" signed="false"><UnitSet><Unit>s</Unit></UnitSet><IntegerDataEncoding sizeInBits="16" /></IntegerArgumentType>
    </ArgumentTypeSet>
    <MetaCommandSet>
      <!-- PUS service 200 (mission specific) on the Yamcs PUS telecommand header -->
      <MetaCommand name="mission-tc" abstract="true">
        <BaseMetaCommand metaCommandRef="/PUS/pus-tc"><ArgumentAssignmentList><ArgumentAssignment argumentName="type" argumentValue="200" /></ArgumentAssignmentList></BaseMetaCommand>
        <CommandContainer name="mission-tc"><EntryList /></CommandContainer>
      </MetaCommand>
      <MetaCommand name="HEATER_SETPOINT" shortDescription="Heater set-point">
        <BaseMetaCommand metaCommandRef="mission-tc"><ArgumentAssignmentList><ArgumentAssignment argumentName="subtype" argumentValue="7" /></ArgumentAssignmentList></BaseMetaCommand>
        <ArgumentList><Argument argumentTypeRef="heater" name="heater" /><Argument argumentTypeRef="celsius" name="setpoint" initialValue="15" /></ArgumentList>
        <CommandContainer name="HEATER_SETPOINT"><EntryList><ArgumentRefEntry argumentRef="heater" /><ArgumentRefEntry argumentRef="setpoint" /></EntryList><BaseContainer containerRef="mission-tc" /></CommandContainer>
      </MetaCommand>
      <MetaCommand name="REBOOT" shortDescription="Reboot the on-board computer">
        <BaseMetaCommand metaCommandRef="mission-tc"><ArgumentAssignmentList><ArgumentAssignment argumentName="subtype" argumentValue="9" /></ArgumentAssignmentList></BaseMetaCommand>
        <ArgumentList><Argument argumentTypeRef="delay" name="delay" initialValue="0" /></ArgumentList>
        <CommandContainer name="REBOOT"><EntryList><ArgumentRefEntry argumentRef="delay" /></EntryList><BaseContainer containerRef="mission-tc" /></CommandContainer>
      </MetaCommand>
    </MetaCommandSet>
  </CommandMetaData>
</SpaceSystem>
`;

let cachedMdb: MissionDatabase | undefined;

/** dt, pus and pus17 of the Yamcs PUS example, then API_TEST_XTCE; fails on any problem. */
export function apiTestMdb(): MissionDatabase {
  if (cachedMdb !== undefined) return cachedMdb;
  const dir = resolve('../shared/data/xtce/yamcs-pus-example');
  const files = ['dt.xml', 'pus.xml', 'pus17.xml'].map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  const { mdb, problems } = loadMdb([...files, { name: 'zen-eo.xml', text: API_TEST_XTCE }]);
  if (problems.length > 0) throw new Error(`API test MDB: ${problems.map((p) => p.describe()).join('; ')}`);
  cachedMdb = mdb;
  return mdb;
}

/** Flight dynamics from the mission's element sets and uploads kept in the archive; passes by src/core/passes. */
export class TestFlightDynamics implements ApiFlightDynamics {
  constructor(
    private readonly mission: Mission,
    private readonly archive: Archive,
    private readonly nowMs: () => number,
  ) {}

  async currentElements(): Promise<ElementSet[]> {
    const stored = await this.archive.latestElementSets({ catalogIds: this.mission.spacecraft.map((s) => s.catalogId) });
    return this.mission.spacecraft.map((sc) => {
      const newer = stored.find((e) => e.catalogId === sc.catalogId && e.epochMs > sc.elements.epochMs);
      return newer ?? sc.elements;
    });
  }

  async passes(fromMs: number, toMs: number, filter: { readonly spacecraft?: string; readonly station?: string }): Promise<PassView[]> {
    const elements = await this.currentElements();
    const fleet = this.mission.spacecraft.filter((s) => filter.spacecraft === undefined || s.name === filter.spacecraft);
    const sources = fleet.flatMap((sc) => elements.filter((e) => e.catalogId === sc.catalogId).map((e) => ephemerisFromElements(e)));
    const stations = this.mission.stations.filter((s) => filter.station === undefined || s.name === filter.station).map(passStationOf);
    const { passes } = findPasses(sources, stations, fromMs, toMs);
    return passes.map((p) => {
      const sc = fleet.find((s) => s.catalogId === p.objectId);
      const spacecraft = sc?.name ?? String(p.objectId);
      return {
        id: `${spacecraft}:${p.stationName}:${Math.round(p.aosMs)}`,
        spacecraft,
        catalogId: p.objectId,
        station: p.stationName,
        aosMs: p.aosMs,
        tcaMs: p.tcaMs,
        losMs: p.losMs,
        maxElevationDeg: p.maxElevationRad / DEG,
        aosAzimuthDeg: p.aosAzimuthRad / DEG,
        losAzimuthDeg: p.losAzimuthRad / DEG,
        planned: false,
      };
    });
  }

  async contacts(fromMs: number, toMs: number): Promise<ContactView[]> {
    const now = this.nowMs();
    const contacts = await this.archive.contacts({ fromMs, toMs });
    return contacts.map((c) => ({
      id: `${c.spacecraft}:${c.station}:${c.startMs}`,
      spacecraft: c.spacecraft,
      station: c.station,
      aosMs: c.startMs,
      losMs: c.endMs,
      maxElevationDeg: typeof c.details?.['maxElevationDeg'] === 'number' ? c.details['maxElevationDeg'] : 0,
      state: now >= c.endMs ? 'done' : now >= c.startMs ? 'active' : 'planned',
    }));
  }

  async uploadElements(text: string): Promise<ElementsUpload> {
    const parsed = parseElements(text, { file: 'upload' });
    if (parsed.elements.length > 0) await this.archive.storeElementSets(parsed.elements);
    return { accepted: parsed.elements.length, problems: parsed.problems };
  }
}

/**
 * The telemetry pipeline (real: alarms are acknowledged and published as in operations) with a
 * list of link snapshots a test may fill, since no station links run here.
 */
export class TestTelemetry implements ApiTelemetry {
  readonly links: LinkInfo[] = [];

  constructor(readonly service: TmService) {}

  acknowledgeAlarm(id: number, by: string, comment?: string): Promise<AlarmRecord> {
    return comment === undefined ? this.service.acknowledgeAlarm(id, by) : this.service.acknowledgeAlarm(id, by, comment);
  }

  spacecraftOfParameter(name: string): string | undefined {
    return this.service.spacecraftOfParameter(name);
  }

  linkInfo(): readonly LinkInfo[] {
    return [...this.service.linkInfo(), ...this.links];
  }
}

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

export interface TestApi extends ApiServer {
  readonly deps: ApiDeps;
  readonly clock: ScaledClock;
  readonly telemetry: TestTelemetry;
  readonly commandService: CommandService;
  /** Stops the server and services and removes the archive. */
  close(): Promise<void>;
}

/** A fresh archive of the kind asked for, and how to remove it. */
async function freshArchive(backend: Backend): Promise<{ archive: Archive; remove: () => Promise<void> }> {
  const place = testArchivePlace(backend, 'api');
  const archive = await openArchive(place.url);
  return {
    archive,
    remove: async () => {
      await archive.close();
      await place.remove();
    },
  };
}

/** The API on a fresh archive with the demo mission, at T0 (speed 1 unless asked). */
export async function openTestApi(backend: Backend = 'sqlite', options: Partial<ApiServerOptions> & { readonly speed?: number } = {}): Promise<TestApi> {
  const { archive, remove } = await freshArchive(backend);
  const bus = await openBus('memory:');
  const clock = new ScaledClock({ startMs: T0, speed: options.speed ?? 1 });
  const mission = loadMission(resolve('missions/demo'));
  const mdb = apiTestMdb();
  const tm = new TmService({ archive, bus, clock, spacecraft: [{ name: 'ZEN-EO', spacecraftId: 101, mdb, frameLength: 1115 }] });
  await tm.start();
  const telemetry = new TestTelemetry(tm);
  const commandService = new CommandService({
    archive,
    bus,
    clock,
    contacts: new WindowContactSource([]),
    spacecraft: mission.spacecraft.map((s) => ({ name: s.name, spacecraftId: s.spacecraftId, mdb, apid: 100 })),
    links: [],
    criticalCommands: ['/ZEN-EO/REBOOT'],
    tmPacketSubject: null,
    onError: () => undefined,
  });
  await commandService.start();
  const deps: ApiDeps = {
    clock,
    archive,
    bus,
    mission,
    mdb,
    telemetry,
    commands: commandService,
    flightDynamics: new TestFlightDynamics(mission, archive, () => clock.nowMs()),
  };
  const server = await createApiServer(deps, { version: 'test', authenticate: () => DEFAULT_USER, ...options });
  return {
    ...server,
    deps,
    clock,
    telemetry,
    commandService,
    close: async () => {
      await server.app.close();
      await commandService.stop();
      await tm.stop();
      await bus.close();
      await remove();
    },
  };
}

/** Messages of one WebSocket client, with waiting for the next one that matches. */
export class WsClient {
  readonly messages: Record<string, unknown>[] = [];
  private waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  private seen = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  static open(url: string): Promise<WsClient> {
    return new Promise((resolveOpen, reject) => {
      const socket = new WebSocket(url);
      const client = new WsClient(socket);
      socket.once('open', () => { resolveOpen(client); });
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message (not returned before) that matches, waiting up to `timeoutMs`. */
  next(match: (m: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>> {
    for (let i = this.seen; i < this.messages.length; i++) {
      const m = this.messages[i];
      if (m !== undefined && match(m)) {
        this.messages.splice(i, 1);
        return Promise.resolve(m);
      }
    }
    return new Promise((resolveNext, reject) => {
      const timer = setTimeout(() => { reject(new Error(`no matching WebSocket message within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 400)}`)); }, timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolveNext(m);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolveClose) => {
      if (this.socket.readyState === WebSocket.CLOSED) {
        resolveClose();
        return;
      }
      this.socket.once('close', () => { resolveClose(); });
      this.socket.close();
    });
  }
}
