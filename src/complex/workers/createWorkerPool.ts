// Worker-thread pools (piscina) for catalog-wide jobs. Zenith runs from TypeScript sources through
// tsx, and a worker thread does not inherit the loader hooks of the thread that starts it, so every
// worker is started with tsx's loader itself: the same pool works under `node bin/zenith.js`,
// `npx tsx ...` and vitest.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

export interface WorkerPoolOptions {
  /** Worker threads; all cores when absent. */
  readonly threads?: number;
  /** Idle workers exit after this long (ms); 30 s when absent. */
  readonly idleTimeoutMs?: number;
}

/** file: URL of tsx's loader, resolved from this package (not from the current directory). */
function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/**
 * A piscina pool whose workers run `workerModule` (a .ts file exporting the task as its default
 * export). Close it with `destroy()`.
 */
export function createWorkerPool<Task, Result>(workerModule: URL, options: WorkerPoolOptions = {}): Piscina<Task, Result> {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, found ${threads}`);
  return new Piscina<Task, Result>({
    filename: workerModule.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
    execArgv: ['--import', tsxLoaderUrl()],
  });
}
