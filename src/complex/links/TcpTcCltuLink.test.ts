import { afterEach, describe, expect, it } from 'vitest';
import { decodeCltu, decodeTcFrame, encodeCltu, encodeTcFrame } from '../../core/ccsds/index.ts';
import type { ZenithError } from '../../core/errors/index.ts';
import type { CltuTransmission } from './TcCltuLink.ts';
import { TcpTcCltuLink } from './TcpTcCltuLink.ts';
import { TcpTcCltuReceiver } from './TcpTcCltuReceiver.ts';
import type { CltuDecision, ReceivedCltu } from './TcpTcCltuReceiver.ts';

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.stop();
});

async function until(predicate: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function pair(onCltu?: (c: ReceivedCltu) => CltuDecision | undefined | Promise<CltuDecision | undefined>, port = 0) {
  const receiver = new TcpTcCltuReceiver({ port, ...(onCltu === undefined ? {} : { onCltu }) });
  await receiver.start();
  open.push(receiver);
  const address = receiver.address();
  if (address === undefined) throw new Error('no address');
  const link = new TcpTcCltuLink({ name: 'S1-tc', station: 'S1', host: '127.0.0.1', port: address.port, reconnectMs: 20 });
  open.push(link);
  await link.start();
  return { receiver, link, port: address.port };
}

/** A CLTU around a frame of the given data, built by the core encoders. */
function cltuOf(data: number[], frameSequenceNumber = 0): Uint8Array {
  return encodeCltu(encodeTcFrame({ bypass: true, scid: 101, vcid: 0, frameSequenceNumber, data: Uint8Array.from(data) }));
}

describe('TCP uplink and station receiver', () => {
  it('carries CLTUs unchanged and in order, each acknowledged by the station', async () => {
    const got: ReceivedCltu[] = [];
    const { link } = await pair((c) => {
      got.push(c);
      return 'accept';
    });
    expect(link.status()).toBe('ok');
    const cltus = [cltuOf([1, 2, 3], 0), cltuOf(Array.from({ length: 300 }, (_, i) => i & 0xff), 1), cltuOf([9], 2)];
    const sent: CltuTransmission[] = [];
    for (const c of cltus) sent.push(await link.send(c));
    const acks = await Promise.all(sent.map((s) => s.acknowledged));
    expect(acks.map((a) => a.ok)).toEqual([true, true, true]);
    expect(got.map((g) => g.sequence)).toEqual(sent.map((s) => s.sequence));
    got.forEach((g, i) => {
      expect(g.cltu).toEqual(cltus[i]);
      expect(g.sentTimeMs).toBe(sent[i]?.sentTimeMs);
    });
    // The station side decodes the CLTU back to the frame it was built from.
    const decoded = decodeCltu(got[1]!.cltu);
    if (!decoded.ok) throw new Error(decoded.error);
    const frame = decodeTcFrame(decoded.data);
    if (!frame.ok) throw new Error(frame.error);
    expect(frame.frame.header.frameSequenceNumber).toBe(1);
    expect(frame.frame.data.length).toBe(300);
    expect(link.counters()).toMatchObject({ cltusSent: 3, acknowledged: 3, refused: 0, connections: 1 });
  });

  it('answers NAK for a malformed CLTU and for a station that cannot radiate', async () => {
    let radiating = true;
    const { link, receiver } = await pair(() => (radiating ? 'accept' : 'not-radiating'));
    const broken = cltuOf([1, 2, 3]);
    broken[4] = (broken[4] ?? 0) ^ 0x10;
    const a = await (await link.send(broken)).acknowledged;
    expect(a).toMatchObject({ ok: false, reason: expect.stringContaining('malformed') as unknown });
    radiating = false;
    const b = await (await link.send(cltuOf([4]))).acknowledged;
    expect(b).toMatchObject({ ok: false, reason: expect.stringContaining('not radiating') as unknown });
    expect(receiver.counters).toMatchObject({ received: 2, malformed: 1, notRadiating: 1, acknowledged: 0 });
    expect(link.counters().refused).toBe(2);
  });

  it('refuses to send while down, reports CLTUs left unanswered, and reconnects', async () => {
    let release: (() => void) | undefined;
    const { link, receiver, port } = await pair(() => new Promise<CltuDecision>((r) => (release = () => { r('accept'); })));
    const pending = await link.send(cltuOf([1]));
    await until(() => release !== undefined, 'the receiver to hold the CLTU');
    await receiver.stop();
    const ack = await pending.acknowledged;
    expect(ack.ok).toBe(false);
    await until(() => link.status() !== 'ok', 'the link to notice');
    await expect(link.send(cltuOf([2]))).rejects.toMatchObject({ code: 'TC_LINK_DOWN' } satisfies Partial<ZenithError>);
    expect(link.counters().unanswered).toBe(1);
    const again = new TcpTcCltuReceiver({ port });
    await again.start();
    open.push(again);
    await until(() => link.status() === 'ok', 'the link to reconnect');
    expect((await (await link.send(cltuOf([3]))).acknowledged).ok).toBe(true);
    expect(link.counters().connections).toBe(2);
  });

  it('stays disabled until enabled', async () => {
    const receiver = new TcpTcCltuReceiver({ port: 0 });
    await receiver.start();
    open.push(receiver);
    const link = new TcpTcCltuLink({ name: 'S1-tc', station: 'S1', host: '127.0.0.1', port: receiver.address()!.port, disabled: true });
    open.push(link);
    const seen: string[] = [];
    link.onStatus((s) => seen.push(s));
    await link.start();
    expect(link.status()).toBe('disabled');
    await expect(link.send(cltuOf([1]))).rejects.toMatchObject({ code: 'TC_LINK_DOWN' });
    await link.enable();
    expect(link.status()).toBe('ok');
    await link.disable();
    expect(seen).toEqual(['disabled', 'ok', 'disabled']);
    expect(link.info()).toMatchObject({ name: 'S1-tc', station: 'S1', direction: 'uplink', status: 'disabled' });
  });
});
