import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../archive/index.ts';
import { testFrame, tmFrameLinkContract, until } from './contract/index.ts';
import { UdpTmFrameLink } from './index.ts';
import type { TmFrameSink } from './index.ts';

function sendDatagrams(port: number, frames: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    let left = frames.length;
    if (left === 0) {
      socket.close();
      resolve();
    }
    for (const f of frames) {
      socket.send(f, port, '127.0.0.1', (error) => {
        if (error) reject(error);
        if (--left === 0) socket.close(() => { resolve(); });
      });
    }
  });
}

tmFrameLinkContract('UdpTmFrameLink', {
  transport: 'udp',
  create: (o) => new UdpTmFrameLink(o),
  send: sendDatagrams,
  disconnect: () => Promise.resolve(),
});

describe('UdpTmFrameLink', () => {
  let link: UdpTmFrameLink | undefined;
  afterEach(async () => {
    await link?.stop();
    link = undefined;
  });

  it('falls back to unavailable when datagrams stop', async () => {
    link = new UdpTmFrameLink({ name: 'S2-tm', station: 'S2', spacecraft: 'ZEN-T', port: 0, idleTimeoutMs: 50 });
    const statuses: string[] = [];
    link.onStatus((s) => statuses.push(s));
    const frames: FrameRecord[] = [];
    link.attach({ accept: (f) => (frames.push(f), Promise.resolve()) });
    await link.start();
    await sendDatagrams(link.address()?.port ?? 0, [testFrame(42, 1)]);
    await until(() => frames.length === 1, 'a frame');
    expect(link.status()).toBe('ok');
    await until(() => link?.status() === 'unavailable', 'the idle timeout');
    expect(statuses).toEqual(['ok', 'unavailable']);
  });

  it('drops datagrams, counted, while too many frames wait for storage', async () => {
    link = new UdpTmFrameLink({ name: 'S2-tm', station: 'S2', spacecraft: 'ZEN-T', port: 0, maxInFlight: 2 });
    const held: (() => void)[] = [];
    const sink: TmFrameSink = { accept: () => new Promise<void>((resolve) => held.push(resolve)) };
    link.attach(sink);
    await link.start();
    await sendDatagrams(link.address()?.port ?? 0, [testFrame(42, 1), testFrame(42, 2), testFrame(42, 3), testFrame(42, 4)]);
    await until(() => link?.counters().framesReceived === 4, 'four datagrams');
    expect(held.length).toBe(2);
    expect(link.counters()).toMatchObject({ framesReceived: 4, framesDropped: 2 });
    for (const r of held) r();
    await until(() => link?.counters().framesStored === 2, 'two stored');
  });
});
