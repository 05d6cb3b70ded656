// The one test suite every Bus implementation passes (DESIGN.md, "Seams are narrow interfaces"):
// subjects and wildcards, JSON payloads, durable streams with acknowledgement and redelivery.
// Names are unique per run so that runs against a shared NATS server do not meet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZenithError } from '../../../core/errors/index.ts';
import type { Bus, BusMessage, BusOptions, StreamMessage } from '../index.ts';
import { fromJson, toJson } from '../index.ts';

/** Opens a fresh bus of the implementation under test. */
export type BusFactory = (options?: BusOptions) => Promise<Bus>;

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Collects messages; `until(n)` resolves once n have arrived, and fails (naming what came) otherwise. */
class Inbox<M extends BusMessage> {
  readonly messages: M[] = [];
  private readonly waiters: { n: number; resolve: () => void }[] = [];

  readonly push = (message: M): void => {
    this.messages.push(message);
    for (const w of [...this.waiters]) if (this.messages.length >= w.n) w.resolve();
  };

  until(n: number, boundMs = 10_000): Promise<M[]> {
    if (this.messages.length >= n) return Promise.resolve(this.messages);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`expected ${n} messages, got ${this.messages.length}: ${this.messages.map((m) => `${m.subject}:${str(m.data)}`).join(', ')}`));
      }, boundMs);
      this.waiters.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.messages);
        },
      });
    });
  }
}

export function busContract(label: string, open: BusFactory): void {
  describe(`Bus contract: ${label}`, () => {
    const run = `${process.pid}${Math.floor(Math.random() * 1e9).toString(36)}`;
    const p = `zt${run}`;
    const streamName = (s: string): string => `ZT_${run}_${s}`;
    const created: string[] = [];
    let bus: Bus;
    const handlerErrors: string[] = [];

    beforeAll(async () => {
      bus = await open({ onHandlerError: (_e, subject) => handlerErrors.push(subject) });
    });
    afterAll(async () => {
      for (const name of created) await bus.deleteStream(name);
      await bus.close();
    });

    async function stream(suffix: string, subjects: string[]): Promise<string> {
      const name = streamName(suffix);
      created.push(name);
      await bus.ensureStream({ name, subjects });
      return name;
    }

    describe('publish and subscribe', () => {
      it('delivers to a subscriber of the subject, in order, as bytes', async () => {
        const inbox = new Inbox<BusMessage>();
        const sub = bus.subscribe(`${p}.plain`, inbox.push);
        await bus.flush();
        for (let i = 0; i < 5; i++) bus.publish(`${p}.plain`, text(`m${i}`));
        const got = await inbox.until(5);
        expect(got.map((m) => str(m.data))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
        expect(got.every((m) => m.subject === `${p}.plain` && m.data instanceof Uint8Array)).toBe(true);
        await sub.unsubscribe();
      });

      it('matches * to exactly one token and > to one or more', async () => {
        const one = new Inbox<BusMessage>();
        const many = new Inbox<BusMessage>();
        const subs = [bus.subscribe(`${p}.w.*`, one.push), bus.subscribe(`${p}.w.>`, many.push)];
        await bus.flush();
        for (const s of [`${p}.w`, `${p}.w.x`, `${p}.w.x.y`, `${p}.v.x`, `${p}.w.end`]) bus.publish(s, text(s));
        expect((await one.until(2)).map((m) => m.subject)).toEqual([`${p}.w.x`, `${p}.w.end`]);
        expect((await many.until(3)).map((m) => m.subject)).toEqual([`${p}.w.x`, `${p}.w.x.y`, `${p}.w.end`]);
        for (const s of subs) await s.unsubscribe();
      });

      it('stops delivering after unsubscribe', async () => {
        const gone = new Inbox<BusMessage>();
        const kept = new Inbox<BusMessage>();
        const subGone = bus.subscribe(`${p}.unsub`, gone.push);
        const subKept = bus.subscribe(`${p}.unsub`, kept.push);
        await bus.flush();
        bus.publish(`${p}.unsub`, text('before'));
        await kept.until(1);
        await gone.until(1);
        await subGone.unsubscribe();
        bus.publish(`${p}.unsub`, text('after'));
        await kept.until(2);
        expect(gone.messages.map((m) => str(m.data))).toEqual(['before']);
        await subKept.unsubscribe();
      });

      it('carries on after a handler throws, and reports the failure', async () => {
        const inbox = new Inbox<BusMessage>();
        const sub = bus.subscribe(`${p}.throws`, (m) => {
          inbox.push(m);
          if (str(m.data) === 'bad') throw new Error('handler failure');
        });
        await bus.flush();
        bus.publish(`${p}.throws`, text('bad'));
        bus.publish(`${p}.throws`, text('good'));
        expect((await inbox.until(2)).map((m) => str(m.data))).toEqual(['bad', 'good']);
        expect(handlerErrors).toContain(`${p}.throws`);
        await sub.unsubscribe();
      });

      it('round-trips JSON payloads and rejects bytes that are not JSON', async () => {
        const inbox = new Inbox<BusMessage>();
        const sub = bus.subscribe(`${p}.json`, inbox.push);
        await bus.flush();
        const value = { parameter: '/SAT/BATT_V', eng: 7.25, flags: [true, false], note: 'ünïcode' };
        bus.publish(`${p}.json`, toJson(value));
        bus.publish(`${p}.json`, text('{not json'));
        const [good, bad] = await inbox.until(2);
        expect(good?.json()).toEqual(value);
        expect(() => bad?.json()).toThrow(ZenithError);
        expect(() => fromJson(new Uint8Array([0xff, 0xfe]))).toThrow(/UTF-8/);
        await sub.unsubscribe();
      });

      it('refuses malformed subjects and wildcards in a publish subject', () => {
        expect(() => {
          bus.publish(`${p}.*`, text('x'));
        }).toThrow(TypeError);
        expect(() => {
          bus.publish(`${p}..x`, text('x'));
        }).toThrow(TypeError);
        expect(() => bus.subscribe(`${p}.>.x`, () => undefined)).toThrow(TypeError);
        expect(() => bus.subscribe('', () => undefined)).toThrow(TypeError);
      });
    });

    describe('durable streams', () => {
      it('stores in order, delivers from the start, and resumes after the last acknowledged message', async () => {
        const name = await stream('order', [`${p}.order.>`]);
        const acks = [];
        for (let i = 1; i <= 3; i++) acks.push(await bus.publishToStream(`${p}.order.tm`, text(`f${i}`)));
        expect(acks).toEqual([1, 2, 3].map((sequence) => ({ stream: name, sequence, duplicate: false })));

        const first = new Inbox<StreamMessage>();
        const c1 = await bus.consume({ stream: name, durable: 'archiver' }, async (m) => {
          await m.ack();
          first.push(m);
        });
        const got = await first.until(3);
        expect(got.map((m) => [m.sequence, str(m.data), m.deliveryCount, m.redelivered])).toEqual([
          [1, 'f1', 1, false],
          [2, 'f2', 1, false],
          [3, 'f3', 1, false],
        ]);
        await c1.stop();

        // Published while nobody consumes: the durable consumer gets them when it comes back.
        await bus.publishToStream(`${p}.order.tm`, text('f4'));
        await bus.publishToStream(`${p}.order.tm`, text('f5'));
        const second = new Inbox<StreamMessage>();
        const c2 = await bus.consume({ stream: name, durable: 'archiver' }, async (m) => {
          await m.ack();
          second.push(m);
        });
        expect((await second.until(2)).map((m) => str(m.data))).toEqual(['f4', 'f5']);
        await c2.stop();
      });

      it('redelivers a message not acknowledged within the ack wait', async () => {
        const name = await stream('ackwait', [`${p}.ackwait`]);
        await bus.publishToStream(`${p}.ackwait`, text('lost ack'));
        await bus.publishToStream(`${p}.ackwait`, text('acked'));
        const inbox = new Inbox<StreamMessage>();
        const c = await bus.consume({ stream: name, durable: 'slow', ackWaitMs: 400 }, async (m) => {
          inbox.push(m);
          if (str(m.data) === 'acked' || m.redelivered) await m.ack();
        });
        const got = await inbox.until(3);
        expect(got.map((m) => [str(m.data), m.sequence, m.deliveryCount, m.redelivered])).toEqual([
          ['lost ack', 1, 1, false],
          ['acked', 2, 1, false],
          ['lost ack', 1, 2, true],
        ]);
        await c.stop();
      });

      it('gives unacknowledged messages back when a consumer stops, so its restart receives them', async () => {
        const name = await stream('restart', [`${p}.restart`]);
        for (const s of ['a', 'b', 'c']) await bus.publishToStream(`${p}.restart`, text(s));
        const before = new Inbox<StreamMessage>();
        const c1 = await bus.consume({ stream: name, durable: 'pipeline' }, async (m) => {
          before.push(m);
          if (str(m.data) === 'a') await m.ack();
        });
        await before.until(3);
        await c1.stop();
        const after = new Inbox<StreamMessage>();
        const c2 = await bus.consume({ stream: name, durable: 'pipeline' }, async (m) => {
          after.push(m);
          await m.ack();
        });
        const got = await after.until(2);
        expect(got.map((m) => [str(m.data), m.deliveryCount, m.redelivered]).sort()).toEqual([
          ['b', 2, true],
          ['c', 2, true],
        ]);
        await c2.stop();
      });

      it('redelivers a message whose handler threw', async () => {
        const name = await stream('nak', [`${p}.nak`]);
        await bus.publishToStream(`${p}.nak`, text('x'));
        const inbox = new Inbox<StreamMessage>();
        const c = await bus.consume({ stream: name, durable: 'fragile', nakDelayMs: 0 }, async (m) => {
          inbox.push(m);
          if (m.deliveryCount === 1) throw new Error('transient');
          await m.ack();
        });
        expect((await inbox.until(2)).map((m) => [m.sequence, m.deliveryCount])).toEqual([
          [1, 1],
          [1, 2],
        ]);
        await c.stop();
      });

      it('keeps a position per durable name and honours a filter subject', async () => {
        const name = await stream('fanout', [`${p}.fan.*`]);
        for (const s of ['a', 'b', 'a', 'c']) await bus.publishToStream(`${p}.fan.${s}`, text(s));
        const all = new Inbox<StreamMessage>();
        const onlyA = new Inbox<StreamMessage>();
        const c1 = await bus.consume({ stream: name, durable: 'all' }, async (m) => {
          await m.ack();
          all.push(m);
        });
        const c2 = await bus.consume({ stream: name, durable: 'only-a', filterSubject: `${p}.fan.a` }, async (m) => {
          await m.ack();
          onlyA.push(m);
        });
        expect((await all.until(4)).map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
        expect((await onlyA.until(2)).map((m) => m.sequence)).toEqual([1, 3]);
        await c1.stop();
        await c2.stop();
        await expect(bus.consume({ stream: name, durable: 'only-a', filterSubject: `${p}.fan.b` }, () => undefined)).rejects.toMatchObject({
          code: 'BUS_CONSUMER_CONFLICT',
        });
      });

      it('shares one durable consumer between workers, each message handled once', async () => {
        const name = await stream('queue', [`${p}.queue`]);
        for (let i = 0; i < 20; i++) await bus.publishToStream(`${p}.queue`, text(`job${i}`));
        const done = new Inbox<StreamMessage>();
        const worker = (m: StreamMessage): Promise<void> => m.ack().then(() => {
          done.push(m);
        });
        const workers = [await bus.consume({ stream: name, durable: 'screening' }, worker), await bus.consume({ stream: name, durable: 'screening' }, worker)];
        const got = await done.until(20);
        expect(got.map((m) => m.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        for (const w of workers) await w.stop();
      });

      it("starts a 'new' consumer after what the stream already holds", async () => {
        const name = await stream('new', [`${p}.new`]);
        await bus.publishToStream(`${p}.new`, text('old'));
        const inbox = new Inbox<StreamMessage>();
        const c = await bus.consume({ stream: name, durable: 'late', deliver: 'new' }, async (m) => {
          await m.ack();
          inbox.push(m);
        });
        await bus.publishToStream(`${p}.new`, text('fresh'));
        expect((await inbox.until(1)).map((m) => [m.sequence, str(m.data)])).toEqual([[2, 'fresh']]);
        await c.stop();
      });

      it('stores a message once when published twice with the same id', async () => {
        const name = await stream('dedup', [`${p}.dedup`]);
        const a = await bus.publishToStream(`${p}.dedup`, text('frame 17'), { messageId: 'S1-17' });
        const b = await bus.publishToStream(`${p}.dedup`, text('frame 17'), { messageId: 'S1-17' });
        const c = await bus.publishToStream(`${p}.dedup`, text('frame 18'), { messageId: 'S1-18' });
        expect([a, b, c]).toEqual([
          { stream: name, sequence: 1, duplicate: false },
          { stream: name, sequence: 1, duplicate: true },
          { stream: name, sequence: 2, duplicate: false },
        ]);
      });

      it('also delivers stream messages to plain subscribers, and stores plain publishes', async () => {
        const name = await stream('mixed', [`${p}.mixed`]);
        const live = new Inbox<BusMessage>();
        const sub = bus.subscribe(`${p}.mixed`, live.push);
        await bus.flush();
        await bus.publishToStream(`${p}.mixed`, text('durable'));
        bus.publish(`${p}.mixed`, text('plain'));
        await bus.flush();
        expect((await live.until(2)).map((m) => str(m.data))).toEqual(['durable', 'plain']);
        const stored = new Inbox<StreamMessage>();
        const c = await bus.consume({ stream: name, durable: 'replay' }, async (m) => {
          await m.ack();
          stored.push(m);
        });
        expect((await stored.until(2)).map((m) => str(m.data))).toEqual(['durable', 'plain']);
        await c.stop();
        await sub.unsubscribe();
      });

      it('refuses a publish no stream captures, a missing stream, and overlapping streams', async () => {
        await expect(bus.publishToStream(`${p}.nowhere`, text('x'))).rejects.toMatchObject({ code: 'BUS_NO_STREAM' });
        await expect(bus.consume({ stream: streamName('missing'), durable: 'x' }, () => undefined)).rejects.toMatchObject({ code: 'BUS_NO_STREAM' });
        await stream('overlap1', [`${p}.ov.a.>`]);
        created.push(streamName('overlap2'));
        await expect(bus.ensureStream({ name: streamName('overlap2'), subjects: [`${p}.ov.*.b`] })).rejects.toMatchObject({ code: 'BUS_STREAM_OVERLAP' });
      });

      it('refuses malformed stream and consumer options', async () => {
        await expect(bus.ensureStream({ name: 'bad name', subjects: [`${p}.x`] })).rejects.toThrow(TypeError);
        await expect(bus.ensureStream({ name: streamName('nosubj'), subjects: [] })).rejects.toThrow(TypeError);
        await expect(bus.consume({ stream: streamName('order'), durable: 'd', ackWaitMs: -5 }, () => undefined)).rejects.toThrow(RangeError);
      });
    });
  });
}
