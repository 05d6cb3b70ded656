// Worker pools start every thread from workerEntry.mjs: the task module runs as an ES module (not as
// CommonJS, where each imported binding is read through a getter), and a module without a task says so.
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from './createWorkerPool.ts';

const fixture = (name: string): URL => new URL(`../../../test/fixtures/workers/${name}`, import.meta.url);

describe('createWorkerPool', () => {
  const pool = createWorkerPool<undefined, { kind: string; url: string }>(fixture('moduleKindTask.ts'), { threads: 2 });
  afterAll(async () => {
    await pool.destroy();
  });

  it('runs the task module as an ES module on every thread', async () => {
    const results = await Promise.all([pool.run(undefined), pool.run(undefined), pool.run(undefined), pool.run(undefined)]);
    for (const r of results) {
      expect(r.kind).toBe('esm');
      expect(r.url).toContain('/test/fixtures/workers/moduleKindTask.ts');
    }
  });

  it('rejects with the module named when it has no default export', async () => {
    const bad = createWorkerPool<undefined, unknown>(fixture('noDefaultTask.ts'), { threads: 1 });
    try {
      await expect(bad.run(undefined)).rejects.toThrow(/noDefaultTask\.ts has no default export/);
    } finally {
      await bad.destroy();
    }
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => createWorkerPool(fixture('moduleKindTask.ts'), { threads: 0 })).toThrow(RangeError);
    expect(() => createWorkerPool(fixture('moduleKindTask.ts'), { threads: 1.5 })).toThrow(/positive integer/);
  });
});
