import { describe, expect, it } from 'vitest';
import { BatchWriter } from './index.ts';

/** A write that is held until the test releases it, recording each batch. */
function heldWrites(): { batches: number[][]; release: (errors?: (string | undefined)[]) => void; fail: (e: Error) => void; write: (b: number[]) => Promise<readonly unknown[] | undefined> } {
  const batches: number[][] = [];
  let settle: { resolve: (x: readonly unknown[] | undefined) => void; reject: (e: Error) => void } | undefined;
  return {
    batches,
    write: (b) => {
      batches.push([...b]);
      return new Promise((resolve, reject) => (settle = { resolve, reject }));
    },
    release: (errors) => {
      settle?.resolve(errors);
    },
    fail: (e) => {
      settle?.reject(e);
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BatchWriter', () => {
  it('writes what arrives during one commit together in the next (group commit), in order', async () => {
    const w = heldWrites();
    const writer = new BatchWriter(w.write, 100);
    const done: string[] = [];
    void writer.add([1]).then(() => done.push('a'));
    void writer.add([2]).then(() => done.push('b'));
    await tick();
    expect(w.batches).toEqual([[1, 2]]);
    void writer.add([3]).then(() => done.push('c'));
    void writer.add([4, 5]).then(() => done.push('d'));
    expect(writer.backlog).toBe(5);
    w.release();
    await tick();
    expect(done).toEqual(['a', 'b']);
    expect(w.batches).toEqual([[1, 2], [3, 4, 5]]);
    w.release();
    await writer.idle();
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(writer.backlog).toBe(0);
  });

  it('keeps batches within the limit without splitting an add', async () => {
    const w = heldWrites();
    const writer = new BatchWriter(w.write, 3);
    const all = [writer.add([1, 2]), writer.add([3, 4]), writer.add([5]), writer.add([6, 7, 8, 9])];
    for (let i = 0; i < 4; i++) {
      await tick();
      w.release();
    }
    await Promise.all(all);
    expect(w.batches).toEqual([[1, 2], [3, 4, 5], [6, 7, 8, 9]]);
  });

  it('rejects only the adds whose items were refused, and all of a batch that failed', async () => {
    const w = heldWrites();
    const writer = new BatchWriter(w.write, 10);
    const a = writer.add([1, 2]);
    const b = writer.add([3]);
    await tick();
    w.release([undefined, 'bad 2', undefined]);
    await expect(a).rejects.toBe('bad 2');
    await expect(b).resolves.toBeUndefined();
    const c = writer.add([4]);
    const d = writer.add([5]);
    await tick();
    w.fail(new Error('disk full'));
    await expect(c).rejects.toThrow('disk full');
    await expect(d).rejects.toThrow('disk full');
    await writer.idle();
    expect(writer.backlog).toBe(0);
  });

  it('is idle at once when nothing waits', async () => {
    await expect(new BatchWriter(() => Promise.resolve(undefined), 1).idle()).resolves.toBeUndefined();
    expect(() => new BatchWriter(() => Promise.resolve(undefined), 0)).toThrow(RangeError);
  });
});
