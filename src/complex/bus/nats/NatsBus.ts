// The bus on NATS JetStream, for a complex spread over several processes: core NATS carries
// publish/subscribe, JetStream streams with durable pull consumers carry what must not be lost.
// Uses only features of NATS server 2.9 (one filter subject per consumer).
import { connect, nanos } from '@nats-io/transport-node';
import type { NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerConfig, ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { ZenithError } from '../../../core/errors/index.ts';
import type {
  Bus,
  BusOptions,
  ConsumerOptions,
  MessageHandler,
  PublishAck,
  ResolvedConsumerOptions,
  StreamConfig,
  StreamConsumer,
  StreamHandler,
  StreamMessage,
  Subscription,
} from '../index.ts';
import { assertName, assertSubject, consumerConflict, reportHandlerError, fromJson, resolveConsumerOptions, validateStreamConfig, DEFAULT_DUPLICATE_WINDOW_MS } from '../index.ts';

/** The oldest NATS server this bus is tested against and needs (JetStream pull consumers, 2.9 API). */
export const MIN_NATS_SERVER_VERSION = '2.9.0';

/** The server's error code for subjects that overlap another stream's (JSStreamSubjectOverlapErr). */
const STREAM_SUBJECT_OVERLAP = 10065;

/** How many messages a consumer asks the server for at once. */
const PULL_BATCH = 64;

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

class NatsSubscriptionHandle implements Subscription {
  readonly done: Promise<void>;

  constructor(
    readonly subject: string,
    private readonly sub: NatsSubscription,
    handler: MessageHandler,
    onError: (error: unknown, subject: string) => void,
  ) {
    this.done = (async () => {
      for await (const m of sub) {
        try {
          await handler({ subject: m.subject, data: m.data, json: () => fromJson(m.data, m.subject) });
        } catch (error) {
          onError(error, m.subject);
        }
      }
    })();
  }

  async unsubscribe(): Promise<void> {
    if (!this.sub.isClosed()) this.sub.unsubscribe();
    await this.done;
  }
}

class NatsConsumer implements StreamConsumer {
  private stopped = false;
  /** Messages handed to this process and not acknowledged: given back (nak) on stop. */
  private readonly unacked = new Set<JsMsg>();
  readonly done: Promise<void>;

  constructor(
    private readonly options: ResolvedConsumerOptions,
    private readonly messages: ConsumerMessages,
    handler: StreamHandler,
    onError: (error: unknown, subject: string) => void,
    private readonly onStop: (unacked: JsMsg[]) => void,
  ) {
    this.done = (async () => {
      for await (const m of messages) {
        const delivered = this.wrap(m);
        if (this.stopped) continue;
        try {
          await handler(delivered);
        } catch (error) {
          onError(error, m.subject);
          if (this.unacked.has(m)) delivered.nak(options.nakDelayMs);
        }
      }
    })();
  }

  get stream(): string {
    return this.options.stream;
  }

  get durable(): string {
    return this.options.durable;
  }

  private wrap(m: JsMsg): StreamMessage {
    const unacked = this.unacked;
    unacked.add(m);
    return {
      stream: this.options.stream,
      subject: m.subject,
      data: m.data,
      sequence: m.seq,
      deliveryCount: m.info.deliveryCount,
      redelivered: m.redelivered,
      json: () => fromJson(m.data, m.subject),
      async ack() {
        // A double ack: resolves once the server has recorded it, so an acknowledged message is
        // not delivered again even if this process dies right after.
        await m.ackAck();
        unacked.delete(m);
      },
      nak(delayMs?: number) {
        unacked.delete(m);
        m.nak(delayMs);
      },
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages.close();
    await this.done;
    this.onStop([...this.unacked]);
    this.unacked.clear();
  }
}

export class NatsBus implements Bus {
  readonly kind = 'nats';
  private readonly subscriptions = new Set<NatsSubscriptionHandle>();
  private readonly consumers = new Set<NatsConsumer>();
  /**
   * Unacknowledged messages of stopped consumers, by stream and durable name, given back (nak) once
   * the consumer's next pull request is live. Giving them back while no pull request is live meets
   * a bug of 2.9 servers (fixed by nats-server#5305, 2.10 series): the message is delivered twice.
   */
  private readonly givenBack = new Map<string, JsMsg[]>();
  private readonly onHandlerError: (error: unknown, subject: string) => void;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    options: BusOptions,
  ) {
    this.onHandlerError = options.onHandlerError ?? reportHandlerError;
  }

  /** Connects to the server at `url` (nats://host:port) and checks that JetStream is enabled. */
  static async open(url: string, options: BusOptions = {}): Promise<NatsBus> {
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: url.split(','), timeout: 3000, name: 'zenith' });
    } catch (cause) {
      throw new ZenithError('BUS_UNREACHABLE', `expected a NATS server at ${url}, found none answering (${String(cause)})`, { url }, { cause });
    }
    try {
      const jsm = await jetstreamManager(nc);
      return new NatsBus(nc, jsm, jetstream(nc), options);
    } catch (cause) {
      await nc.close();
      throw new ZenithError('BUS_NO_JETSTREAM', `expected JetStream enabled on the NATS server at ${url} (nats-server -js), found it off`, { url }, { cause });
    }
  }

  publish(subject: string, data: Uint8Array): void {
    assertSubject(subject, false);
    this.nc.publish(subject, data);
  }

  subscribe(subject: string, handler: MessageHandler): Subscription {
    assertSubject(subject, true);
    const handle = new NatsSubscriptionHandle(subject, this.nc.subscribe(subject), handler, this.onHandlerError);
    this.subscriptions.add(handle);
    void handle.done.finally(() => this.subscriptions.delete(handle));
    return handle;
  }

  flush(): Promise<void> {
    return this.nc.flush();
  }

  async ensureStream(config: StreamConfig): Promise<void> {
    validateStreamConfig(config);
    const limits = {
      subjects: [...config.subjects],
      max_age: config.maxAgeMs === undefined ? 0 : nanos(config.maxAgeMs),
      max_msgs: config.maxMessages ?? -1,
      duplicate_window: nanos(config.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    };
    try {
      await this.jsm.streams.info(config.name);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
      await this.guard(this.jsm.streams.add({ name: config.name, ...limits }), config.name);
      return;
    }
    await this.guard(this.jsm.streams.update(config.name, limits), config.name);
  }

  async deleteStream(name: string): Promise<void> {
    assertName(name, 'stream');
    try {
      await this.jsm.streams.delete(name);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    }
  }

  async publishToStream(subject: string, data: Uint8Array, options: { readonly messageId?: string } = {}): Promise<PublishAck> {
    assertSubject(subject, false);
    try {
      const ack = await this.js.publish(subject, data, options.messageId === undefined ? {} : { msgID: options.messageId });
      return { stream: ack.stream, sequence: ack.seq, duplicate: ack.duplicate };
    } catch (cause) {
      // The server answers "no responders" (reported as JetStream not enabled) when no stream listens.
      throw new ZenithError('BUS_NO_STREAM', `expected a stream capturing subject ${subject}, found none (${String(cause)})`, { subject }, { cause });
    }
  }

  async consume(options: ConsumerOptions, handler: StreamHandler): Promise<StreamConsumer> {
    const resolved = resolveConsumerOptions(options);
    await this.ensureConsumer(resolved);
    const consumer = await this.js.consumers.get(resolved.stream, resolved.durable);
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    const key = `${resolved.stream}\u0000${resolved.durable}`;
    const handle = new NatsConsumer(resolved, messages, handler, this.onHandlerError, (unacked) => {
      if (unacked.length > 0) this.givenBack.set(key, [...(this.givenBack.get(key) ?? []), ...unacked]);
    });
    this.consumers.add(handle);
    void handle.done.finally(() => this.consumers.delete(handle));
    // The pull request went out before these on the same connection, so the server has it.
    for (const m of this.givenBack.get(key) ?? []) m.nak();
    this.givenBack.delete(key);
    return handle;
  }

  async deleteConsumer(stream: string, durable: string): Promise<void> {
    assertName(stream, 'stream');
    assertName(durable, 'durable consumer');
    try {
      await this.jsm.consumers.delete(stream, durable);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound) && !isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    }
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.nc.drain();
  }

  /** Creates the durable consumer, or updates its ack wait and delivery limit when it exists. */
  private async ensureConsumer(options: ResolvedConsumerOptions): Promise<void> {
    const updatable = {
      ack_wait: nanos(options.ackWaitMs),
      max_deliver: options.maxDeliver ?? -1,
    };
    let existing;
    try {
      existing = await this.jsm.consumers.info(options.stream, options.durable);
    } catch (error) {
      if (isApiError(error, JetStreamApiCodes.StreamNotFound)) {
        throw new ZenithError('BUS_NO_STREAM', `expected stream ${options.stream} to exist, found none`, { stream: options.stream }, { cause: error });
      }
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      const config: Partial<ConsumerConfig> = {
        durable_name: options.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: options.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
        ...updatable,
        ...(options.filterSubject === undefined ? {} : { filter_subject: options.filterSubject }),
      };
      await this.jsm.consumers.add(options.stream, config);
      return;
    }
    const had = existing.config.filter_subject === '' ? undefined : existing.config.filter_subject;
    if (had !== options.filterSubject) throw consumerConflict(options.stream, options.durable, had, options.filterSubject);
    if (existing.config.ack_wait !== updatable.ack_wait || (existing.config.max_deliver ?? -1) !== updatable.max_deliver) {
      await this.jsm.consumers.update(options.stream, options.durable, updatable);
    }
  }

  /** Turns the server's refusal of a stream (for instance overlapping subjects) into a ZenithError. */
  private async guard<T>(request: Promise<T>, stream: string): Promise<T> {
    try {
      return await request;
    } catch (cause) {
      if (isApiError(cause, STREAM_SUBJECT_OVERLAP)) {
        throw new ZenithError('BUS_STREAM_OVERLAP', `stream ${stream}: its subjects overlap those of another stream (${(cause as Error).message})`, { stream }, { cause });
      }
      if (cause instanceof JetStreamApiError) {
        throw new ZenithError('BUS_STREAM_REFUSED', `the NATS server refused stream ${stream}: ${cause.message}`, { stream }, { cause });
      }
      throw cause;
    }
  }
}
