// The in-process bus, the default of a one-process complex: subjects are routed in memory and
// durable streams live as long as the process. Same contract as the NATS bus (one test suite).
import { ZenithError } from '../../../core/errors/index.ts';
import type {
  Bus,
  BusMessage,
  BusOptions,
  ConsumerOptions,
  MessageHandler,
  PublishAck,
  StreamConfig,
  StreamConsumer,
  StreamHandler,
  StreamMessage,
  Subscription,
} from '../index.ts';
import { assertName, assertSubject, consumerConflict, reportHandlerError, fromJson, resolveConsumerOptions, subjectMatches, subjectsOverlap, validateStreamConfig } from '../index.ts';
import { DurableState, MemoryStream } from './MemoryStream.ts';

class MemorySubscription implements Subscription {
  private readonly queue: BusMessage[] = [];
  private running: Promise<void> | undefined;
  private active = true;

  constructor(
    readonly subject: string,
    private readonly handler: MessageHandler,
    private readonly onError: (error: unknown, subject: string) => void,
    private readonly forget: (subscription: MemorySubscription) => void,
  ) {}

  push(message: BusMessage): void {
    if (!this.active) return;
    this.queue.push(message);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    // Deliver after the publisher's turn, as a network would, and one message at a time.
    await Promise.resolve();
    for (let message = this.queue.shift(); message !== undefined && this.active; message = this.queue.shift()) {
      try {
        await this.handler(message);
      } catch (error) {
        this.onError(error, message.subject);
      }
    }
    this.running = undefined;
  }

  async unsubscribe(): Promise<void> {
    this.active = false;
    this.queue.length = 0;
    this.forget(this);
    await this.running;
  }
}

class MemoryConsumer implements StreamConsumer {
  private stopped = false;
  /** Sequences this worker was given and has not acknowledged: given back on stop. */
  private readonly unacked = new Set<number>();
  readonly done: Promise<void>;

  constructor(
    private readonly state: DurableState,
    private readonly handler: StreamHandler,
    private readonly onError: (error: unknown, subject: string) => void,
  ) {
    this.done = this.run();
  }

  get stream(): string {
    return this.state.options.stream;
  }

  get durable(): string {
    return this.state.options.durable;
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    while (!this.stopped && !this.state.deleted) {
      const next = this.state.take(Date.now());
      if ('waitMs' in next) {
        await this.state.wait(next.waitMs);
        continue;
      }
      const { message, deliveryCount } = next;
      const { state, unacked } = this;
      unacked.add(message.sequence);
      const delivered: StreamMessage = {
        stream: state.options.stream,
        subject: message.subject,
        data: message.data,
        sequence: message.sequence,
        deliveryCount,
        redelivered: deliveryCount > 1,
        json: () => fromJson(message.data, message.subject),
        ack: () => {
          state.ack(message.sequence);
          unacked.delete(message.sequence);
          return Promise.resolve();
        },
        nak: (delayMs = 0) => {
          unacked.delete(message.sequence);
          state.release(message.sequence, Date.now() + delayMs);
        },
      };
      try {
        await this.handler(delivered);
      } catch (error) {
        this.onError(error, message.subject);
        if (state.isPending(message.sequence)) delivered.nak(state.options.nakDelayMs);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state.notify();
    await this.done;
    const now = Date.now();
    for (const sequence of this.unacked) this.state.release(sequence, now);
    this.unacked.clear();
  }
}

export class MemoryBus implements Bus {
  readonly kind = 'memory';
  private readonly subscriptions = new Set<MemorySubscription>();
  private readonly streams = new Map<string, MemoryStream>();
  private readonly consumers = new Set<MemoryConsumer>();
  private readonly onHandlerError: (error: unknown, subject: string) => void;
  private closed = false;

  constructor(options: BusOptions = {}) {
    this.onHandlerError = options.onHandlerError ?? reportHandlerError;
  }

  publish(subject: string, data: Uint8Array): void {
    this.assertOpen();
    assertSubject(subject, false);
    const copy = data.slice();
    this.streamFor(subject)?.append(subject, copy, Date.now());
    this.deliver(subject, copy);
  }

  subscribe(subject: string, handler: MessageHandler): Subscription {
    this.assertOpen();
    assertSubject(subject, true);
    const subscription = new MemorySubscription(subject, handler, this.onHandlerError, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  flush(): Promise<void> {
    return settle(() => {
      this.assertOpen();
    });
  }

  ensureStream(config: StreamConfig): Promise<void> {
    return settle(() => {
      this.assertOpen();
      validateStreamConfig(config);
      for (const other of this.streams.values()) {
        if (other.config.name === config.name) continue;
        for (const mine of config.subjects) {
          const clash = other.config.subjects.find((theirs) => subjectsOverlap(mine, theirs));
          if (clash !== undefined) {
            throw new ZenithError('BUS_STREAM_OVERLAP', `stream ${config.name}: subject ${mine} overlaps ${clash} of stream ${other.config.name}`, {
              stream: config.name,
            });
          }
        }
      }
      const existing = this.streams.get(config.name);
      const copy: StreamConfig = { ...config, subjects: [...config.subjects] };
      if (existing === undefined) this.streams.set(config.name, new MemoryStream(copy));
      else {
        existing.config = copy;
        existing.applyLimits(Date.now());
      }
    });
  }

  deleteStream(name: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      assertName(name, 'stream');
      const stream = this.streams.get(name);
      if (stream === undefined) return;
      for (const state of stream.consumers.values()) this.dropConsumerState(state);
      this.streams.delete(name);
    });
  }

  publishToStream(subject: string, data: Uint8Array, options: { readonly messageId?: string } = {}): Promise<PublishAck> {
    return settle(() => {
      this.assertOpen();
      assertSubject(subject, false);
      const stream = this.streamFor(subject);
      if (stream === undefined) throw new ZenithError('BUS_NO_STREAM', `expected a stream capturing subject ${subject}, found none`, { subject });
      const copy = data.slice();
      const ack = stream.append(subject, copy, Date.now(), options.messageId);
      if (!ack.duplicate) this.deliver(subject, copy);
      return ack;
    });
  }

  consume(options: ConsumerOptions, handler: StreamHandler): Promise<StreamConsumer> {
    return settle(() => {
      this.assertOpen();
      const resolved = resolveConsumerOptions(options);
      const stream = this.streams.get(resolved.stream);
      if (stream === undefined) {
        throw new ZenithError('BUS_NO_STREAM', `expected stream ${resolved.stream} to exist, found none`, { stream: resolved.stream });
      }
      let state = stream.consumers.get(resolved.durable);
      if (state === undefined) {
        state = new DurableState(stream, resolved);
        stream.consumers.set(resolved.durable, state);
      } else if (state.options.filterSubject !== resolved.filterSubject) {
        throw consumerConflict(resolved.stream, resolved.durable, state.options.filterSubject, resolved.filterSubject);
      } else {
        state.options = { ...resolved, deliver: state.options.deliver };
      }
      const consumer = new MemoryConsumer(state, handler, this.onHandlerError);
      this.consumers.add(consumer);
      void consumer.done.finally(() => this.consumers.delete(consumer));
      return consumer;
    });
  }

  deleteConsumer(stream: string, durable: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      assertName(stream, 'stream');
      assertName(durable, 'durable consumer');
      const state = this.streams.get(stream)?.consumers.get(durable);
      if (state === undefined) return;
      this.dropConsumerState(state);
      this.streams.get(stream)?.consumers.delete(durable);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    this.streams.clear();
  }

  private dropConsumerState(state: DurableState): void {
    state.deleted = true;
    state.notify();
  }

  private streamFor(subject: string): MemoryStream | undefined {
    for (const stream of this.streams.values()) if (stream.captures(subject)) return stream;
    return undefined;
  }

  private deliver(subject: string, data: Uint8Array): void {
    for (const subscription of this.subscriptions) {
      if (subjectMatches(subscription.subject, subject)) {
        subscription.push({ subject, data, json: () => fromJson(data, subject) });
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new TypeError('the bus is closed');
  }
}

/** Runs `work` now and reports its result or its throw as a promise, as a network bus would. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
