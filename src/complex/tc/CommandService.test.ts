import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCltu, decodeTcFrame } from '../../core/ccsds/index.ts';
import type { ZenithError } from '../../core/errors/index.ts';
import { encodeCommand } from '../../core/mdb/index.ts';
import { openArchive } from '../archive/index.ts';
import type { Archive } from '../archive/index.ts';
import { openBus } from '../bus/index.ts';
import type { Bus } from '../bus/index.ts';
import { CommandService, TC_COMMAND_SUBJECT } from './CommandService.ts';
import { WindowContactSource } from './ContactSource.ts';
import type { Contact } from './ContactSource.ts';
import type { CommandView } from './CommandView.ts';
import { encodePus1Report } from './pus1Report.ts';
import type { CommandServiceOptions } from './tcOptions.ts';
import { FakeUplink, ManualClock, testMdb, until } from './tcTestKit.ts';

const T0 = Date.UTC(2026, 10, 25, 21, 0, 0);
const SC = 'ZEN-EO';
const APID = 100;

interface Harness {
  service: CommandService;
  archive: Archive;
  bus: Bus;
  clock: ManualClock;
  links: { MINSK: FakeUplink; SVALBARD: FakeUplink };
  contacts: WindowContactSource;
  published: CommandView[];
  /** Stops the service and closes what it opened (again: nothing). */
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(options: Partial<CommandServiceOptions> & { archiveUrl?: string; contactList?: Contact[]; clock?: ManualClock } = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(T0);
  const archive = await openArchive(options.archiveUrl ?? 'sqlite::memory:');
  const bus = await openBus();
  const links = { MINSK: new FakeUplink('MINSK-tc', 'MINSK', clock), SVALBARD: new FakeUplink('SVALBARD-tc', 'SVALBARD', clock) };
  const contacts = new WindowContactSource(options.contactList ?? [{ station: 'MINSK', spacecraft: SC, aosMs: T0 - 60_000, losMs: T0 + 600_000 }]);
  const errors: unknown[] = [];
  const service = new CommandService({
    archive,
    bus,
    clock,
    contacts,
    spacecraft: [{ name: SC, spacecraftId: 101, mdb: testMdb(), apid: APID }],
    links: [links.MINSK, links.SVALBARD],
    onError: (e) => errors.push(e),
    ...options,
  });
  const published: CommandView[] = [];
  bus.subscribe(TC_COMMAND_SUBJECT, (m) => {
    published.push(m.json() as CommandView);
  });
  await service.start();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await service.stop();
    await bus.close();
    await archive.close();
    expect(errors).toEqual([]);
  };
  cleanups.push(close);
  return { service, archive, bus, clock, links, contacts, published, close };
}

/** The packet inside a CLTU: CLTU -> TC frame -> data field (the packet fills it). */
function packetOf(cltu: Uint8Array | undefined): Uint8Array {
  if (cltu === undefined) throw new Error('no CLTU');
  const c = decodeCltu(cltu);
  if (!c.ok) throw new Error(`CLTU: ${c.error}`);
  const f = decodeTcFrame(c.data);
  if (!f.ok) throw new Error(`frame: ${f.error}`);
  expect(f.frame.header.scid).toBe(101);
  return f.frame.data;
}

/** What the mission database encodes, with the sequence count written in by hand (133.0-B-2 §4.1.3.4.3). */
function expectedPacket(name: string, args: Record<string, unknown>, count: number): Uint8Array {
  const p = encodeCommand(testMdb(), name, { ...args, apid: APID }, { spacePacketLength: true });
  p[2] = 0xc0 | (count >> 8);
  p[3] = count & 0xff;
  return p;
}

function report(subtype: number, command: Uint8Array, failureCode?: number): Uint8Array {
  return encodePus1Report({ apid: 1, sequenceCount: 0, subtype, request: command, ...(failureCode === undefined ? {} : { failureCode }) });
}

const stages = (v: CommandView | undefined): Record<string, string> => Object.fromEntries((v?.stages ?? []).map((s) => [s.stage, s.status]));

/** Waits until the command is in `state` and the archive has caught up (its last update is published). */
async function stateOf(h: Harness, id: string, state: string): Promise<CommandView> {
  let view: CommandView | undefined;
  await until(async () => {
    view = await h.service.command(id);
    const last = h.published.filter((v) => v.id === id).at(-1);
    return view?.state === state && JSON.stringify(last) === JSON.stringify(view);
  }, `command ${id} to be ${state}`);
  if (view === undefined) throw new Error('no view');
  return view;
}

describe('command pipeline', () => {
  it('queues, encodes, sends through the station in contact and follows PUS service 1 to completion', async () => {
    const h = await harness();
    const queued = await h.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 2, setpoint: 21.5 }, origin: 'alice' });
    expect(queued).toMatchObject({ name: '/ZEN/SET_HEATER', queuedBy: 'alice', critical: false, release: { mode: 'now' }, arguments: { heater: 2, setpoint: 21.5 } });
    await until(() => h.links.MINSK.sent.length === 1, 'the CLTU');
    const packet = packetOf(h.links.MINSK.sent[0]);
    expect(packet).toEqual(expectedPacket('/ZEN/SET_HEATER', { heater: 2, setpoint: 21.5 }, 0));
    expect(h.links.SVALBARD.sent).toEqual([]);
    await until(async () => stages(await h.service.command(queued.id))['ground-ack'] === 'ok', 'the ground acknowledgement');
    expect(stages(await h.service.command(queued.id))).toEqual({ queued: 'ok', released: 'ok', sent: 'ok', 'ground-ack': 'ok', acceptance: 'pending', execution: 'pending' });

    h.clock.now += 1500;
    h.service.handleTmPacket(SC, report(1, packet));
    await until(async () => stages(await h.service.command(queued.id))['acceptance'] === 'ok', 'acceptance');
    h.service.handleTmPacket(SC, report(7, packet));
    const done = await stateOf(h, queued.id, 'completed');
    expect(done.stages.map((s) => [s.stage, s.status])).toEqual([
      ['queued', 'ok'],
      ['released', 'ok'],
      ['sent', 'ok'],
      ['ground-ack', 'ok'],
      ['acceptance', 'ok'],
      ['execution', 'ok'],
    ]);
    expect(done.stages.find((s) => s.stage === 'acceptance')?.time).toBe('2026-11-25T21:00:01.500Z');
    // The archive holds the same history, and the packet exactly as sent.
    const stored = await h.archive.command(queued.id);
    expect(stored?.binary).toEqual(packet);
    expect(stored?.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['queued:ok', 'released:ok', 'sent:ok', 'ground-ack:ok', 'onboard-acceptance:ok', 'execution:ok']);
    // Every change went out on the bus, ending with the completed command.
    await until(() => h.published.at(-1)?.state === 'completed', 'the last update');
    expect(new Set(h.published.map((v) => v.state))).toEqual(new Set(['queued', 'released', 'sending', 'sent', 'completed']));
  });

  it('refuses a bad argument naming it and its range, storing and numbering nothing', async () => {
    const h = await harness();
    const error = await h.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 7 } }).catch((e: unknown) => e as ZenithError);
    expect(error).toMatchObject({ code: 'TC_BAD_ARGUMENT', context: { field: 'heater' } });
    expect((error as ZenithError).message).toContain('expected a value in 1 (inclusive) .. 4 (inclusive), found 7');
    await expect(h.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 1, setpoint: 41 } })).rejects.toMatchObject({ context: { field: 'setpoint' } });
    await expect(h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'PANIC' } })).rejects.toThrow(/expected one of SAFE, NOMINAL, found "PANIC"/);
    await expect(h.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 1, colour: 'red' } })).rejects.toMatchObject({ context: { field: 'colour' } });
    await expect(h.service.queue({ name: 'SET_HEATER', spacecraft: 'ZEN-X', arguments: { heater: 1 } })).rejects.toMatchObject({ code: 'TC_UNKNOWN_SPACECRAFT', context: { field: 'spacecraft' } });
    await expect(h.service.queue({ name: 'WARP', spacecraft: SC })).rejects.toMatchObject({ code: 'TC_UNKNOWN_COMMAND', context: { field: 'name' } });
    await expect(h.service.queue({ name: '/PUS/pus-tc', spacecraft: SC })).rejects.toMatchObject({ code: 'TC_ABSTRACT_COMMAND' });
    expect(await h.service.history()).toEqual([]);
    const ok = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(() => h.links.MINSK.sent.length === 1, 'the CLTU');
    // The refused requests took no sequence count.
    expect(packetOf(h.links.MINSK.sent[0])).toEqual(expectedPacket('/ZEN/SET_MODE', { mode: 'SAFE' }, 0));
    expect((await h.service.history()).map((c) => c.id)).toEqual([ok.id]);
  });

  it('releases a time-tagged command at its time on the complex clock, counting per APID', async () => {
    const h = await harness();
    const at = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' }, release: { mode: 'at', time: '2026-11-25T21:01:00.000Z' } });
    h.clock.now += 1;
    const now = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(() => h.links.MINSK.sent.length === 1, 'the immediate command');
    await new Promise((r) => setTimeout(r, 30));
    expect(h.links.MINSK.sent.length).toBe(1);
    expect((await h.service.command(at.id))?.state).toBe('queued');
    h.clock.now = T0 + 59_999;
    await new Promise((r) => setTimeout(r, 30));
    expect(h.links.MINSK.sent.length).toBe(1);
    h.clock.now = T0 + 60_000;
    await until(() => h.links.MINSK.sent.length === 2, 'the time-tagged command');
    // Counts were given at queueing: 0 to the time-tagged one, 1 to the other (sent first).
    expect(packetOf(h.links.MINSK.sent[0])).toEqual(expectedPacket('/ZEN/SET_MODE', { mode: 'SAFE' }, 1));
    expect(packetOf(h.links.MINSK.sent[1])).toEqual(expectedPacket('/ZEN/SET_MODE', { mode: 'NOMINAL' }, 0));
    const released = await stateOf(h, at.id, 'sent');
    expect(released.release).toEqual({ mode: 'at', time: '2026-11-25T21:01:00.000Z' });
    expect(released.stages.find((s) => s.stage === 'released')?.time).toBe('2026-11-25T21:01:00.000Z');
    expect((await h.service.history()).map((c) => c.id)).toEqual([now.id, at.id]);
    expect((await h.service.history({ limit: 1 })).map((c) => c.id)).toEqual([now.id]);
  });

  it('waits for the next contact and sends through that station', async () => {
    const h = await harness({ contactList: [{ station: 'SVALBARD', spacecraft: SC, aosMs: T0 + 100_000, losMs: T0 + 700_000 }], contactRecheckMs: 30_000 });
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' }, release: { mode: 'next-contact' } });
    h.clock.now = T0 + 99_000;
    await new Promise((r) => setTimeout(r, 30));
    expect(h.links.SVALBARD.sent.length + h.links.MINSK.sent.length).toBe(0);
    h.clock.now = T0 + 100_000;
    await until(() => h.links.SVALBARD.sent.length === 1, 'the CLTU at AOS');
    const v = await stateOf(h, q.id, 'sent');
    expect(v.stages.find((s) => s.stage === 'released')?.message).toBe('in contact through SVALBARD');
    // A contact planned later than a recheck is still found: the plan may change meanwhile.
    h.contacts.replace([{ station: 'MINSK', spacecraft: SC, aosMs: T0 + 200_000, losMs: T0 + 300_000 }]);
    const later = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' }, release: { mode: 'next-contact' } });
    h.clock.now = T0 + 200_000;
    await until(() => h.links.MINSK.sent.length === 1, 'the second CLTU');
    await stateOf(h, later.id, 'sent');
  });

  it('fails a command that finds no station in contact or no working uplink, without sending', async () => {
    const h = await harness({ contactList: [] });
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    const v = await stateOf(h, q.id, 'failed');
    expect(v.stages.find((s) => s.stage === 'sent')).toMatchObject({ status: 'failed', message: `not sent: no station is in contact with ${SC}` });
    h.contacts.replace([{ station: 'MINSK', spacecraft: SC, aosMs: T0, losMs: T0 + 1000 }]);
    h.links.MINSK.linkStatus = 'unavailable';
    const q2 = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    expect((await stateOf(h, q2.id, 'failed')).stages.find((s) => s.stage === 'sent')?.message).toMatch(/^not sent: the uplink MINSK-tc of MINSK is unavailable/);
    expect(h.links.MINSK.sent).toEqual([]);
  });

  it('takes the mission database`s DefaultSignificance of critical as critical unless told otherwise', async () => {
    const h = await harness();
    expect(h.service.catalog(SC).find((c) => c.name === '/ZEN/DEPLOY_BOOM')?.critical).toBe(true);
    expect(h.service.catalog(SC).find((c) => c.name === '/ZEN/SET_MODE')?.critical).toBe(false);
    const q = await h.service.queue({ name: 'DEPLOY_BOOM', spacecraft: SC, arguments: {} });
    expect(q).toMatchObject({ critical: true, state: 'awaiting-approval' });
    const told = await harness({ critical: () => false });
    expect(told.service.catalog(SC).find((c) => c.name === '/ZEN/DEPLOY_BOOM')?.critical).toBe(false);
  });

  it('holds a critical command for approval, and lets an unsent command be cancelled but not a sent one', async () => {
    const h = await harness({ criticalCommands: ['/ZEN/SET_MODE'] });
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    expect(q).toMatchObject({ critical: true, state: 'awaiting-approval' });
    expect(h.service.catalog(SC).find((c) => c.name === '/ZEN/SET_MODE')?.critical).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.links.MINSK.sent).toEqual([]);
    await expect(h.service.approve('nope', 'bob')).rejects.toMatchObject({ code: 'TC_NOT_ACTIVE' });
    const approved = await h.service.approve(q.id, 'bob');
    expect(approved.stages.find((s) => s.stage === 'approval')).toMatchObject({ status: 'ok', message: 'approved by bob' });
    await until(() => h.links.MINSK.sent.length === 1, 'the approved command');
    await expect(h.service.approve(q.id, 'bob')).rejects.toMatchObject({ code: 'TC_NOT_AWAITING_APPROVAL' });
    await expect(h.service.cancel(q.id, 'carol')).rejects.toMatchObject({ code: 'TC_TOO_LATE' });

    const waiting = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' } });
    const cancelled = await h.service.cancel(waiting.id, 'carol');
    expect(cancelled.state).toBe('cancelled');
    expect(stages(cancelled)).toMatchObject({ approval: 'cancelled', sent: 'cancelled' });
    await expect(h.service.approve(waiting.id, 'bob')).rejects.toMatchObject({ code: 'TC_NOT_ACTIVE' });
    const timed = await h.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 3 }, release: { mode: 'at', time: '2026-11-25T22:00:00.000Z' } });
    expect((await h.service.cancel(timed.id, 'carol')).state).toBe('cancelled');
    h.clock.now = Date.UTC(2026, 10, 25, 22, 0, 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.links.MINSK.sent.length).toBe(1);
    expect((await h.archive.command(timed.id))?.stages.find((s) => s.stage === 'sent')?.status).toBe('cancelled');
  });

  it('keeps the two-person rule: nobody approves the critical command they queued, timed ones included', async () => {
    const h = await harness({ criticalCommands: ['/ZEN/SET_MODE'] });
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' }, origin: 'alice' });
    await expect(h.service.approve(q.id, 'alice')).rejects.toMatchObject({ code: 'TC_SELF_APPROVAL', context: { field: 'id' } });
    expect((await h.service.command(q.id))?.state).toBe('awaiting-approval');
    // Time-tagged: still held at its release time until someone else approves.
    const timed = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' }, origin: 'alice', release: { mode: 'at', time: new Date(T0 + 10_000).toISOString() } });
    expect(timed.state).toBe('awaiting-approval');
    h.clock.now = T0 + 10_001;
    await new Promise((r) => setTimeout(r, 30));
    expect(h.links.MINSK.sent).toEqual([]);
    await expect(h.service.approve(timed.id, 'alice')).rejects.toMatchObject({ code: 'TC_SELF_APPROVAL' });
    expect((await h.service.approve(q.id, 'bob')).stages.find((s) => s.stage === 'approval')).toMatchObject({ status: 'ok', message: 'approved by bob' });
    await until(() => h.links.MINSK.sent.length === 1, 'the command approved by another person');
  });

  it('times out each verification stage that does not come, and fails on a rejection report', async () => {
    const h = await harness({ timeouts: { groundAckMs: 5000, acceptanceMs: 10_000, executionMs: 60_000 } });
    h.links.MINSK.answer = 'silent';
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await stateOf(h, q.id, 'sent');
    h.clock.now = T0 + 5000;
    await until(async () => stages(await h.service.command(q.id))['ground-ack'] === 'timeout', 'the ground-ack timeout');
    expect(stages(await h.service.command(q.id))).toMatchObject({ acceptance: 'pending', execution: 'pending' });
    h.clock.now = T0 + 60_000;
    await until(async () => stages(await h.service.command(q.id))['execution'] === 'timeout', 'the execution timeout');
    const v = await stateOf(h, q.id, 'timeout');
    expect(v.stages.find((s) => s.stage === 'acceptance')?.message).toBe('no onboard-acceptance within 10 s of sending');
    // A report after its window changes nothing.
    const packet = packetOf(h.links.MINSK.sent[0]);
    h.service.handleTmPacket(SC, report(1, packet));
    await new Promise((r) => setTimeout(r, 20));
    expect(stages(await h.service.command(q.id))['acceptance']).toBe('timeout');

    h.links.MINSK.answer = 'ack';
    const r = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' } });
    await until(() => h.links.MINSK.sent.length === 2, 'the second CLTU');
    h.service.handleTmPacket(SC, report(2, packetOf(h.links.MINSK.sent[1]), 3));
    await until(async () => stages(await h.service.command(r.id))['execution'] === 'cancelled', 'execution cancelled');
    const failed = await stateOf(h, r.id, 'failed');
    expect(failed.stages.find((s) => s.stage === 'acceptance')).toMatchObject({ status: 'failed', message: 'TM[1,2] acceptance failure (failure code 3)' });
  });

  it('takes a completion report as acceptance too, and ignores reports for other requests', async () => {
    const h = await harness();
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await stateOf(h, q.id, 'sent');
    const packet = packetOf(h.links.MINSK.sent[0]);
    const other = packet.slice();
    other[3] = (other[3] ?? 0) + 1;
    h.service.handleTmPacket(SC, report(8, other, 1));
    h.service.handleTmPacket('ZEN-GEO', report(8, packet, 1));
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.service.command(q.id))?.state).toBe('sent');
    // Through the bus, as the telemetry pipeline would deliver it.
    h.bus.publish(`tm.packet.${SC}`, report(7, packet));
    const v = await stateOf(h, q.id, 'completed');
    expect(v.stages.find((s) => s.stage === 'acceptance')).toMatchObject({ status: 'ok', message: 'implied by TM[1,7]' });
  });

  it('marks a command failed when the station refuses it', async () => {
    const h = await harness();
    h.links.MINSK.answer = 'nak';
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(async () => stages(await h.service.command(q.id))['execution'] === 'cancelled', 'the stages after it cancelled');
    const v = await stateOf(h, q.id, 'failed');
    expect(stages(v)).toMatchObject({ sent: 'ok', 'ground-ack': 'failed', acceptance: 'cancelled', execution: 'cancelled' });
  });

  it('awaits only the reports a command asks for in its PUS acknowledgement flags, when configured', async () => {
    const h = await harness({ spacecraft: [{ name: SC, spacecraftId: 101, mdb: testMdb(), apid: APID, pusAckFlags: true }] });
    // ECSS-E-ST-70-41C §7.4.4.1: 1 = acceptance, 8 = completion of execution.
    const acceptOnly = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE', ackflags: 1 } });
    await until(async () => (await h.service.command(acceptOnly.id))?.stages.some((s) => s.stage === 'ground-ack' && s.status === 'ok') === true, 'ground-ack');
    expect(stages(await h.service.command(acceptOnly.id))).toEqual({ queued: 'ok', released: 'ok', sent: 'ok', 'ground-ack': 'ok', acceptance: 'pending' });
    h.service.handleTmPacket(SC, report(1, packetOf(h.links.MINSK.sent[0])));
    await until(async () => stages(await h.service.command(acceptOnly.id))['acceptance'] === 'ok', 'acceptance');
    expect((await h.service.command(acceptOnly.id))?.state).toBe('sent');
    const both = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE', ackflags: 9 } });
    await until(() => h.links.MINSK.sent.length === 2, 'the second CLTU');
    await until(async () => stages(await h.service.command(both.id))['execution'] === 'pending', 'execution pending');
  });

  it('decides stages by parameter verifiers on telemetry values within their windows', async () => {
    const h = await harness({
      timeouts: { acceptanceMs: null },
      verifiers: {
        '/ZEN/SET_MODE': [
          { stage: 'execution', comparisons: [{ parameter: '/ZEN/MODE', operator: '==', value: 'SAFE' }], windowMs: 20_000 },
          { stage: 'execution', comparisons: [{ parameter: '/ZEN/MODE_ERROR', operator: '!=', value: 0 }], windowMs: 20_000, onMatch: 'failed' },
          { stage: 'mode-telemetry', comparisons: [{ parameter: '/ZEN/MODE', operator: '==', value: 0, useRaw: true }, { parameter: '/ZEN/EPS/BATT_V', operator: '>', value: 6 }], windowMs: 5_000 },
        ],
      },
    });
    const params = (receptionTimeMs: number, mode: string, error = 0): Uint8Array =>
      new TextEncoder().encode(
        JSON.stringify({
          spacecraft: SC,
          receptionTimeMs,
          parameters: [
            { name: '/ZEN/MODE', raw: mode === 'SAFE' ? 0 : 1, eng: mode },
            { name: '/ZEN/MODE_ERROR', raw: error, eng: error },
          ],
        }),
      );
    const q = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(async () => stages(await h.service.command(q.id))['execution'] === 'pending', 'verification to start');
    expect(stages(await h.service.command(q.id))).toEqual({ queued: 'ok', released: 'ok', sent: 'ok', 'ground-ack': 'ok', execution: 'pending', 'mode-telemetry': 'pending' });
    // Values received before the command went do not verify it.
    h.bus.publish(`tm.param.${SC}`, params(T0 - 1, 'SAFE'));
    h.bus.publish(`tm.param.${SC}`, params(T0 + 100, 'NOMINAL'));
    await new Promise((r) => setTimeout(r, 20));
    expect(stages(await h.service.command(q.id))['execution']).toBe('pending');
    h.clock.now = T0 + 2000;
    h.bus.publish(`tm.param.${SC}`, params(T0 + 2000, 'SAFE'));
    await until(async () => stages(await h.service.command(q.id))['execution'] === 'ok', 'execution verified');
    expect((await h.service.command(q.id))?.stages.find((s) => s.stage === 'execution')?.message).toBe('verified: /ZEN/MODE == SAFE');
    // The second stage needs a battery value too, which never comes: it times out.
    h.clock.now = T0 + 5000;
    await until(async () => stages(await h.service.command(q.id))['mode-telemetry'] === 'timeout', 'the verifier window');
    expect((await h.service.command(q.id))?.state).toBe('completed');

    h.clock.now = T0 + 10_000;
    const r = await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(async () => stages(await h.service.command(r.id))['execution'] === 'pending', 'verification to start');
    h.bus.publish(`tm.param.${SC}`, params(T0 + 10_500, 'NOMINAL', 4));
    await until(async () => stages(await h.service.command(r.id))['mode-telemetry'] === 'cancelled', 'the other verifier cancelled');
    const failed = await stateOf(h, r.id, 'failed');
    expect(stages(failed)).toMatchObject({ execution: 'failed', 'mode-telemetry': 'cancelled' });
  });

  it('queues once per caller-chosen id', async () => {
    const h = await harness();
    const a = await h.service.queue({ id: 'req-42', name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    const b = await h.service.queue({ id: 'req-42', name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    expect(b.id).toBe(a.id);
    await until(() => h.links.MINSK.sent.length === 1, 'one CLTU');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.links.MINSK.sent.length).toBe(1);
  });
});

describe('command pipeline across a restart', () => {
  it('never resends a command caught between claim and send, and takes up the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zenith-tc-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const url = join(dir, 'archive.sqlite');
    // First run: the uplink hangs inside send, as if the process died there. The run is left as
    // a crash leaves it (its own clock stands still, so its timers never fire) until the end.
    const first = await openArchive(url);
    const clock1 = new ManualClock(T0);
    const stuck = new FakeUplink('MINSK-tc', 'MINSK', clock1);
    const hung: ((e: Error) => void)[] = [];
    stuck.send = () => new Promise((_, reject) => hung.push(reject));
    const run1 = new CommandService({
      archive: first,
      clock: clock1,
      contacts: new WindowContactSource([{ station: 'MINSK', spacecraft: SC, aosMs: 0, losMs: Number.POSITIVE_INFINITY }]),
      spacecraft: [{ name: SC, spacecraftId: 101, mdb: testMdb(), apid: APID }],
      links: [stuck],
    });
    await run1.start();
    const caught = await run1.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    const later = await run1.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' }, release: { mode: 'at', time: '2026-11-25T21:10:00.000Z' } });
    const contact = await run1.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 4 }, release: { mode: 'next-contact' } });
    await until(async () => (await first.command(caught.id))?.stages.some((s) => s.stage === 'sent') === true, 'the claim');
    expect((await first.command(caught.id))?.stages.find((s) => s.stage === 'sent')?.status).toBe('pending');
    await until(async () => (await first.command(contact.id))?.stages.some((s) => s.stage === 'sent') === true, 'the second claim');

    const h = await harness({ archiveUrl: url, clock: new ManualClock(T0 + 30_000), contactList: [{ station: 'MINSK', spacecraft: SC, aosMs: T0 + 60_000, losMs: T0 + 3_600_000 }] });
    const unknown = await h.service.command(caught.id);
    expect(unknown?.state).toBe('failed');
    expect(unknown?.stages.find((s) => s.stage === 'sent')?.message).toMatch(/^outcome unknown: .* is not sent again$/);
    expect((await h.service.command(contact.id))?.state).toBe('failed');
    // The time-tagged command is still waiting, and goes at its time through the new run.
    expect((await h.service.command(later.id))?.state).toBe('queued');
    h.clock.now = Date.UTC(2026, 10, 25, 21, 10, 0);
    await stateOf(h, later.id, 'sent');
    expect(h.links.MINSK.sent.length).toBe(1);
    expect(packetOf(h.links.MINSK.sent[0])).toEqual(expectedPacket('/ZEN/SET_MODE', { mode: 'NOMINAL' }, 1));
    // Sequence counts continue after the highest issued (0, 1, 2 before the restart).
    await h.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await until(() => h.links.MINSK.sent.length === 2, 'the new command');
    expect(packetOf(h.links.MINSK.sent[1])).toEqual(expectedPacket('/ZEN/SET_MODE', { mode: 'SAFE' }, 3));
    await h.close();
    for (const reject of hung) reject(new Error('gone'));
    await run1.stop();
    await first.close();
  });

  it('fails a command whose release fell due while stopped, and keeps verifying one already sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zenith-tc-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const url = join(dir, 'archive.sqlite');
    const clock = new ManualClock(T0);
    const a = await harness({ archiveUrl: url, clock });
    const sent = await a.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
    await stateOf(a, sent.id, 'sent');
    await until(async () => stages(await a.service.command(sent.id))['ground-ack'] === 'ok', 'the ground acknowledgement');
    const packet = packetOf(a.links.MINSK.sent[0]);
    const due = await a.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' }, release: { mode: 'at', time: '2026-11-25T21:00:10.000Z' } });
    await a.close();

    clock.now = T0 + 20_000;
    const b = await harness({ archiveUrl: url, clock });
    const stale = await b.service.command(due.id);
    expect(stale?.state).toBe('failed');
    expect(stages(stale)).toMatchObject({ released: 'failed', sent: 'failed' });
    b.service.handleTmPacket(SC, report(1, packet));
    b.service.handleTmPacket(SC, report(7, packet));
    await stateOf(b, sent.id, 'completed');
    expect(b.links.MINSK.sent).toEqual([]);
  });
});
