import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './contract/index.ts';
import { TcpTmFrameSender } from './index.ts';

/** What a hand-written receiver read from the wire, field by field (independent of frameProtocol.ts). */
interface Seen {
  readonly sequence: number;
  readonly timeMs: number;
  readonly flags: number;
  readonly frame: number[];
}

/** A minimal receiver of the acknowledged framing that acknowledges only what `ackIf` allows. */
function receiver(ackIf: (s: Seen) => boolean): { server: Server; seen: Seen[]; sockets: Socket[]; port: () => number } {
  const seen: Seen[] = [];
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
        const n = buf.readUInt32BE(0);
        const body = buf.subarray(4, 4 + n);
        expect(body[0]).toBe(1);
        const s: Seen = {
          sequence: body.readUInt32BE(4) * 2 ** 32 + body.readUInt32BE(8),
          timeMs: body.readDoubleBE(12),
          flags: body[1]!,
          frame: [...body.subarray(20)],
        };
        seen.push(s);
        if (ackIf(s)) {
          const ack = Buffer.alloc(13);
          ack.writeUInt32BE(9, 0);
          ack[4] = 0x81;
          ack.writeUInt32BE(Math.floor(s.sequence / 2 ** 32), 5);
          ack.writeUInt32BE(s.sequence % 2 ** 32, 9);
          socket.write(ack);
        }
        buf = buf.subarray(4 + n);
      }
    });
    socket.on('error', () => undefined);
  });
  return { server, seen, sockets, port: () => (server.address() as { port: number }).port };
}

function listen(server: Server, port = 0): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => { resolve(); }));
}

function close(server: Server, sockets: Socket[]): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => { resolve(); }));
}

describe('TcpTmFrameSender', () => {
  let sender: TcpTmFrameSender | undefined;
  afterEach(async () => {
    await sender?.close();
    sender = undefined;
  });

  it('resends, after a broken connection, exactly the frames not acknowledged, unchanged', async () => {
    // The first receiver acknowledges only even sequences, then goes away.
    const first = receiver((s) => s.sequence % 2 === 0);
    await listen(first.server);
    const port = first.port();
    sender = new TcpTmFrameSender({ port, firstSequence: 2 ** 40, reconnectMs: 20, now: () => 1234.5 });
    for (let i = 0; i < 6; i++) sender.send(Uint8Array.of(i, i + 1), { flags: i });
    await until(() => sender?.counters.acknowledged === 3, 'three acknowledgements');
    expect(sender.pending().map((p) => p.sequence)).toEqual([2 ** 40 + 1, 2 ** 40 + 3, 2 ** 40 + 5]);
    await close(first.server, first.sockets);
    await until(() => sender?.connected === false, 'the disconnection');
    // A frame queued while disconnected goes out after the resends.
    sender.send(Uint8Array.of(9));
    const second = receiver(() => true);
    await listen(second.server, port);
    await sender.drained();
    expect(second.seen).toEqual([
      { sequence: 2 ** 40 + 1, timeMs: 1234.5, flags: 1, frame: [1, 2] },
      { sequence: 2 ** 40 + 3, timeMs: 1234.5, flags: 3, frame: [3, 4] },
      { sequence: 2 ** 40 + 5, timeMs: 1234.5, flags: 5, frame: [5, 6] },
      { sequence: 2 ** 40 + 6, timeMs: 1234.5, flags: 0, frame: [9] },
    ]);
    expect(sender.counters).toMatchObject({ acknowledged: 7, resent: 3, connects: 2 });
    await close(second.server, second.sockets);
  });

  it('waits for room below a window and refuses to send once closed', async () => {
    const r = receiver(() => true);
    await listen(r.server);
    sender = new TcpTmFrameSender({ port: r.port() });
    for (let i = 0; i < 10; i++) sender.send(Uint8Array.of(i));
    await sender.whenBelow(5);
    expect(sender.unacknowledged).toBeLessThan(5);
    await sender.drained();
    expect(r.seen.map((s) => s.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await sender.close();
    expect(() => sender?.send(Uint8Array.of(1))).toThrow(TypeError);
    await close(r.server, r.sockets);
  });
});
