// Worker-thread pools (piscina) for catalog-wide jobs. Zenith runs from TypeScript sources through
// tsx, and a worker thread does not inherit the loader hooks of the thread that starts it, so every
// worker starts from workerEntry.mjs, which loads the task module as an ES module through tsx's API:
// the same pool works under `node bin/zenith.js`, `npx tsx ...` and vitest.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

export interface WorkerPoolOptions {
  /** Worker threads; all cores when absent. */
  readonly threads?: number;
  /** Idle workers exit after this long (ms); 30 s when absent. */
  readonly idleTimeoutMs?: number;
}

/** What workerEntry.mjs reads from the pool's workerData. */
export interface WorkerEntryData {
  /** file: URL of the .ts module whose default export is the task. */
  readonly taskModule: string;
}

/**
 * A piscina pool whose workers run `workerModule` (a .ts file exporting the task as its default
 * export). Close it with `destroy()`.
 */
export function createWorkerPool<Task, Result>(workerModule: URL, options: WorkerPoolOptions = {}): Piscina<Task, Result> {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, found ${threads}`);
  return new Piscina<Task, Result>({
    filename: new URL('./workerEntry.mjs', import.meta.url).href,
    workerData: { taskModule: workerModule.href } satisfies WorkerEntryData,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
    // Not the parent's flags: under `npx tsx` they would load tsx's CommonJS hooks into every worker.
    execArgv: [],
  });
}
