// The web UI for `zenith up`: web/ built with Vite's JS API into web/dist/build-<key>, where the key
// sums up the sources (web/ and the src/core it bundles), so a fresh clone builds once (a few
// seconds) and later starts reuse the build until a source changes. Builds run in a temporary folder
// renamed into place, so two complexes starting at once never serve a half-written folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { precompressWebFiles } from './precompressWebFiles.ts';

/** The package root (where web/ and src/ are). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const COMPLETE = '.complete';
const KEEP_BUILDS = 3;

function listSources(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === 'dist' || name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) listSources(path, out);
    else if (!name.endsWith('.test.ts')) out.push(`${path}\u0000${st.size}\u0000${Math.round(st.mtimeMs)}`);
  }
}

/** A short key of the UI's sources: every file's path, size and modification time. */
export function webSourceKey(root: string = PACKAGE_ROOT): string {
  const files: string[] = [];
  listSources(join(root, 'web'), files);
  listSources(join(root, 'src', 'core'), files);
  // The lock file (package versions) and the build's own code (its configuration, the compression) count too.
  for (const path of [join(root, 'package-lock.json'), fileURLToPath(import.meta.url), fileURLToPath(new URL('./precompressWebFiles.ts', import.meta.url))]) {
    files.push(`${path}\u0000${existsSync(path) ? `${statSync(path).size}\u0000${Math.round(statSync(path).mtimeMs)}` : 'missing'}`);
  }
  files.sort();
  return createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
}

/**
 * satellite.js 7's entry also exports its WebAssembly builds, whose Node-only code (top-level
 * await, worker_threads) cannot be bundled for the browser; core uses none of it. The browser gets
 * the same entry without that line.
 */
function satelliteJsWithoutWasm(): Plugin {
  const index = fileURLToPath(import.meta.resolve('satellite.js'));
  const dir = dirname(index);
  const code = readFileSync(index, 'utf8')
    .split('\n')
    .filter((line) => !line.includes('./wasm/'))
    .map((line) => line.replace(/from '\.\/([^']+)'/, (_m, rel: string) => `from ${JSON.stringify(join(dir, rel))}`))
    .join('\n');
  const id = '\0satellite.js';
  return {
    name: 'zenith-satellite-js-without-wasm',
    enforce: 'pre',
    resolveId: (source) => (source === 'satellite.js' ? id : null),
    load: (source) => (source === id ? code : null),
  };
}

export interface WebUiBuild {
  /** The folder of built files to serve. */
  readonly root: string;
  /** True when this call ran Vite; false when an up-to-date build was reused. */
  readonly built: boolean;
  readonly ms: number;
}

/**
 * The built UI, building it first when web/ or src/core changed since the last build. Undefined
 * when there is no web/ folder; throws when Vite is missing or the build fails.
 */
export async function ensureWebUi(log: (line: string) => void = () => undefined, root: string = PACKAGE_ROOT): Promise<WebUiBuild | undefined> {
  const t0 = performance.now();
  const webDir = join(root, 'web');
  if (!existsSync(join(webDir, 'index.html'))) return undefined;
  const distDir = join(webDir, 'dist');
  const key = webSourceKey(root);
  const target = join(distDir, `build-${key}`);
  if (existsSync(join(target, COMPLETE))) {
    log(`web UI: reusing the build in ${target} (sources unchanged)`);
    return { root: target, built: false, ms: performance.now() - t0 };
  }
  log(`web UI: building web/ with Vite into ${target} (sources changed or first start; takes a few seconds)`);
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  mkdirSync(distDir, { recursive: true });
  const temp = join(distDir, `tmp-${process.pid}-${Date.now()}`);
  try {
    await build({
      root: webDir,
      configFile: false,
      logLevel: 'warn',
      base: '/',
      plugins: [satelliteJsWithoutWasm(), react()],
      build: {
        outDir: temp,
        emptyOutDir: true,
        chunkSizeWarningLimit: 2048,
        reportCompressedSize: false,
        // src/core has no side effects (DESIGN.md: no I/O, no global state), so what the UI does not
        // use of it is left out, and with it the packages only that part needs (fast-xml-parser).
        rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes(`${sep}src${sep}core${sep}`) } },
      },
    });
    const packed = precompressWebFiles(temp);
    log(`web UI: ${packed.files} files of ${(packed.bytes / 1024).toFixed(0)} KiB compressed to ${(packed.brotliBytes / 1024).toFixed(0)} KiB (brotli), ${(packed.gzipBytes / 1024).toFixed(0)} KiB (gzip)`);
    writeFileSync(join(temp, COMPLETE), `${new Date().toISOString()}\n`);
    try {
      renameSync(temp, target);
    } catch (error) {
      // Another complex finished the same build first: use it.
      if (!existsSync(join(target, COMPLETE))) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  pruneBuilds(distDir, target);
  const ms = performance.now() - t0;
  log(`web UI: built in ${(ms / 1000).toFixed(1)} s`);
  return { root: target, built: true, ms };
}

/** Keeps the newest few builds (a running complex may still serve an older one). */
function pruneBuilds(distDir: string, keep: string): void {
  const builds = readdirSync(distDir)
    .filter((n) => n.startsWith('build-'))
    .map((n) => ({ path: join(distDir, n), mtimeMs: statSync(join(distDir, n)).mtimeMs }))
    .filter((b) => b.path !== keep)
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
}
