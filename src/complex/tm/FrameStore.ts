// The first stop of every frame: the links hand frames here, they are stored in group-committed
// batches, and only after the commit are they acknowledged (the link's promise resolves) and put
// on the bus `tm.frame.<spacecraft>` for processing. A frame sent again (a sender that missed the
// acknowledgement) is stored once by the archive's key and processed once per process.
import { isZenithError } from '../../core/errors/index.ts';
import type { Archive, FrameRecord } from '../archive/index.ts';
import type { Bus } from '../bus/index.ts';
import type { TmFrameSink } from '../links/index.ts';
import { BatchWriter } from './BatchWriter.ts';
import { encodeFrameRecord } from './frameRecordCodec.ts';
import { tmFrameSubject } from './subjects.ts';

export interface FrameStoreOptions {
  readonly archive: Archive;
  readonly bus: Bus;
  /** Frames per transaction at most (default 500). */
  readonly maxBatch?: number;
  /** Frames remembered to recognise one sent again in this process (default 65 536). */
  readonly recentCapacity?: number;
  /** Awaited before each batch, so a processor that falls behind slows ingest rather than queueing without bound. */
  readonly throttle?: () => Promise<void> | undefined;
}

export interface FrameStoreCounters {
  /** Frames handed in by links. */
  accepted: number;
  /** Rows the archive added (a frame stored before is not counted again). */
  stored: number;
  /** Frames the archive already held (resends). */
  alreadyStored: number;
  /** Frames refused as invalid (ARCHIVE_INPUT). */
  refused: number;
  /** Frames whose batch failed to commit (the sender must send them again). */
  failed: number;
  /** Frames put on the bus for processing. */
  published: number;
}

export class FrameStore implements TmFrameSink {
  readonly counters: FrameStoreCounters = { accepted: 0, stored: 0, alreadyStored: 0, refused: 0, failed: 0, published: 0 };
  private readonly writer: BatchWriter<FrameRecord>;
  private readonly recent = new Set<string>();
  private readonly recentOrder: string[] = [];
  private recentNext = 0;
  private readonly capacity: number;

  constructor(private readonly options: FrameStoreOptions) {
    this.capacity = options.recentCapacity ?? 65_536;
    this.writer = new BatchWriter((batch) => this.write(batch), options.maxBatch ?? 500);
  }

  /** Frames accepted and not yet committed. */
  get backlog(): number {
    return this.writer.backlog;
  }

  accept(frame: FrameRecord): Promise<void> {
    this.counters.accepted++;
    return this.writer.add([frame]);
  }

  /** Resolves once every frame accepted so far is committed and published (or refused). */
  idle(): Promise<void> {
    return this.writer.idle();
  }

  private async write(batch: FrameRecord[]): Promise<readonly unknown[] | undefined> {
    await this.options.throttle?.();
    let errors: unknown[] | undefined;
    try {
      const added = await this.options.archive.storeFrames(batch);
      this.counters.stored += added;
      this.counters.alreadyStored += batch.length - added;
    } catch (error) {
      if (!isZenithError(error) || error.code !== 'ARCHIVE_INPUT') {
        this.counters.failed += batch.length;
        throw error;
      }
      // One bad frame refuses the whole batch: store the frames one by one to refuse only it.
      errors = await this.storeEach(batch);
    }
    batch.forEach((frame, i) => {
      if (errors?.[i] === undefined) this.publish(frame);
    });
    return errors;
  }

  private async storeEach(batch: readonly FrameRecord[]): Promise<unknown[]> {
    const errors: unknown[] = [];
    for (const frame of batch) {
      try {
        const added = await this.options.archive.storeFrames([frame]);
        this.counters.stored += added;
        this.counters.alreadyStored += 1 - added;
        errors.push(undefined);
      } catch (error) {
        if (isZenithError(error) && error.code === 'ARCHIVE_INPUT') this.counters.refused++;
        else this.counters.failed++;
        errors.push(error);
      }
    }
    return errors;
  }

  private publish(frame: FrameRecord): void {
    const key = `${frame.source}\u0000${frame.receptionTimeMs}\u0000${frame.sequence}`;
    if (this.recent.has(key)) return;
    if (this.recentOrder.length < this.capacity) this.recentOrder.push(key);
    else {
      this.recent.delete(this.recentOrder[this.recentNext] ?? '');
      this.recentOrder[this.recentNext] = key;
      this.recentNext = (this.recentNext + 1) % this.capacity;
    }
    this.recent.add(key);
    this.counters.published++;
    this.options.bus.publish(tmFrameSubject(frame.spacecraft), encodeFrameRecord(frame));
  }
}
