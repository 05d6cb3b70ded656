// Group commit for archive writes: items queue while one transaction runs and go together in the
// next, so a quiet link is written at once and a busy one in large batches. Each `add` resolves
// once the transaction holding its items has committed, and in the order of the adds.

interface Entry<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Writes one batch; resolves when committed. It may resolve with an error per item (index in the
 * batch, undefined = stored) when some items were refused and the others stored.
 */
export type BatchWrite<T> = (batch: T[]) => Promise<readonly unknown[] | undefined>;

export class BatchWriter<T> {
  private queue: Entry<T>[] = [];
  private queued = 0;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly write: BatchWrite<T>,
    /** Items per transaction at most (an add is never split, so one large add may exceed it). */
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`batch size must be a positive integer, got ${maxBatch}`);
  }

  /** Items queued and not yet committed. */
  get backlog(): number {
    return this.queued;
  }

  add(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queued += items.length;
      this.running ??= this.run();
    });
  }

  /** Resolves once everything added so far is committed (or refused). */
  idle(): Promise<void> {
    if (this.running === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    // Let the rest of this I/O turn (the other frames of one TCP chunk) join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const entries: Entry<T>[] = [];
      const batch: T[] = [];
      while (this.queue.length > 0 && (batch.length === 0 || batch.length + (this.queue[0]?.items.length ?? 0) <= this.maxBatch)) {
        const entry = this.queue.shift() as Entry<T>;
        entries.push(entry);
        for (const item of entry.items) batch.push(item);
      }
      let errors: readonly unknown[] | undefined;
      try {
        errors = await this.write(batch);
      } catch (error) {
        this.queued -= batch.length;
        for (const e of entries) e.reject(error);
        continue;
      }
      this.queued -= batch.length;
      let at = 0;
      for (const e of entries) {
        const failed = errors?.slice(at, at + e.items.length).find((x) => x !== undefined);
        at += e.items.length;
        if (failed === undefined) e.resolve();
        else e.reject(failed);
      }
    }
    this.running = undefined;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
