import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_KINDS, openTestArchive } from '../../../test/tmSupport/index.ts';
import type { TestArchive } from '../../../test/tmSupport/index.ts';
import type { Archive, FrameRecord } from '../archive/index.ts';
import { MemoryBus } from '../bus/memory/index.ts';
import { until } from '../links/contract/index.ts';
import { FrameStore, TM_FRAME_ALL, decodeFrameRecord } from './index.ts';

const T0 = Date.UTC(2026, 10, 25, 12);

function frame(source: string, sequence: number, extra: Partial<FrameRecord> = {}): FrameRecord {
  return { source, sequence, receptionTimeMs: T0 + sequence, station: 'S1', spacecraft: 'ZEN-T', qualityFlags: 0, bytes: Uint8Array.of(sequence & 0xff, 1, 2), ...extra };
}

describe.each(ARCHIVE_KINDS)('FrameStore on %s', (kind) => {
  let store: TestArchive;
  beforeAll(async () => {
    store = await openTestArchive(kind);
  });
  afterAll(async () => {
    await store.dispose();
  });

  async function storedSequences(source: string): Promise<number[]> {
    const out: number[] = [];
    for await (const batch of store.archive.frames({ fromMs: T0 - 1, toMs: T0 + 1e6, sources: [source] })) out.push(...batch.map((f) => f.sequence));
    return out;
  }

  it('stores in batches and publishes each frame only after its commit', async () => {
    const bus = new MemoryBus();
    const fs = new FrameStore({ archive: store.archive, bus, maxBatch: 7 });
    const seenInArchive: boolean[] = [];
    const published: FrameRecord[] = [];
    bus.subscribe(TM_FRAME_ALL, async (m) => {
      const f = decodeFrameRecord(m.data);
      published.push(f);
      seenInArchive.push((await storedSequences('A')).includes(f.sequence));
    });
    const frames = Array.from({ length: 50 }, (_, i) => frame('A', i));
    await Promise.all(frames.map((f) => fs.accept(f)));
    await fs.idle();
    await until(() => seenInArchive.length === 50, 'fifty frames on the bus');
    expect(await storedSequences('A')).toEqual(frames.map((f) => f.sequence));
    expect(published).toEqual(frames);
    expect(seenInArchive.every(Boolean)).toBe(true);
    expect(fs.counters).toMatchObject({ accepted: 50, stored: 50, alreadyStored: 0, published: 50 });
    await bus.close();
  });

  it('stores and publishes a frame sent again only once', async () => {
    const bus = new MemoryBus();
    const fs = new FrameStore({ archive: store.archive, bus });
    let published = 0;
    bus.subscribe(TM_FRAME_ALL, () => {
      published++;
    });
    await fs.accept(frame('B', 1));
    await Promise.all([fs.accept(frame('B', 1)), fs.accept(frame('B', 2)), fs.accept(frame('B', 2))]);
    await fs.idle();
    await bus.flush();
    await until(() => published === 2, 'two frames on the bus');
    expect(await storedSequences('B')).toEqual([1, 2]);
    expect(published).toBe(2);
    expect(fs.counters).toMatchObject({ accepted: 4, stored: 2, alreadyStored: 2, published: 2 });
    // A new process (a restart) has no memory of it: the frame is processed again, not stored again.
    const after = new FrameStore({ archive: store.archive, bus });
    await after.accept(frame('B', 2));
    expect(after.counters).toMatchObject({ stored: 0, alreadyStored: 1, published: 1 });
    await bus.close();
  });

  it('refuses only the invalid frame of a batch', async () => {
    const bus = new MemoryBus();
    const fs = new FrameStore({ archive: store.archive, bus });
    const results = await Promise.allSettled([fs.accept(frame('C', 1)), fs.accept(frame('C', 2, { receptionTimeMs: 1e17 })), fs.accept(frame('C', 3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ARCHIVE_INPUT' });
    expect(await storedSequences('C')).toEqual([1, 3]);
    expect(fs.counters).toMatchObject({ stored: 2, refused: 1, published: 2 });
    await bus.close();
  });
});

describe('FrameStore when the archive fails', () => {
  it('rejects the whole batch (the sender keeps the frames) and publishes nothing', async () => {
    const bus = new MemoryBus();
    const failing = { storeFrames: () => Promise.reject(new Error('database is locked')) } as unknown as Archive;
    const fs = new FrameStore({ archive: failing, bus });
    let published = 0;
    bus.subscribe(TM_FRAME_ALL, () => {
      published++;
    });
    const results = await Promise.allSettled([fs.accept(frame('D', 1)), fs.accept(frame('D', 2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(fs.counters).toMatchObject({ failed: 2, stored: 0, published: 0 });
    expect(published).toBe(0);
    await bus.close();
  });
});
