// A durable stream held in memory: the message log with its limits and duplicate window, and the
// state of each named consumer (next position, pending acknowledgements). It outlives the
// consumers that read it, so a consumer stopped and started again resumes where it was.
import type { PublishAck, StreamConfig } from '../index.ts';
import { DEFAULT_DUPLICATE_WINDOW_MS, subjectMatches } from '../index.ts';
import type { ResolvedConsumerOptions } from '../index.ts';

export interface StoredMessage {
  readonly sequence: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly timeMs: number;
}

interface Pending {
  deliveryCount: number;
  /** When the message is due (again): its ack deadline, or the end of a nak delay. */
  dueMs: number;
}

/** What a consumer worker does next: handle a message, or wait (at most `waitMs`). */
export type Take = { readonly message: StoredMessage; readonly deliveryCount: number } | { readonly waitMs: number };

export class DurableState {
  options: ResolvedConsumerOptions;
  private nextSequence: number;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<() => void>();
  deleted = false;

  constructor(
    private readonly stream: MemoryStream,
    options: ResolvedConsumerOptions,
  ) {
    this.options = options;
    this.nextSequence = options.deliver === 'new' ? stream.lastSequence + 1 : 1;
  }

  /** The next message to deliver: a due redelivery first (lowest sequence), then the next new one. */
  take(nowMs: number): Take {
    this.stream.applyLimits(nowMs);
    let earliestDue = Number.POSITIVE_INFINITY;
    // Entries are inserted at first delivery, in stream order, so the map iterates by sequence.
    for (const [sequence, entry] of this.pending) {
      const message = this.stream.get(sequence);
      if (message === undefined) {
        this.pending.delete(sequence);
        continue;
      }
      if (entry.dueMs > nowMs) {
        earliestDue = Math.min(earliestDue, entry.dueMs);
        continue;
      }
      if (this.options.maxDeliver !== undefined && entry.deliveryCount >= this.options.maxDeliver) {
        this.pending.delete(sequence);
        continue;
      }
      entry.deliveryCount += 1;
      entry.dueMs = nowMs + this.options.ackWaitMs;
      return { message, deliveryCount: entry.deliveryCount };
    }
    const message = this.stream.nextMatching(this.nextSequence, this.options.filterSubject);
    if (message !== undefined) {
      this.nextSequence = message.sequence + 1;
      this.pending.set(message.sequence, { deliveryCount: 1, dueMs: nowMs + this.options.ackWaitMs });
      return { message, deliveryCount: 1 };
    }
    return { waitMs: earliestDue - nowMs };
  }

  ack(sequence: number): void {
    this.pending.delete(sequence);
  }

  /** Makes a pending message due again at `dueMs` (a nak, or a consumer giving its messages back). */
  release(sequence: number, dueMs: number): void {
    const entry = this.pending.get(sequence);
    if (entry === undefined) return;
    entry.dueMs = dueMs;
    this.notify();
  }

  isPending(sequence: number): boolean {
    return this.pending.has(sequence);
  }

  /** Resolves on the next notify, or after `waitMs`. */
  wait(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(waitMs) ? setTimeout(done, Math.max(1, waitMs)) : undefined;
      const waiters = this.waiters;
      function done(): void {
        if (timer !== undefined) clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export class MemoryStream {
  config: StreamConfig;
  private messages: StoredMessage[] = [];
  lastSequence = 0;
  private readonly recentIds = new Map<string, { sequence: number; timeMs: number }>();
  readonly consumers = new Map<string, DurableState>();

  constructor(config: StreamConfig) {
    this.config = config;
  }

  captures(subject: string): boolean {
    return this.config.subjects.some((pattern) => subjectMatches(pattern, subject));
  }

  append(subject: string, data: Uint8Array, nowMs: number, messageId?: string): PublishAck {
    const window = this.config.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
    for (const [id, seen] of this.recentIds) if (seen.timeMs < nowMs - window) this.recentIds.delete(id);
    if (messageId !== undefined) {
      const seen = this.recentIds.get(messageId);
      if (seen !== undefined) return { stream: this.config.name, sequence: seen.sequence, duplicate: true };
    }
    this.lastSequence += 1;
    this.messages.push({ sequence: this.lastSequence, subject, data, timeMs: nowMs });
    if (messageId !== undefined) this.recentIds.set(messageId, { sequence: this.lastSequence, timeMs: nowMs });
    this.applyLimits(nowMs);
    for (const consumer of this.consumers.values()) consumer.notify();
    return { stream: this.config.name, sequence: this.lastSequence, duplicate: false };
  }

  /** Drops what the age and count limits no longer keep (oldest first). */
  applyLimits(nowMs: number): void {
    const { maxAgeMs, maxMessages } = this.config;
    let drop = 0;
    if (maxAgeMs !== undefined) while (drop < this.messages.length && (this.messages[drop]?.timeMs ?? nowMs) < nowMs - maxAgeMs) drop++;
    if (maxMessages !== undefined) drop = Math.max(drop, this.messages.length - maxMessages);
    if (drop > 0) this.messages = this.messages.slice(drop);
  }

  get(sequence: number): StoredMessage | undefined {
    const first = this.messages[0];
    if (first === undefined) return undefined;
    return this.messages[sequence - first.sequence];
  }

  /** The first kept message at or after `sequence` whose subject matches `filter` (any when undefined). */
  nextMatching(sequence: number, filter: string | undefined): StoredMessage | undefined {
    const first = this.messages[0];
    if (first === undefined) return undefined;
    for (let i = Math.max(0, sequence - first.sequence); i < this.messages.length; i++) {
      const message = this.messages[i];
      if (message !== undefined && (filter === undefined || subjectMatches(filter, message.subject))) return message;
    }
    return undefined;
  }
}
