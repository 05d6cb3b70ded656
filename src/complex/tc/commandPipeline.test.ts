// The command pipeline end to end on each archive: TCP to a station receiver, a spacecraft that
// reads the CLTU back into its packet and answers with PUS service 1 reports in TM frames, and a
// process killed between the claim of `sent` and the first octet on the wire.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TmFrameDecoder, TmFramePacker, decodeCltu, decodeTcFrame } from '../../core/ccsds/index.ts';
import type { ZenithError } from '../../core/errors/index.ts';
import { encodeCommand } from '../../core/mdb/index.ts';
import { openArchive } from '../archive/index.ts';
import type { Archive } from '../archive/index.ts';
import { openBus } from '../bus/index.ts';
import type { Bus } from '../bus/index.ts';
import { TcpTcCltuLink, TcpTcCltuReceiver } from '../links/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import { CommandService } from './CommandService.ts';
import { WindowContactSource } from './ContactSource.ts';
import type { CommandView } from './CommandView.ts';
import { encodePus1Report } from './pus1Report.ts';
import type { StageTimeouts } from './tcOptions.ts';
import { FakeUplink, testArchivePlace, testMdb, until } from './tcTestKit.ts';
import type { ArchiveKind, TestArchivePlace } from './tcTestKit.ts';

const SC = 'ZEN-EO';
const SCID = 101;
const FRAME_LENGTH = 128;

/**
 * The spacecraft beyond the station: takes each CLTU apart as the on-board decoder would
 * (231.0-B-4 CLTU, 232.0-B-4 frame with its SCID, the packet), and answers TM[1,1] and TM[1,7]
 * packed into TM frames, which the ground decodes and publishes as the telemetry pipeline does.
 */
class FakeSpacecraft {
  readonly packets: Uint8Array[] = [];
  silent = false;
  private readonly packer = new TmFramePacker({ scid: SCID, frameLength: FRAME_LENGTH });
  private readonly ground = new TmFrameDecoder({ frameLength: FRAME_LENGTH, scid: SCID });
  private tmCount = 0;

  constructor(private readonly bus: Bus) {}

  receive(cltu: Uint8Array): void {
    const c = decodeCltu(cltu);
    if (!c.ok) throw new Error(`CLTU ${c.error}`);
    const f = decodeTcFrame(c.data);
    if (!f.ok || f.frame.header.scid !== SCID) throw new Error('frame');
    const packet = f.frame.data.slice();
    this.packets.push(packet);
    if (this.silent) return;
    const reports = [1, 7].map((subtype) => encodePus1Report({ apid: 1, sequenceCount: this.tmCount++, subtype, request: packet }));
    const frames = [...reports.flatMap((r) => this.packer.push(0, r)), ...this.packer.flush(0)];
    // Downlink: each frame is decoded on the ground, its packets published for verification.
    setTimeout(() => {
      for (const frame of frames) for (const p of this.ground.decode(frame).packets) this.bus.publish(`tm.packet.${SC}`, p.bytes.slice());
    }, 5);
  }
}

interface Rig {
  archive: Archive;
  bus: Bus;
  service: CommandService;
  receiver: TcpTcCltuReceiver;
  spacecraft: FakeSpacecraft;
  updates: CommandView[];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function place(kind: ArchiveKind): Promise<TestArchivePlace> {
  const p = testArchivePlace(kind);
  closers.push(() => p.remove());
  return Promise.resolve(p);
}

async function station(bus: Bus): Promise<{ receiver: TcpTcCltuReceiver; spacecraft: FakeSpacecraft }> {
  const spacecraft = new FakeSpacecraft(bus);
  const receiver = new TcpTcCltuReceiver({
    port: 0,
    onCltu: (c) => {
      spacecraft.receive(c.cltu);
      return 'accept';
    },
  });
  await receiver.start();
  closers.push(() => receiver.stop());
  return { receiver, spacecraft };
}

async function rig(url: string, timeouts: StageTimeouts = {}, existing?: { receiver: TcpTcCltuReceiver; spacecraft: FakeSpacecraft; bus: Bus }): Promise<Rig> {
  const bus = existing?.bus ?? (await openBus());
  if (existing === undefined) closers.push(() => bus.close());
  const { receiver, spacecraft } = existing ?? (await station(bus));
  const clock = new ScaledClock();
  const archive = await openArchive(url);
  const link = new TcpTcCltuLink({ name: 'MINSK-tc', station: 'MINSK', host: '127.0.0.1', port: receiver.address()?.port ?? 0, clock, reconnectMs: 50 });
  await link.start();
  const service = new CommandService({
    archive,
    bus,
    clock,
    contacts: new WindowContactSource([{ station: 'MINSK', spacecraft: SC, aosMs: 0, losMs: Number.POSITIVE_INFINITY }]),
    spacecraft: [{ name: SC, spacecraftId: SCID, mdb: testMdb(), apid: 100 }],
    links: [link],
    timeouts,
  });
  await service.start();
  const updates: CommandView[] = [];
  service.onUpdate((v) => updates.push(v));
  closers.push(async () => {
    await service.stop();
    await link.stop();
    await archive.close();
  });
  return { archive, bus, service, receiver, spacecraft, updates };
}

async function settled(r: Rig, id: string, state: string): Promise<CommandView> {
  let v: CommandView | undefined;
  await until(async () => {
    v = await r.service.command(id);
    // Updates are published once written: the last one equal to the command means the archive caught up.
    const last = r.updates.filter((u) => u.id === id).at(-1);
    return v?.state === state && !v.stages.some((s) => s.status === 'pending') && JSON.stringify(last) === JSON.stringify(v);
  }, `${id} to settle as ${state}`);
  if (v === undefined) throw new Error('no command');
  return v;
}

function mdbPacket(name: string, args: Record<string, unknown>, count: number): Uint8Array {
  const p = encodeCommand(testMdb(), name, { ...args, apid: 100 }, { spacePacketLength: true });
  p[2] = 0xc0 | (count >> 8);
  p[3] = count & 0xff;
  return p;
}

function runChild(url: string, port: number, id: string): Promise<NodeJS.Signals | number | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/complex/tc/crashWhileSending.fixture.ts'), url, String(port), id], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) fail(new Error(`child exited ${code}: ${stderr}`));
      else done(signal ?? code);
    });
  });
}

async function crashInProcess(url: string, id: string): Promise<void> {
  const archive = await openArchive(url);
  const hung: ((e: Error) => void)[] = [];
  const clock = new ScaledClock();
  const link = new FakeUplink('MINSK-tc', 'MINSK', clock);
  link.send = () => new Promise((_, reject) => hung.push(reject));
  const service = new CommandService({
    archive,
    clock,
    contacts: new WindowContactSource([{ station: 'MINSK', spacecraft: SC, aosMs: 0, losMs: Number.POSITIVE_INFINITY }]),
    spacecraft: [{ name: SC, spacecraftId: SCID, mdb: testMdb(), apid: 100 }],
    links: [link],
  });
  await service.start();
  await service.queue({ id, name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
  await until(() => hung.length === 1, 'the send');
  closers.push(async () => {
    for (const reject of hung) reject(new Error('gone'));
    await service.stop();
    await archive.close();
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`command pipeline over TCP, ${kind} archive`, () => {
    it('releases at a time, sends one CLTU that decodes to the database encoding, and verifies it from TM', async () => {
      const r = await rig((await place(kind)).url);
      const releaseAt = new Date(Date.now() + 300).toISOString();
      const q = await r.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 3, setpoint: -12.25 }, release: { mode: 'at', time: releaseAt }, origin: 'alice' });
      expect(q.state).toBe('queued');
      const done = await settled(r, q.id, 'completed');
      expect(r.spacecraft.packets).toEqual([mdbPacket('/ZEN/SET_HEATER', { heater: 3, setpoint: -12.25 }, 0)]);
      expect(done.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['queued:ok', 'released:ok', 'sent:ok', 'ground-ack:ok', 'acceptance:ok', 'execution:ok']);
      const released = Date.parse(done.stages[1]?.time ?? '');
      expect(released).toBeGreaterThanOrEqual(Date.parse(releaseAt));
      // The history in the archive has every stage with its time, in order.
      const stored = await r.archive.command(q.id);
      expect(stored?.origin).toBe('alice');
      expect(stored?.binary).toEqual(r.spacecraft.packets[0]);
      const times = stored?.stages.map((s) => s.timeMs) ?? [];
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(r.receiver.counters).toMatchObject({ received: 1, acknowledged: 1 });
      expect(r.updates.at(-1)?.state).toBe('completed');
    });

    it('times out the stages a silent spacecraft never reports, and refuses a bad argument', async () => {
      const r = await rig((await place(kind)).url, { acceptanceMs: 200, executionMs: 400 });
      r.spacecraft.silent = true;
      const q = await r.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'NOMINAL' } });
      const v = await settled(r, q.id, 'timeout');
      expect(v.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['queued:ok', 'released:ok', 'sent:ok', 'ground-ack:ok', 'acceptance:timeout', 'execution:timeout']);
      expect(r.spacecraft.packets).toHaveLength(1);
      const error = (await r.service.queue({ name: 'SET_HEATER', spacecraft: SC, arguments: { heater: 0 } }).catch((e: unknown) => e)) as ZenithError;
      expect(error).toMatchObject({ code: 'TC_BAD_ARGUMENT', context: { field: 'heater' } });
      expect(error.message).toMatch(/expected a value in 1 \(inclusive\) \.\. 4 \(inclusive\), found 0/);
      expect((await r.service.history()).map((c) => c.id)).toEqual([q.id]);
    });

    it('sends a command at most once when the process dies between claim and send, also after a restart', async () => {
      const url = (await place(kind)).url;
      const bus = await openBus();
      closers.push(() => bus.close());
      const st = await station(bus);
      const id = `crash-${kind}`;
      if (kind === 'sqlite') {
        // A real crash: the child process kills itself inside the uplink's send.
        expect(await runChild(url, st.receiver.address()?.port ?? 0, id)).toBe('SIGKILL');
      } else {
        // The same moment in this process (a child costs seconds on a busy machine): a run whose
        // send never returns, abandoned, not stopped.
        await crashInProcess(url, id);
      }
      // What the dead process left: the claim, durable, and not an octet at the station.
      const left = await openArchive(url);
      const claimed = await left.command(id);
      await left.close();
      expect(claimed?.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['queued:ok', 'released:ok', 'sent:pending']);
      expect(st.receiver.counters.received).toBe(0);

      const r = await rig(url, {}, { ...st, bus });
      const v = await r.service.command(id);
      expect(v?.state).toBe('failed');
      expect(v?.stages.find((s) => s.stage === 'sent')?.message).toMatch(/^outcome unknown/);
      // The restarted pipeline works, continues the sequence count, and never sends the old one.
      const next = await r.service.queue({ name: 'SET_MODE', spacecraft: SC, arguments: { mode: 'SAFE' } });
      await settled(r, next.id, 'completed');
      expect(r.spacecraft.packets).toEqual([mdbPacket('/ZEN/SET_MODE', { mode: 'SAFE' }, 1)]);
      expect(st.receiver.counters.received).toBe(1);
    });
  });
}
