// Catalog propagation on worker threads: the same bytes as one thread, chunk by chunk, deep-space
// objects included; it works when TypeScript was loaded through tsx's API (as bin/zenith.js does);
// it can be cancelled; misuse is a RangeError.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseElements } from '../../core/orbit/index.ts';
import { batchFromElements, createStateBuffers, propagateBatchGrid, propagateTimes } from '../../core/orbit/batch/index.ts';
import { createPropagationPool, propagateCatalog, type CatalogChunk } from './propagateCatalog.ts';

const CATALOG = resolve('../shared/data/tle/spacetrack-full-catalog-2022-07/3le.txt');
const all = parseElements(readFileSync(CATALOG, 'utf8'), { file: CATALOG }).elements;
// Every 12th object: 2011 objects, near-earth, low-perigee and deep-space (with both resonances) alike.
const elements = all.filter((_, i) => i % 12 === 0);
const grid = { startMs: Date.UTC(2022, 6, 22), stepMs: 60_000, count: 360 };

/** Byte-for-byte equality of two typed arrays (vitest's toEqual walks megabytes index by index). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

describe('propagateCatalog', () => {
  const pool = createPropagationPool({ threads: 2 });
  afterAll(async () => {
    await pool.destroy();
  });

  it('gives the same bytes on two worker threads as the batch propagator on this one', async () => {
    const single = createStateBuffers(elements.length * grid.count);
    const singleFailures = propagateBatchGrid(batchFromElements(elements), grid.startMs, grid.stepMs, grid.count, single);

    const multi = createStateBuffers(elements.length * grid.count);
    const firsts: number[] = [];
    const summary = await propagateCatalog(
      elements,
      grid,
      (chunk: CatalogChunk) => {
        firsts.push(chunk.first);
        const at = chunk.first * grid.count;
        multi.positionsKm.set(chunk.positionsKm, 3 * at);
        multi.velocitiesKmPerS.set(chunk.velocitiesKmPerS!, 3 * at);
        multi.errors.set(chunk.errors, at);
      },
      { pool, chunkObjects: 100 },
    );
    expect(firsts.sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, j) => 100 * j));
    expect(summary).toEqual({ objects: elements.length, steps: elements.length * grid.count, failedSteps: singleFailures });
    expect(singleFailures).toBeGreaterThan(0);
    expect(sameBytes(multi.positionsKm, single.positionsKm)).toBe(true);
    expect(sameBytes(multi.velocitiesKmPerS, single.velocitiesKmPerS)).toBe(true);
    expect(sameBytes(multi.errors, single.errors)).toBe(true);
    // And the comparison can fail: one changed bit is seen.
    multi.errors[7] = multi.errors[7]! ^ 1;
    expect(sameBytes(multi.errors, single.errors)).toBe(false);
  });

  it('propagates at a list of times (a grid with its end added) as propagateTimes does on this thread', async () => {
    const some = elements.slice(0, 300);
    const timesMs = [...Array.from({ length: 50 }, (_, k) => grid.startMs + k * 420_000), grid.startMs + 50 * 420_000 - 1234.5];
    const single = createStateBuffers(some.length * timesMs.length);
    const batch = batchFromElements(some);
    for (let j = 0; j < some.length; j++) propagateTimes(batch, j, timesMs, single, j * timesMs.length);
    const multi = createStateBuffers(some.length * timesMs.length);
    const summary = await propagateCatalog(some, { timesMs }, (chunk) => {
      const at = chunk.first * timesMs.length;
      multi.positionsKm.set(chunk.positionsKm, 3 * at);
      multi.velocitiesKmPerS.set(chunk.velocitiesKmPerS!, 3 * at);
      multi.errors.set(chunk.errors, at);
    }, { pool, chunkObjects: 64 });
    expect(summary.steps).toBe(some.length * timesMs.length);
    expect(sameBytes(multi.positionsKm, single.positionsKm)).toBe(true);
    expect(sameBytes(multi.velocitiesKmPerS, single.velocitiesKmPerS)).toBe(true);
    expect(sameBytes(multi.errors, single.errors)).toBe(true);
    await expect(propagateCatalog(some, { timesMs: [grid.startMs, NaN] }, () => undefined, { pool })).rejects.toThrow(RangeError);
  });

  it('leaves velocities out on request', async () => {
    const chunks: CatalogChunk[] = [];
    await propagateCatalog(elements.slice(0, 10), { ...grid, count: 5 }, (c) => chunks.push(c), { pool, velocities: false });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.velocitiesKmPerS).toBeUndefined();
    expect(chunks[0]!.positionsKm).toHaveLength(150);
  });

  it('stops handing out chunks when its signal is aborted and rejects with the abort', async () => {
    const controller = new AbortController();
    let delivered = 0;
    const run = propagateCatalog(elements, grid, () => {
      delivered++;
      controller.abort();
    }, { pool, chunkObjects: 10, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(delivered).toBe(1);
    // The pool is still usable afterwards: no worker was torn down mid-reply.
    const after = await propagateCatalog(elements.slice(0, 3), { ...grid, count: 2 }, () => undefined, { pool });
    expect(after.steps).toBe(6);
  });

  it('refuses a bad grid or chunk size', async () => {
    await expect(propagateCatalog(elements, { ...grid, count: -1 }, () => undefined, { pool })).rejects.toThrow(RangeError);
    await expect(propagateCatalog(elements, { ...grid, stepMs: NaN }, () => undefined, { pool })).rejects.toThrow(RangeError);
    await expect(propagateCatalog(elements, grid, () => undefined, { pool, chunkObjects: 0 })).rejects.toThrow(RangeError);
  });

  it('runs its workers when the process loaded TypeScript through tsx`s API, as bin/zenith.js does', () => {
    const script = `
      const { register } = await import('tsx/esm/api');
      register();
      const { parseElements } = await import('./src/core/orbit/index.ts');
      const { propagateCatalog } = await import('./src/complex/workers/index.ts');
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(${JSON.stringify(CATALOG)}, 'utf8');
      const elements = parseElements(text).elements.slice(0, 40);
      let sum = 0;
      const summary = await propagateCatalog(elements, { startMs: ${grid.startMs}, stepMs: 60000, count: 10 },
        (c) => { for (const x of c.positionsKm) sum += Math.abs(x); }, { threads: 2, chunkObjects: 16 });
      console.log(JSON.stringify({ ...summary, positive: sum > 0 }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: resolve('.') });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ objects: 40, steps: 400, failedSteps: 0, positive: true });
  });
});
