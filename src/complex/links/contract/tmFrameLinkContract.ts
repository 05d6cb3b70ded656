// The one test suite every TM frame link passes (DESIGN.md, "Seams are narrow interfaces"):
// tagging with station and spacecraft (from the link or the frame's SCID), quality flags,
// counters, the status through start, traffic, disable/enable, a port already taken, and stop.
// Expected tags are worked out from how the test frames were built, not read from the link.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTmFrame } from '../../../core/ccsds/index.ts';
import { ZenithError } from '../../../core/errors/index.ts';
import type { FrameRecord } from '../../archive/index.ts';
import { QUALITY_SCID_MISMATCH, QUALITY_UNEXPECTED_LENGTH, QUALITY_UNKNOWN_SPACECRAFT } from '../index.ts';
import type { LinkStatus, TmFrameLink, TmFrameSink } from '../index.ts';

export interface LinkOptionsForTest {
  readonly name: string;
  readonly station: string;
  readonly port: number;
  readonly spacecraft?: string;
  readonly spacecraftIds?: ReadonlyMap<number, string>;
  readonly frameLength?: number;
  readonly retryMs?: number;
}

export interface TmFrameLinkHarness {
  readonly transport: 'tcp' | 'udp';
  create(options: LinkOptionsForTest): TmFrameLink;
  /** Sends the frames to the link's port the way its transport carries them. */
  send(port: number, frames: readonly Uint8Array[]): Promise<void>;
  /** Ends what `send` left open (connections), so the link has no sender. */
  disconnect(): Promise<void>;
}

/** A sink that keeps what it is given; it refuses frames while `refuse` is set. */
export class CollectingSink implements TmFrameSink {
  readonly frames: FrameRecord[] = [];
  refuse: ZenithError | undefined;

  accept(frame: FrameRecord): Promise<void> {
    if (this.refuse !== undefined) return Promise.reject(this.refuse);
    this.frames.push(frame);
    return Promise.resolve();
  }
}

/** Waits (polling) until `condition` holds; fails after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const SCIDS = new Map([
  [42, 'ZEN-T'],
  [43, 'ZEN-U'],
]);
const FRAME_LENGTH = 64;

/** A valid TM frame of `scid` whose data field is filled with `fill`. */
export function testFrame(scid: number, fill: number, frameLength = FRAME_LENGTH): Uint8Array {
  return encodeTmFrame(
    { scid, vcid: 1, mcFrameCount: fill & 0xff, vcFrameCount: fill & 0xff, firstHeaderPointer: 0x7fe, dataField: new Uint8Array(frameLength - 8).fill(fill) },
    { frameLength },
  );
}

export function tmFrameLinkContract(name: string, harness: TmFrameLinkHarness): void {
  describe(`TM frame link contract: ${name}`, () => {
    let link: TmFrameLink | undefined;

    afterEach(async () => {
      await harness.disconnect();
      await link?.stop();
      link = undefined;
    });

    async function started(options: Partial<LinkOptionsForTest> = {}): Promise<{ link: TmFrameLink; sink: CollectingSink; statuses: LinkStatus[] }> {
      const l = harness.create({ name: 'S1-tm', station: 'S1', port: 0, spacecraftIds: SCIDS, frameLength: FRAME_LENGTH, ...options });
      link = l;
      const sink = new CollectingSink();
      const statuses: LinkStatus[] = [];
      l.onStatus((s) => statuses.push(s));
      l.attach(sink);
      await l.start();
      return { link: l, sink, statuses };
    }

    it('refuses to start without a sink', async () => {
      const l = harness.create({ name: 'S1-tm', station: 'S1', port: 0 });
      await expect(l.start()).rejects.toThrow(TypeError);
    });

    it('listens, unavailable until frames come, and says where', async () => {
      const { link: l } = await started();
      expect(l.status()).toBe('unavailable');
      expect(l.transport).toBe(harness.transport);
      expect(l.address()?.port).toBeGreaterThan(0);
      expect(l.statusDetail()).toContain(`${l.address()?.port ?? '?'}`);
      expect(l.counters()).toMatchObject({ framesReceived: 0, framesStored: 0 });
    });

    it('tags frames with source, station and the spacecraft of their SCID, and counts them', async () => {
      const { link: l, sink, statuses } = await started();
      const frames = [testFrame(42, 1), testFrame(43, 2), testFrame(7, 3), testFrame(42, 4, 80)];
      await harness.send(l.address()?.port ?? 0, frames);
      await until(() => sink.frames.length === 4, 'four frames');
      // UDP may reorder datagrams: compare by content.
      const byFill = new Map(sink.frames.map((f) => [f.bytes[10], f]));
      expect(byFill.get(1)).toMatchObject({ source: 'S1-tm', station: 'S1', spacecraft: 'ZEN-T', qualityFlags: 0, bytes: frames[0] });
      expect(byFill.get(2)).toMatchObject({ spacecraft: 'ZEN-U', qualityFlags: 0 });
      expect(byFill.get(3)).toMatchObject({ spacecraft: 'scid-7', qualityFlags: QUALITY_UNKNOWN_SPACECRAFT });
      expect(byFill.get(4)).toMatchObject({ spacecraft: 'ZEN-T', qualityFlags: QUALITY_UNEXPECTED_LENGTH });
      expect(new Set(sink.frames.map((f) => f.sequence)).size).toBe(4);
      for (const f of sink.frames) expect(Number.isFinite(f.receptionTimeMs)).toBe(true);
      await until(() => l.counters().framesStored === 4, 'stored count');
      expect(l.counters()).toMatchObject({ framesReceived: 4, framesStored: 4, octetsReceived: 64 * 3 + 80, framesRefused: 0 });
      expect(l.counters().lastFrameMs).not.toBeNull();
      expect(statuses).toContain('ok');
    });

    it('tags every frame with the spacecraft of a tagged link and flags a foreign SCID', async () => {
      const { link: l, sink } = await started({ spacecraft: 'ZEN-T' });
      expect(l.spacecraft).toBe('ZEN-T');
      await harness.send(l.address()?.port ?? 0, [testFrame(42, 1), testFrame(43, 2)]);
      await until(() => sink.frames.length === 2, 'two frames');
      const byFill = new Map(sink.frames.map((f) => [f.bytes[10], f]));
      expect(byFill.get(1)).toMatchObject({ spacecraft: 'ZEN-T', qualityFlags: 0 });
      expect(byFill.get(2)).toMatchObject({ spacecraft: 'ZEN-T', qualityFlags: QUALITY_SCID_MISMATCH });
    });

    it('counts frames the sink refuses', async () => {
      const { link: l, sink } = await started();
      sink.refuse = new ZenithError('ARCHIVE_INPUT', 'frames[0].receptionTimeMs: expected a time');
      await harness.send(l.address()?.port ?? 0, [testFrame(42, 1)]);
      await until(() => l.counters().framesRefused === 1, 'a refusal');
      expect(l.counters()).toMatchObject({ framesReceived: 1, framesStored: 0, framesRefused: 1 });
    });

    it('takes nothing while disabled and resumes when enabled', async () => {
      const { link: l, sink, statuses } = await started();
      await l.disable();
      expect(l.status()).toBe('disabled');
      expect(l.address()).toBeUndefined();
      await l.enable();
      expect(l.status()).toBe('unavailable');
      await harness.send(l.address()?.port ?? 0, [testFrame(42, 9)]);
      await until(() => sink.frames.length === 1, 'a frame after enable');
      expect(statuses.slice(0, 2)).toEqual(['disabled', 'unavailable']);
    });

    it('starts disabled when asked', async () => {
      const l = harness.create({ name: 'S1-tm', station: 'S1', port: 0 });
      link = l;
      l.attach(new CollectingSink());
      await l.disable();
      await l.start();
      expect(l.status()).toBe('disabled');
      expect(l.address()).toBeUndefined();
    });

    it('fails on a port already taken and opens once it is free', async () => {
      const blocker = harness.transport === 'tcp' ? createServer() : createSocket('udp4');
      const port = await new Promise<number>((resolve) => {
        if ('listen' in blocker) blocker.listen(0, '127.0.0.1', () => { resolve((blocker.address() as { port: number }).port); });
        else blocker.bind(0, '127.0.0.1', () => { resolve(blocker.address().port); });
      });
      const { link: l } = await started({ port, retryMs: 50 });
      expect(l.status()).toBe('failed');
      expect(l.statusDetail()).toContain(`${port}`);
      await new Promise<void>((resolve) => blocker.close(() => { resolve(); }));
      await until(() => l.status() === 'unavailable', 'the link to open after the port was freed');
      expect(l.address()?.port).toBe(port);
    });

    it('reports a stopped link as unavailable with no address', async () => {
      const { link: l } = await started();
      await l.stop();
      expect(l.status()).toBe('unavailable');
      expect(l.statusDetail()).toBe('stopped');
      expect(l.address()).toBeUndefined();
      expect(l.info()).toMatchObject({ name: 'S1-tm', station: 'S1', transport: harness.transport, status: 'unavailable' });
    });
  });
}
