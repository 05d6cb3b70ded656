// The telemetry pipeline as a service (DESIGN.md, "Data as it flows"): links -> frames stored and
// acknowledged -> bus `tm.frame` -> frame checks and packets -> mission-database decoding -> limit
// checks -> alarms -> parameter values archived -> bus `tm.param`, `alarm`, `event` for live
// subscriptions. Ingest (links and frame store) and processing can run in separate processes
// joined by a NATS bus; by default one process does both.
import type { AlarmRecord, Archive, FrameRecord } from '../archive/index.ts';
import type { Bus, BusMessage, Subscription } from '../bus/index.ts';
import { toJson } from '../bus/index.ts';
import type { LinkInfo, TmFrameLink } from '../links/index.ts';
import { ScaledClock, startAll, stopAll } from '../runtime/index.ts';
import type { Clock, Service } from '../runtime/index.ts';
import { AlarmManager } from './AlarmManager.ts';
import { BatchWriter } from './BatchWriter.ts';
import type { ParameterRecord } from '../archive/index.ts';
import { EventLog } from './EventLog.ts';
import { FrameProcessor, addTmCounters, crossedLimit, zeroTmCounters } from './FrameProcessor.ts';
import type { DecodedPacket, TmCounters, TmSpacecraft } from './FrameProcessor.ts';
import { decodeFrameRecord } from './frameRecordCodec.ts';
import type { FrameStoreCounters } from './FrameStore.ts';
import { FrameStore } from './FrameStore.ts';
import { alarmMessage, paramMessage } from './messages.ts';
import { TM_FRAME_ALL, alarmSubject, linkSubject, tmParamSubject } from './subjects.ts';

export interface TmServiceOptions {
  readonly archive: Archive;
  readonly bus: Bus;
  readonly spacecraft: readonly TmSpacecraft[];
  /** Station links feeding this process (none: a processing-only process). */
  readonly links?: readonly TmFrameLink[];
  /** Decode the frames on `tm.frame` (default true; false for an ingest-only front-end). */
  readonly process?: boolean;
  readonly clock?: Clock;
  /** Frames per archive transaction at most (default 500). */
  readonly frameBatch?: number;
  /** Parameter values per archive transaction at most (default 2000: a transaction blocks the thread on SQLite). */
  readonly parameterBatch?: number;
  /** Frames stored but not yet processed beyond which ingest waits (default 5000; in-process only). */
  readonly maxBacklog?: number;
}

export interface TmServiceCounters {
  readonly frameStore: Readonly<FrameStoreCounters>;
  readonly links: readonly LinkInfo[];
  /** Processing counters per spacecraft, and their sum. */
  readonly spacecraft: Readonly<Record<string, TmCounters>>;
  readonly total: TmCounters;
  /** Frames on `tm.frame` of a spacecraft this process does not know. */
  readonly unknownSpacecraft: number;
  /** Parameter-value batches the archive refused or failed to store (values were still published). */
  readonly parameterStoreFailures: number;
  readonly alarmFailures: number;
  readonly activeAlarms: number;
}

/** Longest stretch of frame processing without letting I/O in. */
const YIELD_EVERY_MS = 15;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TmService implements Service {
  readonly name = 'tm';
  readonly frameStore: FrameStore;
  readonly events: EventLog;
  private readonly alarms: AlarmManager;
  private readonly processors = new Map<string, FrameProcessor>();
  private readonly links: readonly TmFrameLink[];
  private readonly parameters: BatchWriter<ParameterRecord>;
  private readonly clock: Clock;
  private readonly maxBacklog: number;
  private subscription: Subscription | undefined;
  private framesProcessed = 0;
  private lastYieldMs = 0;
  private unknownSpacecraft = 0;
  private parameterStoreFailures = 0;
  private alarmFailures = 0;
  private startedLinks: (() => Promise<void>) | undefined;

  constructor(private readonly options: TmServiceOptions) {
    this.clock = options.clock ?? new ScaledClock();
    this.maxBacklog = options.maxBacklog ?? 5000;
    for (const sc of options.spacecraft) {
      if (this.processors.has(sc.name)) throw new TypeError(`spacecraft ${sc.name} is given twice to the telemetry service`);
      this.processors.set(sc.name, new FrameProcessor(sc));
    }
    this.links = options.links ?? [];
    const linkNames = new Set<string>();
    for (const link of this.links) {
      if (linkNames.has(link.name)) throw new TypeError(`link name ${link.name} is used twice`);
      linkNames.add(link.name);
    }
    this.frameStore = new FrameStore({
      archive: options.archive,
      bus: options.bus,
      ...(options.frameBatch === undefined ? {} : { maxBatch: options.frameBatch }),
      throttle: () => (options.process === false ? undefined : this.waitForProcessing()),
    });
    this.parameters = new BatchWriter((batch) => options.archive.storeParameters(batch).then(() => undefined), options.parameterBatch ?? 2000);
    this.events = new EventLog(options.archive, options.bus, this.clock);
    this.alarms = new AlarmManager({
      archive: options.archive,
      spacecraftOf: (subject) => this.spacecraftOfParameter(subject) ?? null,
      onChange: (alarm, spacecraft, change) => {
        this.onAlarm(alarm, spacecraft, change);
      },
      onError: (error) => {
        this.alarmFailures++;
        this.events.emit('tm', 'warning', 'alarm-store-failed', `an alarm change could not be stored: ${(error as Error).message}`);
      },
    });
  }

  async start(): Promise<void> {
    if (this.options.process !== false) {
      await this.alarms.load();
      this.subscription = this.options.bus.subscribe(TM_FRAME_ALL, (message) => this.onFrame(message));
    }
    for (const link of this.links) {
      link.attach(this.frameStore);
      link.onStatus((status, detail) => {
        const severity = status === 'failed' ? 'warning' : 'info';
        this.events.emit(link.name, severity, 'link-status', `link ${link.name} (${link.station}) is ${status}: ${detail}`);
        this.options.bus.publish(linkSubject(link.name), toJson(link.info()));
      });
      link.onProblem((message) => {
        this.events.emit(link.name, 'warning', 'link-problem', message);
      });
    }
    this.startedLinks = await startAll(this.links);
  }

  async stop(): Promise<void> {
    const errors: unknown[] = [];
    try {
      await (this.startedLinks ?? (() => stopAll(this.links)))();
    } catch (error) {
      errors.push(error);
    }
    this.startedLinks = undefined;
    await this.idle(10_000).catch((error: unknown) => errors.push(error));
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (errors.length > 0) throw new AggregateError(errors, 'the telemetry service did not stop cleanly');
  }

  /** The links of this process, with status and counters. */
  linkInfo(): LinkInfo[] {
    return this.links.map((l) => l.info());
  }

  link(name: string): TmFrameLink | undefined {
    return this.links.find((l) => l.name === name);
  }

  counters(): TmServiceCounters {
    const spacecraft: Record<string, TmCounters> = {};
    const total = zeroTmCounters();
    for (const [name, p] of this.processors) {
      const c = p.counters();
      spacecraft[name] = c;
      addTmCounters(total, c);
    }
    return {
      frameStore: { ...this.frameStore.counters },
      links: this.linkInfo(),
      spacecraft,
      total,
      unknownSpacecraft: this.unknownSpacecraft,
      parameterStoreFailures: this.parameterStoreFailures,
      alarmFailures: this.alarmFailures,
      activeAlarms: this.alarms.activeCount,
    };
  }

  /** The spacecraft whose database (with its prefix) holds the parameter of this archive name. */
  spacecraftOfParameter(name: string): string | undefined {
    for (const [sc, p] of this.processors) if (p.parameterOf(name) !== undefined) return sc;
    return undefined;
  }

  /** An operator acknowledges an alarm (a ZenithError ARCHIVE_NOT_FOUND for an unknown id). */
  acknowledgeAlarm(id: number, by: string, comment?: string): Promise<AlarmRecord> {
    return this.alarms.acknowledge(id, { by, timeMs: this.clock.nowMs(), ...(comment === undefined ? {} : { comment }) });
  }

  /**
   * Resolves once every frame received so far is stored, processed, its values stored and
   * published, and alarm and event changes stored. For tests, benchmarks and an orderly stop.
   */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.frameStore.idle();
      await this.options.bus.flush();
      if (this.options.process !== false) {
        while (this.framesProcessed < this.frameStore.counters.published) {
          if (Date.now() > deadline) throw new Error(`telemetry still processing after ${timeoutMs} ms`);
          await sleep(2);
        }
      }
      await this.parameters.idle();
      await this.alarms.idle();
      await this.events.idle();
      if (this.frameStore.backlog === 0 && this.parameters.backlog === 0) return;
    }
  }

  private async waitForProcessing(): Promise<void> {
    while (this.frameStore.counters.published - this.framesProcessed > this.maxBacklog || this.parameters.backlog > 50 * (this.options.parameterBatch ?? 2000)) {
      await sleep(2);
    }
  }

  private onFrame(message: BusMessage): Promise<void> | undefined {
    this.process(message);
    // The in-process bus delivers a backlog in one run of microtasks: give sockets and timers a
    // turn now and then, so links keep reading and acknowledging while a backlog is worked off.
    const now = performance.now();
    if (now - this.lastYieldMs < YIELD_EVERY_MS) return undefined;
    this.lastYieldMs = now;
    return new Promise((resolve) => setImmediate(resolve));
  }

  private process(message: BusMessage): void {
    this.framesProcessed++;
    let frame: FrameRecord;
    try {
      frame = decodeFrameRecord(message.data);
    } catch {
      this.unknownSpacecraft++;
      return;
    }
    const processor = this.processors.get(frame.spacecraft);
    if (processor === undefined) {
      this.unknownSpacecraft++;
      return;
    }
    for (const packet of processor.process(frame)) this.onPacket(processor, packet);
  }

  private onPacket(processor: FrameProcessor, packet: DecodedPacket): void {
    const records = packet.parameters.map((p) => p.record);
    const publish = (): void => {
      this.options.bus.publish(tmParamSubject(packet.spacecraft), toJson(paramMessage(packet)));
    };
    // Published after the commit: a client told of a value finds it in the archive.
    this.parameters.add(records).then(publish, () => {
      this.parameterStoreFailures++;
      publish();
    });
    for (const { record, parameter } of packet.parameters) {
      if (record.monitoring === null) continue;
      const limit = crossedLimit(parameter.type, record.monitoring, record.eng);
      this.alarms.observe(record.parameter, processor.spacecraft.name, record.monitoring, record.eng, limit, record.generationTimeMs);
    }
  }

  private onAlarm(alarm: AlarmRecord, spacecraft: string | null, change: 'raised' | 'updated' | 'acknowledged' | 'cleared'): void {
    const message = alarmMessage(alarm, spacecraft, change);
    this.options.bus.publish(alarmSubject(spacecraft ?? 'unknown'), toJson(message));
    if (change === 'raised') {
      this.events.emit('alarms', alarm.severity, 'alarm-raised', `${alarm.subject} is ${alarm.severity}: value ${String(message.value)}, limit ${String(message.limit)}`, alarm.raisedMs);
    } else if (change === 'cleared') {
      this.events.emit('alarms', 'info', 'alarm-cleared', `${alarm.subject} is back within limits`, alarm.clearedMs ?? alarm.updatedMs);
    }
  }
}
