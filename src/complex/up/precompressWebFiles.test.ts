// precompressWebFiles: brotli and gzip copies beside the UI's text files of 1 KiB or more, in every
// folder, that decompress to the file; small files and images are left alone.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressWebFiles } from './precompressWebFiles.ts';

describe('precompressWebFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zenith-precompress-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes NAME.br and NAME.gz beside the text files worth it, which decompress to the file', () => {
    const app = 'export function draw(map) { return map.features.map((f) => f.id); }\n'.repeat(400);
    const atlas = JSON.stringify({ type: 'Topology', arcs: Array.from({ length: 500 }, (_, i) => [[i, i * 2], [i + 1, i * 3]]) });
    mkdirSync(join(dir, 'assets', 'data'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'app.js'), app);
    writeFileSync(join(dir, 'assets', 'data', 'atlas.json'), atlas);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Zenith</title>');
    writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
    const summary = precompressWebFiles(dir);
    expect(summary.files).toBe(2);
    expect(summary.bytes).toBe(app.length + atlas.length);
    expect(summary.brotliBytes).toBeLessThan(summary.bytes / 5);
    expect(summary.gzipBytes).toBeLessThan(summary.bytes / 4);
    for (const [path, text] of [[join(dir, 'assets', 'app.js'), app], [join(dir, 'assets', 'data', 'atlas.json'), atlas]] as const) {
      expect(brotliDecompressSync(readFileSync(`${path}.br`)).toString()).toBe(text);
      expect(gunzipSync(readFileSync(`${path}.gz`)).toString()).toBe(text);
    }
    // The small page (under MIN_COMPRESS_BYTES) and the image stay as they are.
    expect(readdirSync(dir).sort()).toEqual(['assets', 'index.html']);
    expect(readdirSync(join(dir, 'assets')).sort()).toEqual(['app.js', 'app.js.br', 'app.js.gz', 'data', 'logo.png']);
  });
});
