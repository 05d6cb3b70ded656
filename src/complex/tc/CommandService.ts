// The command pipeline (DESIGN.md, "Commands"): queue a command from the mission database with
// checked arguments, release it now, at a time or at the next contact, encode it (packet, TC frame,
// CLTU), send it through the uplink of the station in contact, and follow its verification stages
// (ground acknowledgement, PUS service 1 acceptance and execution) into the command history.
//
// At most once: the stage `sent` is claimed in the archive (status pending) before the CLTU is
// written; a claim exists at most once per command, and a command found with a pending claim on
// start is marked failed, never sent again.
import { randomUUID } from 'node:crypto';
import { ZenithError } from '../../core/errors/index.ts';
import { encodeCommand } from '../../core/mdb/index.ts';
import type { MetaCommand } from '../../core/mdb/index.ts';
import type { Archive, CommandRecord, CommandStage, StageStatus } from '../archive/index.ts';
import { toJson } from '../bus/index.ts';
import type { Subscription } from '../bus/index.ts';
import type { TcCltuLink } from '../links/index.ts';
import type { Service } from '../runtime/index.ts';
import { ClockTimers } from './ClockTimers.ts';
import type { TimerHandle } from './ClockTimers.ts';
import { commandCatalog, openArguments } from './commandCatalog.ts';
import type { CatalogCommand } from './commandCatalog.ts';
import { APPROVAL_STAGE, START_STAGE, commandState, commandView, isFinal, sortStages } from './CommandView.ts';
import type { CommandView } from './CommandView.ts';
import { checkVerifier, verifierMatches } from './parameterVerifier.ts';
import type { ParameterSnapshot } from './parameterVerifier.ts';
import { readPus1Report } from './pus1Report.ts';
import { argumentsAsJson, checkRequest } from './queueRequest.ts';
import type { QueueRequest } from './queueRequest.ts';
import { DEFAULT_TIMEOUTS } from './tcOptions.ts';
import type { CommandServiceOptions, StageTimeouts, TcSpacecraft } from './tcOptions.ts';
import { SequenceCounts, TcFramer, finishPacket, maxPacketLength, requestIdOf } from './uplinkEncoding.ts';

/** The bus subject of command updates (a CommandView per message). */
export const TC_COMMAND_SUBJECT = 'tc.command';

const GROUND_ACK = 'ground-ack';
const ACCEPTANCE = 'onboard-acceptance';
const EXECUTION = 'execution';
const DAY_MS = 86_400_000;
/** The last time JavaScript can hold (ECMA-262 §21.4.1.1). */
const MAX_TIME_MS = 8.64e15;

interface SpacecraftState {
  readonly config: TcSpacecraft;
  readonly counts: SequenceCounts;
  readonly framer: TcFramer;
}

/** A command the service still acts on: waiting for release, being sent, or being verified. */
interface Active {
  record: CommandRecord;
  readonly timers: TimerHandle[];
  /** Stage writes of one command go to the archive one after another, in the order made. */
  writes: Promise<void>;
  requestKey?: string;
  releasing: boolean;
  /** When the CLTU went, once it did. */
  sentMs?: number;
}

export type CommandListener = (command: CommandView) => void;

export class CommandService implements Service {
  readonly name = 'tc';
  private readonly archive: Archive;
  private readonly timers: ClockTimers;
  private readonly spacecraft = new Map<string, SpacecraftState>();
  private readonly links = new Map<string, TcCltuLink>();
  private readonly active = new Map<string, Active>();
  /** `spacecraft/apid/sequenceCount` of sent commands awaiting on-board reports -> command id. */
  private readonly byRequest = new Map<string, string>();
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly listeners: CommandListener[] = [];
  private readonly criticalNames: ReadonlySet<string>;
  private subscription: Subscription | undefined;
  private paramSubscription: Subscription | undefined;
  private running = false;

  constructor(private readonly options: CommandServiceOptions) {
    this.archive = options.archive;
    this.timers = new ClockTimers(options.clock);
    for (const sc of options.spacecraft) {
      if (this.spacecraft.has(sc.name)) throw new RangeError(`tc: spacecraft ${sc.name} is configured twice`);
      this.spacecraft.set(sc.name, { config: sc, counts: new SequenceCounts(), framer: new TcFramer({ ...sc, scid: sc.spacecraftId }) });
    }
    for (const link of options.links) {
      if (this.links.has(link.station)) throw new RangeError(`tc: station ${link.station} has two uplinks (${this.links.get(link.station)?.name ?? ''}, ${link.name})`);
      this.links.set(link.station, link);
    }
    this.criticalNames = new Set(options.criticalCommands ?? []);
    for (const [name, t] of Object.entries(options.commandTimeouts ?? {})) checkTimeouts(t, `commandTimeouts.${name}`);
    checkTimeouts(options.timeouts ?? {}, 'timeouts');
    for (const [name, list] of Object.entries(options.verifiers ?? {})) list.forEach((v, i) => { checkVerifier(v, `verifiers.${name}[${i}]`); });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Takes up unfinished commands from the archive, then listens for TM packets. */
  async start(): Promise<void> {
    this.running = true;
    await this.recover();
    const prefix = this.options.tmPacketSubject === undefined ? 'tm.packet' : this.options.tmPacketSubject;
    if (prefix !== null && this.options.bus !== undefined) {
      this.subscription = this.options.bus.subscribe(`${prefix}.*`, (message) => {
        this.handleTmPacket(subjectName(message.subject.slice(prefix.length + 1)), message.data);
      });
    }
    const params = this.options.tmParamSubject === undefined ? 'tm.param' : this.options.tmParamSubject;
    if (params !== null && this.options.bus !== undefined && Object.keys(this.options.verifiers ?? {}).length > 0) {
      this.paramSubscription = this.options.bus.subscribe(`${params}.*`, (message) => {
        const snapshot = message.json() as Partial<ParameterSnapshot> | null;
        if (typeof snapshot?.spacecraft === 'string' && typeof snapshot.receptionTimeMs === 'number' && Array.isArray(snapshot.parameters)) {
          this.handleParameters(snapshot as ParameterSnapshot);
        }
      });
    }
  }

  /** Stops timers and waits for writes under way; commands left unfinished are taken up by the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.timers.clear();
    await this.subscription?.unsubscribe();
    await this.paramSubscription?.unsubscribe();
    this.subscription = undefined;
    this.paramSubscription = undefined;
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    await Promise.allSettled([...this.active.values()].map((a) => a.writes));
    // Work that was under way may have set timers since.
    this.timers.clear();
    this.active.clear();
    this.byRequest.clear();
  }

  /** Called with every command update (as published on `tc.command`). */
  onUpdate(listener: CommandListener): void {
    this.listeners.push(listener);
  }

  // ---- queries ---------------------------------------------------------------------------

  /** What the spacecraft's mission database offers (docs/api.md `GET /api/commands`). */
  catalog(spacecraft: string): CatalogCommand[] {
    const sc = this.spacecraftState(spacecraft);
    return commandCatalog(sc.config.mdb, (c) => this.isCritical(c, spacecraft));
  }

  async command(id: string): Promise<CommandView | undefined> {
    const active = this.active.get(id);
    if (active !== undefined) return commandView(active.record);
    const record = await this.archive.command(id);
    return record === undefined ? undefined : commandView(record);
  }

  /** Commands queued in the range (default: any time), newest first, at most `limit` (default 1000). */
  async history(query: { readonly spacecraft?: string; readonly fromMs?: number; readonly toMs?: number; readonly limit?: number } = {}): Promise<CommandView[]> {
    const records = await this.archive.commands({
      fromMs: query.fromMs ?? 0,
      toMs: query.toMs ?? MAX_TIME_MS,
      newestFirst: true,
      limit: query.limit ?? 1000,
      ...(query.spacecraft === undefined ? {} : { spacecraft: query.spacecraft }),
    });
    return records.map((r) => commandView(this.active.get(r.id)?.record ?? r));
  }

  // ---- operator actions ------------------------------------------------------------------

  /**
   * Checks and encodes the command, stores it (stage `queued`) and arranges its release.
   * Bad input gets a ZenithError: TC_UNKNOWN_SPACECRAFT, TC_UNKNOWN_COMMAND, TC_BAD_ARGUMENT (the
   * argument in `context.field`, the valid range in the message), TC_BAD_REQUEST, TC_TOO_LONG.
   */
  async queue(request: QueueRequest): Promise<CommandView> {
    if (!this.running) throw new ZenithError('TC_STOPPED', 'the command pipeline is not running', {});
    const release = checkRequest(request);
    const sc = this.spacecraftState(request.spacecraft);
    if (request.id !== undefined) {
      const existing = await this.command(request.id);
      if (existing !== undefined) return existing;
    }
    const mdb = sc.config.mdb;
    const meta = mdb.command(request.name);
    if (meta === undefined) throw new ZenithError('TC_UNKNOWN_COMMAND', `expected the name of a command of ${request.spacecraft}'s mission database, found "${request.name}"`, { field: 'name' });
    const args = { ...(request.arguments ?? {}) };
    if (sc.config.apid !== undefined && !Object.hasOwn(args, 'apid') && openArguments(meta).some((a) => a.name === 'apid')) args['apid'] = sc.config.apid;
    // Throws TC_ABSTRACT_COMMAND, or TC_BAD_ARGUMENT naming the argument and what it accepts.
    const raw = encodeCommand(mdb, meta.qualifiedName, args);
    const limit = maxPacketLength(sc.framer.options);
    const length = raw.length + (sc.config.packetCrc === true ? 2 : 0);
    if (length > limit) {
      throw new ZenithError('TC_TOO_LONG', `${meta.qualifiedName}: expected a packet of at most ${limit} octets to fit one TC frame, found ${length}`, { field: 'arguments' });
    }
    // The sequence count is fixed now, so the archived packet is exactly what goes up and the
    // request ID that PUS reports will quote is known before release (docs/commanding.md).
    const packet = finishPacket(meta.qualifiedName, raw, sc.counts.take(requestIdOf(raw).apid), sc.config);
    const now = this.options.clock.nowMs();
    const record = await this.archive.queueCommand({
      id: request.id ?? randomUUID(),
      name: meta.qualifiedName,
      spacecraft: request.spacecraft,
      arguments: argumentsAsJson(request.arguments ?? {}),
      origin: request.origin ?? 'operator',
      queuedMs: now,
      releaseMode: release.mode,
      ...(release.atMs === undefined ? {} : { releaseAtMs: release.atMs }),
      binary: packet,
    });
    const active = this.track(record);
    if (this.isCritical(meta, request.spacecraft)) {
      await this.setStage(active, APPROVAL_STAGE, 'pending', now, 'critical command: waiting for approval');
    } else {
      this.publish(active);
      this.arrangeRelease(active);
    }
    return commandView(active.record);
  }

  /**
   * Approves a critical command waiting for approval; it then goes on to its release. `by` must
   * not be who queued it (TC_SELF_APPROVAL); the API checks that `by` is a flight director.
   */
  async approve(id: string, by: string): Promise<CommandView> {
    const active = this.activeCommand(id);
    const approval = stageOf(active.record, APPROVAL_STAGE);
    if (approval?.status !== 'pending') {
      throw new ZenithError('TC_NOT_AWAITING_APPROVAL', `command ${id} is ${commandState(active.record.stages)}, not awaiting approval`, { field: 'id', id });
    }
    // The two-person rule: whoever queued a critical command cannot also release it.
    if (by === active.record.origin) {
      throw new ZenithError('TC_SELF_APPROVAL', `command ${id} was queued by ${by}: expected approval by a different person, found the same`, { field: 'id', id });
    }
    const now = this.options.clock.nowMs();
    await this.setStage(active, APPROVAL_STAGE, 'ok', now, `approved by ${by}`);
    const r = active.record;
    if (r.releaseMode === 'time' && (r.releaseAtMs ?? now) < now) {
      await this.setStage(active, 'released', 'failed', now, 'approved after its release time');
      await this.failUnsent(active, now, 'not sent: approved after its release time; queue it again if it is still wanted');
    } else this.arrangeRelease(active);
    return commandView(active.record);
  }

  /**
   * Cancels a command not yet sent. The cancellation claims the stage `sent`, so it and a release
   * under way cannot both win: a command being sent can no longer be cancelled (TC_TOO_LATE).
   */
  async cancel(id: string, by: string): Promise<CommandView> {
    const active = this.activeCommand(id);
    const now = this.options.clock.nowMs();
    const claimed = await this.archive.claimCommandStage(id, { stage: 'sent', status: 'cancelled', timeMs: now, message: `cancelled by ${by}` });
    if (!claimed) {
      throw new ZenithError('TC_TOO_LATE', `command ${id} is ${commandState(active.record.stages)} and can no longer be cancelled`, { field: 'id', id });
    }
    this.putStage(active, { stage: 'sent', status: 'cancelled', timeMs: now, message: `cancelled by ${by}` });
    if (stageOf(active.record, APPROVAL_STAGE)?.status === 'pending') await this.setStage(active, APPROVAL_STAGE, 'cancelled', now, `cancelled by ${by}`);
    else this.publish(active);
    this.finish(active);
    return commandView(active.record);
  }

  // ---- verification ----------------------------------------------------------------------

  /**
   * Looks at one TM space packet of `spacecraft` for a PUS service 1 report on a command sent
   * (matched by the request's APID and sequence count). A per-packet path: never throws.
   */
  handleTmPacket(spacecraft: string, packet: Uint8Array): void {
    const sc = this.spacecraft.get(spacecraft);
    if (sc === undefined) return;
    const report = readPus1Report(packet, sc.config.pus);
    if (report === null) return;
    const id = this.byRequest.get(requestKey(spacecraft, report.requestApid, report.requestSequenceCount));
    const active = id === undefined ? undefined : this.active.get(id);
    if (active === undefined) return;
    const now = this.options.clock.nowMs();
    const code = report.failureCode === undefined ? '' : ` (failure code ${report.failureCode})`;
    const what = `TM[1,${report.subtype}]`;
    const pending = (stage: string): boolean => stageOf(active.record, stage)?.status === 'pending';
    this.run(async () => {
      if (report.stage === 'acceptance') {
        if (!pending(ACCEPTANCE)) return;
        await this.setStage(active, ACCEPTANCE, report.ok ? 'ok' : 'failed', now, `${what} acceptance ${report.ok ? 'success' : 'failure'}${code}`);
        if (!report.ok) await this.cancelPending(active, now, 'the spacecraft rejected the command');
      } else if (report.stage === 'start') {
        await this.setStage(active, START_STAGE, report.ok ? 'ok' : 'failed', now, `${what} start of execution ${report.ok ? 'success' : 'failure'}${code}`);
        if (!report.ok) await this.cancelPending(active, now, 'execution did not start');
      } else if (report.stage === 'execution') {
        if (!pending(EXECUTION)) return;
        // A completion report means the command was accepted, whether or not [1,1] came through.
        if (report.ok && pending(ACCEPTANCE)) await this.setStage(active, ACCEPTANCE, 'ok', now, `implied by ${what}`);
        await this.setStage(active, EXECUTION, report.ok ? 'ok' : 'failed', now, `${what} completion ${report.ok ? 'success' : 'failure'}${code}`);
        if (!report.ok) await this.cancelPending(active, now, 'execution failed');
      } else if (!report.ok && pending(EXECUTION)) {
        await this.setStage(active, EXECUTION, 'failed', now, `${what} progress failure${code}`);
      }
      this.finishIfDone(active);
    });
  }

  // ---- release and sending ---------------------------------------------------------------

  private arrangeRelease(active: Active): void {
    const r = active.record;
    if (r.releaseMode === 'time' && r.releaseAtMs !== undefined) {
      active.timers.push(this.timers.at(r.releaseAtMs, () => { this.run(() => this.release(active)); }));
    } else if (r.releaseMode === 'contact') {
      this.awaitContact(active);
    } else {
      this.run(() => this.release(active));
    }
  }

  private awaitContact(active: Active): void {
    const now = this.options.clock.nowMs();
    const spacecraft = active.record.spacecraft;
    if (this.options.contacts.currentContact(spacecraft, now) !== undefined) {
      this.run(() => this.release(active));
      return;
    }
    const next = this.options.contacts.nextContact(spacecraft, now);
    const recheck = now + (this.options.contactRecheckMs ?? 60_000);
    const atMs = next === undefined ? recheck : Math.min(next.aosMs, recheck);
    active.timers.push(this.timers.at(atMs, () => { this.awaitContact(active); }));
  }

  private async release(active: Active): Promise<void> {
    if (active.releasing || !this.running || !this.active.has(active.record.id)) return;
    active.releasing = true;
    const spacecraft = active.record.spacecraft;
    const now = this.options.clock.nowMs();
    const contact = this.options.contacts.currentContact(spacecraft, now);
    await this.setStage(active, 'released', 'ok', now, contact === undefined ? undefined : `in contact through ${contact.station}`);
    const link = contact === undefined ? undefined : this.links.get(contact.station);
    if (contact === undefined || link === undefined || link.status() !== 'ok') {
      const why =
        contact === undefined
          ? `no station is in contact with ${spacecraft}`
          : link === undefined
            ? `station ${contact.station} has no uplink`
            : `the uplink ${link.name} of ${contact.station} is ${link.status()}: ${link.statusDetail()}`;
      await this.failUnsent(active, now, `not sent: ${why}`);
      return;
    }
    const sc = this.spacecraftState(spacecraft);
    const packet = active.record.binary;
    if (packet === undefined) {
      await this.failUnsent(active, now, 'not sent: the archive holds no encoded packet for this command');
      return;
    }
    const uplinked = sc.framer.frame(packet);
    const claim: CommandStage = { stage: 'sent', status: 'pending', timeMs: now, message: `sending through ${link.name} (${contact.station}), frame N(S) ${uplinked.frameSequenceNumber}` };
    // The claim is durable before a single octet is written: this is the at-most-once point.
    if (!(await this.archive.claimCommandStage(active.record.id, claim))) {
      const stored = await this.archive.command(active.record.id);
      if (stored !== undefined) active.record = stored;
      this.publish(active);
      this.finish(active);
      return;
    }
    // Verification stages wait from here (in memory until the send is confirmed), so that a
    // report arriving before that is matched.
    const verified = [...this.windowsFor(active.record, sc.config).keys()];
    this.putStage(active, claim);
    for (const stage of verified) this.putStage(active, { stage, status: 'pending', timeMs: now });
    this.listen(active);
    this.publish(active);
    let transmission;
    try {
      transmission = await link.send(uplinked.cltu);
    } catch (error) {
      // The link wrote nothing (TC_LINK_DOWN): the command certainly did not go.
      active.record = { ...active.record, stages: active.record.stages.filter((s) => !verified.includes(s.stage)) };
      await this.setStage(active, 'sent', 'failed', this.options.clock.nowMs(), `not sent: ${(error as Error).message}`);
      this.finish(active);
      return;
    }
    const sentMs = transmission.sentTimeMs;
    active.sentMs = sentMs;
    const writes = [
      this.setStage(active, 'sent', 'ok', sentMs, `through ${link.name} (${contact.station}), frame N(S) ${uplinked.frameSequenceNumber}, ${uplinked.cltu.length}-octet CLTU`),
      ...verified.map((stage) => this.setStageIf(active, stage, 'pending', sentMs)),
    ];
    this.armTimeouts(active, sentMs);
    void transmission.acknowledged.then((ack) => {
      if (stageOf(active.record, GROUND_ACK)?.status !== 'pending') return;
      this.run(async () => {
        await this.setStage(active, GROUND_ACK, ack.ok ? 'ok' : 'failed', ack.timeMs, ack.ok ? `acknowledged by ${contact.station}` : ack.reason);
        if (!ack.ok) await this.cancelPending(active, ack.timeMs, 'the station did not take the command');
        this.finishIfDone(active);
      });
    });
    await Promise.all(writes);
  }

  /** Registers the command's request ID (APID, sequence count) for PUS service 1 reports. */
  private listen(active: Active): void {
    const packet = active.record.binary;
    if (packet === undefined) return;
    const { apid, sequenceCount } = requestIdOf(packet);
    active.requestKey = requestKey(active.record.spacecraft, apid, sequenceCount);
    this.byRequest.set(active.requestKey, active.record.id);
  }

  /**
   * How long each verification stage of this command may take from the send: the ground
   * acknowledgement, the PUS reports asked for, and the stages of its parameter verifiers (whose
   * window counts for a PUS stage they decide too).
   */
  private windowsFor(record: CommandRecord, sc: TcSpacecraft): Map<string, number> {
    const t = { ...DEFAULT_TIMEOUTS, ...this.options.timeouts, ...this.options.commandTimeouts?.[record.name] };
    const asked = sc.pusAckFlags === true && record.binary !== undefined ? (record.binary[6] ?? 0) & 0x0f : 0x0f;
    const windows = new Map<string, number>();
    if (t.groundAckMs !== null) windows.set(GROUND_ACK, t.groundAckMs);
    if (t.acceptanceMs !== null && (asked & 1) !== 0) windows.set(ACCEPTANCE, t.acceptanceMs);
    if (t.executionMs !== null && (asked & 8) !== 0) windows.set(EXECUTION, t.executionMs);
    for (const v of this.options.verifiers?.[record.name] ?? []) windows.set(archiveStage(v.stage), v.windowMs);
    return windows;
  }

  /** Starts a timer per pending verification stage, counted from the send. */
  private armTimeouts(active: Active, sentMs: number): void {
    active.sentMs = sentMs;
    const sc = this.spacecraftState(active.record.spacecraft);
    for (const [stage, ms] of this.windowsFor(active.record, sc.config)) {
      if (stageOf(active.record, stage)?.status !== 'pending') continue;
      active.timers.push(
        this.timers.at(sentMs + ms, () => {
          if (stageOf(active.record, stage)?.status !== 'pending') return;
          this.run(async () => {
            await this.setStage(active, stage, 'timeout', this.options.clock.nowMs(), `no ${stage} within ${ms / 1000} s of sending`);
            this.finishIfDone(active);
          });
        }),
      );
    }
    this.finishIfDone(active);
  }

  /** Applies the parameter verifiers of the commands sent to this spacecraft to one packet's values. */
  handleParameters(snapshot: ParameterSnapshot): void {
    const now = this.options.clock.nowMs();
    for (const active of this.active.values()) {
      if (active.record.spacecraft !== snapshot.spacecraft || active.sentMs === undefined || snapshot.receptionTimeMs < active.sentMs) continue;
      for (const v of this.options.verifiers?.[active.record.name] ?? []) {
        const stage = archiveStage(v.stage);
        if (stageOf(active.record, stage)?.status !== 'pending' || !verifierMatches(v, snapshot)) continue;
        const status = v.onMatch ?? 'ok';
        const what = v.comparisons.map((c) => `${c.parameter} ${c.operator} ${String(c.value)}`).join(' and ');
        this.run(async () => {
          await this.setStage(active, stage, status, now, `${status === 'ok' ? 'verified' : 'failed'}: ${what}`);
          if (status === 'failed') await this.cancelPending(active, now, `verifier ${v.stage} failed`);
          this.finishIfDone(active);
        });
      }
    }
  }

  private async failUnsent(active: Active, now: number, message: string): Promise<void> {
    if (await this.archive.claimCommandStage(active.record.id, { stage: 'sent', status: 'failed', timeMs: now, message })) {
      this.putStage(active, { stage: 'sent', status: 'failed', timeMs: now, message });
    } else {
      const stored = await this.archive.command(active.record.id);
      if (stored !== undefined) active.record = stored;
    }
    this.publish(active);
    this.finish(active);
  }

  /** After a failure, the stages still waiting will not come: they become cancelled. */
  private async cancelPending(active: Active, now: number, why: string): Promise<void> {
    for (const s of active.record.stages) {
      if (s.status === 'pending' && s.stage !== APPROVAL_STAGE) await this.setStage(active, s.stage, 'cancelled', now, why);
    }
  }

  // ---- recovery --------------------------------------------------------------------------

  /**
   * Takes up what the previous run left: sequence counts continue; a command caught between its
   * claim and the confirmation of `sent` is failed (its fate is unknown, it is never resent); a
   * command whose release was due while the pipeline was down is failed as stale; the others wait
   * again for approval, their time, their contact or their verification reports.
   */
  private async recover(): Promise<void> {
    const now = this.options.clock.nowMs();
    const records = await this.archive.commands({ fromMs: now - (this.options.recoveryWindowMs ?? 7 * DAY_MS), toMs: MAX_TIME_MS, limit: 1_000_000 });
    for (const record of records) {
      const sc = this.spacecraft.get(record.spacecraft);
      if (sc === undefined) continue;
      if (record.binary !== undefined) {
        const id = requestIdOf(record.binary);
        sc.counts.issued(id.apid, id.sequenceCount, record.queuedMs);
      }
      if (isFinal(commandState(record.stages), record.stages)) continue;
      const active = this.track(record);
      const sent = stageOf(record, 'sent');
      const meta = sc.config.mdb.command(record.name);
      if (sent?.status === 'pending') {
        await this.setStage(active, 'sent', 'failed', now, 'outcome unknown: the command pipeline stopped while sending it; it may or may not have reached the station and is not sent again');
        this.finish(active);
      } else if (sent?.status === 'ok') {
        if (stageOf(record, GROUND_ACK)?.status === 'pending') await this.setStage(active, GROUND_ACK, 'timeout', now, 'the command pipeline restarted before the station acknowledged');
        this.listen(active);
        this.armTimeouts(active, sent.timeMs);
      } else if (meta !== undefined && this.isCritical(meta, record.spacecraft) && stageOf(record, APPROVAL_STAGE)?.status !== 'ok') {
        // Queued, stopped before the approval stage was written: it still needs approval.
        if (stageOf(record, APPROVAL_STAGE) === undefined) await this.setStage(active, APPROVAL_STAGE, 'pending', now, 'critical command: waiting for approval');
      } else if (record.releaseMode === 'contact' || (record.releaseMode === 'time' && (record.releaseAtMs ?? 0) > now && stageOf(record, 'released') === undefined)) {
        this.arrangeRelease(active);
      } else {
        const stage = stageOf(record, 'released') === undefined ? 'released' : 'sent';
        const message = 'not sent: its release was due while the command pipeline was stopped; queue it again if it is still wanted';
        if (stage === 'released') await this.setStage(active, 'released', 'failed', now, message);
        await this.failUnsent(active, now, message);
      }
    }
  }

  // ---- bookkeeping -----------------------------------------------------------------------

  private track(record: CommandRecord): Active {
    const active: Active = { record, timers: [], writes: Promise.resolve(), releasing: false };
    this.active.set(record.id, active);
    return active;
  }

  private activeCommand(id: string): Active {
    const active = this.active.get(id);
    if (active === undefined) throw new ZenithError('TC_NOT_ACTIVE', `expected a command waiting to be sent, found none with id ${id}`, { field: 'id', id });
    return active;
  }

  private spacecraftState(name: string): SpacecraftState {
    const sc = this.spacecraft.get(name);
    if (sc === undefined) {
      throw new ZenithError('TC_UNKNOWN_SPACECRAFT', `expected one of ${[...this.spacecraft.keys()].join(', ')}, found "${name}"`, { field: 'spacecraft' });
    }
    return sc;
  }

  private isCritical(meta: MetaCommand, spacecraft: string): boolean {
    if (this.criticalNames.has(meta.qualifiedName)) return true;
    if (this.options.critical !== undefined) return this.options.critical(meta, spacecraft);
    // By default the mission database decides: XTCE's DefaultSignificance of critical or forbidden.
    const level = meta.significance?.consequenceLevel;
    return level === 'critical' || level === 'forbidden';
  }

  /** Changes a stage in memory only (the archive write was done by a claim). */
  private putStage(active: Active, stage: CommandStage): void {
    const stages = active.record.stages.filter((s) => s.stage !== stage.stage);
    stages.push(stage);
    active.record = { ...active.record, stages: sortStages(stages) };
  }

  /**
   * Records a stage: in memory at once (so the next report sees it), in the archive after the
   * writes before it, and publishes the command once written.
   */
  private setStage(active: Active, stage: string, status: StageStatus, timeMs: number, message?: string): Promise<void> {
    const record: CommandStage = { stage, status, timeMs, ...(message === undefined ? {} : { message }) };
    this.putStage(active, record);
    const write = active.writes.then(async () => {
      await this.archive.recordCommandStage(active.record.id, record);
      this.publish(active);
    });
    active.writes = write.catch(() => undefined);
    return write;
  }

  /** Writes a stage pending only if it still is once the writes before it are done (a report may have come first). */
  private setStageIf(active: Active, stage: string, status: StageStatus, timeMs: number): Promise<void> {
    const write = active.writes.then(async () => {
      if (stageOf(active.record, stage)?.status !== status) return;
      await this.archive.recordCommandStage(active.record.id, { stage, status, timeMs });
    });
    active.writes = write.catch(() => undefined);
    return write;
  }

  private publish(active: Active): void {
    const view = commandView(active.record);
    this.options.bus?.publish(TC_COMMAND_SUBJECT, toJson(view));
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (error) {
        this.report(error);
      }
    }
  }

  private finishIfDone(active: Active): void {
    if (!active.record.stages.some((s) => s.status === 'pending')) this.finish(active);
  }

  /** The command needs nothing more from the service. */
  private finish(active: Active): void {
    for (const t of active.timers) t.cancel();
    active.timers.length = 0;
    if (active.requestKey !== undefined) this.byRequest.delete(active.requestKey);
    this.active.delete(active.record.id);
  }

  /** Runs background work, reporting its failure rather than losing it, and lets stop() wait for it. */
  private run(task: () => Promise<void>): void {
    // Once stopped, what is left is taken up by the next start from the archive.
    if (!this.running) return;
    const p = task().catch((error: unknown) => { this.report(error); });
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  private report(error: unknown): void {
    if (this.options.onError !== undefined) this.options.onError(error);
    else process.stderr.write(`zenith tc: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** A spacecraft name from a subject token (percent-encoded where it holds `.`, `*`, `>` or spaces). */
function subjectName(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** Verifier stage names as the archive orders them. */
function archiveStage(stage: string): string {
  return stage === 'acceptance' ? ACCEPTANCE : stage;
}

function requestKey(spacecraft: string, apid: number, sequenceCount: number): string {
  return `${spacecraft}/${apid}/${sequenceCount}`;
}

function stageOf(record: CommandRecord, stage: string): CommandStage | undefined {
  return record.stages.find((s) => s.stage === stage);
}

function checkTimeouts(t: StageTimeouts, key: string): void {
  for (const [name, v] of Object.entries(t)) {
    if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) {
      throw new RangeError(`tc: ${key}.${name} must be a positive number of ms or null, got ${String(v)}`);
    }
  }
}
