import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ZenithError } from '../../core/errors/index.ts';
import type { FrameRecord } from '../archive/index.ts';
import { CollectingSink, testFrame, tmFrameLinkContract, until } from './contract/index.ts';
import { TcpTmFrameLink, TcpTmFrameSender, encodeFrameMessage } from './index.ts';
import type { TcpFraming, TmFrameSink } from './index.ts';

let sockets: Socket[] = [];

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' }, () => { resolve(s); });
    s.once('error', reject);
    sockets.push(s);
  });
}

function lengthPrefixed(frames: readonly Uint8Array[]): Buffer {
  return Buffer.concat(
    frames.flatMap((f) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(f.length);
      return [length, Buffer.from(f)];
    }),
  );
}

async function closeAll(): Promise<void> {
  await Promise.all(
    sockets.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.destroyed) resolve();
          else s.once('close', () => { resolve(); }).destroy();
        }),
    ),
  );
  sockets = [];
}

tmFrameLinkContract('TcpTmFrameLink (length-prefixed)', {
  transport: 'tcp',
  create: (o) => new TcpTmFrameLink({ ...o, framing: 'length-prefixed' }),
  send: async (port, frames) => {
    const s = await open(port);
    s.write(lengthPrefixed(frames));
  },
  disconnect: closeAll,
});

/** A sink whose frames are stored only when the test says so. */
class HeldSink implements TmFrameSink {
  readonly held: { frame: FrameRecord; resolve: () => void; reject: (e: unknown) => void }[] = [];
  accept(frame: FrameRecord): Promise<void> {
    return new Promise((resolve, reject) => this.held.push({ frame, resolve, reject }));
  }
}

describe('TcpTmFrameLink', () => {
  let link: TcpTmFrameLink | undefined;
  let sender: TcpTmFrameSender | undefined;
  afterEach(async () => {
    await sender?.close();
    await closeAll();
    await link?.stop();
    link = undefined;
    sender = undefined;
  });

  async function startLink(framing: TcpFraming, sink: TmFrameSink, extra: { frameLength?: number; maxInFlight?: number } = {}): Promise<TcpTmFrameLink> {
    link = new TcpTmFrameLink({ name: 'S1-tm', station: 'S1', spacecraft: 'ZEN-T', port: 0, framing, ...extra });
    link.attach(sink);
    await link.start();
    return link;
  }

  it('acknowledges a frame only once the sink has stored it, keeping the sender\'s sequence and receipt time', async () => {
    const sink = new HeldSink();
    const l = await startLink('acknowledged', sink);
    sender = new TcpTmFrameSender({ port: l.address()?.port ?? 0, firstSequence: 1000 });
    const acked: number[] = [];
    sender.onAck((s) => acked.push(s));
    const t = Date.UTC(2026, 10, 25, 12);
    sender.send(testFrame(42, 1), { receptionTimeMs: t, flags: 0x05 });
    sender.send(testFrame(42, 2), { receptionTimeMs: t + 1 });
    await until(() => sink.held.length === 2, 'two frames at the sink');
    expect(sink.held.map((h) => [h.frame.sequence, h.frame.receptionTimeMs, h.frame.qualityFlags])).toEqual([
      [1000, t, 0x05],
      [1001, t + 1, 0],
    ]);
    // Nothing stored yet: nothing acknowledged, however long we wait for the connection to settle.
    await sender.whenConnected();
    await until(() => l.status() === 'ok', 'status ok');
    expect(acked).toEqual([]);
    expect(sender.unacknowledged).toBe(2);
    sink.held[1]!.resolve();
    await until(() => acked.length === 1, 'the second acknowledgement');
    expect(acked).toEqual([1001]);
    sink.held[0]!.resolve();
    await sender.drained();
    expect(acked).toEqual([1001, 1000]);
    expect(l.counters()).toMatchObject({ framesReceived: 2, framesStored: 2 });
  });

  it('answers NAK: refused frames are given up, failed ones sent again', async () => {
    const sink = new HeldSink();
    const l = await startLink('acknowledged', sink);
    sender = new TcpTmFrameSender({ port: l.address()?.port ?? 0, reconnectMs: 20 });
    const naks: [number, number][] = [];
    sender.onNak((s, r) => naks.push([s, r]));
    sender.send(testFrame(42, 1));
    sender.send(testFrame(42, 2));
    await until(() => sink.held.length === 2, 'two frames');
    sink.held[0]!.reject(new ZenithError('ARCHIVE_INPUT', 'bad frame'));
    sink.held[1]!.reject(new Error('disk full'));
    await until(() => sink.held.length === 3, 'the resend of the failed frame');
    expect(naks).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(sink.held[2]!.frame.sequence).toBe(1);
    sink.held[2]!.resolve();
    await sender.drained();
    expect(sender.counters).toMatchObject({ refused: 1, acknowledged: 1 });
    expect(l.counters()).toMatchObject({ framesReceived: 3, framesStored: 1, framesRefused: 2 });
  });

  it('stops reading from a sender with too many frames in flight, and resumes as they are stored', async () => {
    const sink = new HeldSink();
    const l = await startLink('acknowledged', sink, { maxInFlight: 4 });
    sender = new TcpTmFrameSender({ port: l.address()?.port ?? 0 });
    const n = 400; // 2 KiB frames: far more than one read of the socket holds
    for (let i = 0; i < n; i++) sender.send(testFrame(42, i, 2048));
    await until(() => sink.held.length >= 4, 'the first frames');
    // Paused at 4 in flight: only frames already read in the same chunk get through.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.held.length).toBeLessThan(n / 4);
    for (let done = 0; done < n; done++) {
      await until(() => sink.held.length > done, `frame ${done}`);
      sink.held[done]!.resolve();
    }
    await sender.drained();
    expect(sink.held.map((h) => h.frame.sequence)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('closes a connection that breaks the protocol and counts it', async () => {
    const sink = new CollectingSink();
    const l = await startLink('acknowledged', sink);
    const problems: string[] = [];
    l.onProblem((m) => problems.push(m));
    const s = await open(l.address()?.port ?? 0);
    const good = encodeFrameMessage({ sequence: 5, receptionTimeMs: 1, flags: 0, bytes: testFrame(42, 1) });
    const badType = encodeFrameMessage({ sequence: 6, receptionTimeMs: 1, flags: 0, bytes: testFrame(42, 2) });
    badType[4] = 0x7f;
    const closed = new Promise<void>((resolve) => s.once('close', () => { resolve(); }));
    s.write(Buffer.concat([good, badType]));
    await closed;
    expect(sink.frames.map((f) => f.sequence)).toEqual([5]);
    expect(l.counters()).toMatchObject({ protocolErrors: 1, framesDropped: 1 });
    expect(problems[0]).toContain('found type 127');
    // A length beyond the largest frame is an error too.
    const s2 = await open(l.address()?.port ?? 0);
    const closed2 = new Promise<void>((resolve) => s2.once('close', () => { resolve(); }));
    s2.write(Buffer.from([0, 1, 0, 0]));
    await closed2;
    expect(l.counters().protocolErrors).toBe(2);
    expect(problems[1]).toContain('expected a message length in 21..2068, found 65536');
  });

  it('cuts a fixed-length stream written in odd pieces', async () => {
    const sink = new CollectingSink();
    const l = await startLink('fixed-length', sink, { frameLength: 64 });
    const frames = Array.from({ length: 5 }, (_, i) => testFrame(42, i));
    const all = Buffer.concat(frames);
    const s = await open(l.address()?.port ?? 0);
    for (let at = 0; at < all.length; at += 37) {
      s.write(all.subarray(at, at + 37));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await until(() => sink.frames.length === 5, 'five frames');
    expect(sink.frames.map((f) => f.bytes)).toEqual(frames);
    expect(sink.frames.map((f) => f.sequence)).toEqual([0, 1, 2, 3, 4]);
  });

  it('needs a frame length for the fixed-length framing', () => {
    expect(() => new TcpTmFrameLink({ name: 'x', station: 'S1', port: 0, framing: 'fixed-length' })).toThrow(/frameLength/);
    expect(() => new TcpTmFrameLink({ name: 'x', station: 'S1', port: 70000, framing: 'acknowledged' })).toThrow(RangeError);
  });
});
