// The bus seam of the complex (DESIGN.md, "The bus is the spine"): fire-and-forget publish/subscribe
// on subjects, and durable streams read by named consumers with acknowledgement (at least once).
// Implemented in memory (one process, the default) and on NATS JetStream (several processes).

/** A message as a subscriber sees it. */
export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** The payload read as UTF-8 JSON; a ZenithError BUS_JSON when it is not. */
  json(): unknown;
}

/** A message of a durable stream, delivered to a named consumer until acknowledged. */
export interface StreamMessage extends BusMessage {
  readonly stream: string;
  /** Position in the stream, from 1; the same on every redelivery. */
  readonly sequence: number;
  /** 1 on the first delivery, 2 on the first redelivery, ... */
  readonly deliveryCount: number;
  readonly redelivered: boolean;
  /** Resolves once the acknowledgement is recorded: the message will not be delivered again. */
  ack(): Promise<void>;
  /** Gives the message back for redelivery after `delayMs` (default 0). */
  nak(delayMs?: number): void;
}

export type MessageHandler = (message: BusMessage) => void | Promise<void>;
/**
 * Called with one message at a time, in stream order. Returning without `ack()` leaves the
 * message pending: it is delivered again after `ackWaitMs`. Throwing gives it back (nak) for
 * redelivery after `nakDelayMs`.
 */
export type StreamHandler = (message: StreamMessage) => void | Promise<void>;

export interface Subscription {
  readonly subject: string;
  /** Stops delivery; a handler already running finishes. */
  unsubscribe(): Promise<void>;
}

export interface StreamConfig {
  /** Letters, digits, `_` and `-`. */
  readonly name: string;
  /** Subjects (wildcards allowed) captured by the stream; streams may not overlap. */
  readonly subjects: readonly string[];
  /** Messages older than this are discarded (default: kept). */
  readonly maxAgeMs?: number;
  /** The oldest messages are discarded beyond this count (default: no limit). */
  readonly maxMessages?: number;
  /** Publishes with the same `messageId` within this window are stored once (default 120 000). */
  readonly duplicateWindowMs?: number;
}

export interface PublishAck {
  readonly stream: string;
  readonly sequence: number;
  /** True when a message with the same id was already stored (nothing new was stored). */
  readonly duplicate: boolean;
}

export interface ConsumerOptions {
  readonly stream: string;
  /** The durable consumer's name: its position and pending acks outlive the process using it. */
  readonly durable: string;
  /** Only messages on this subject (one subject; wildcards allowed). */
  readonly filterSubject?: string;
  /** Unacknowledged messages are delivered again after this long (default 30 000). */
  readonly ackWaitMs?: number;
  /** Delay before redelivering a message whose handler threw (default 1 000). */
  readonly nakDelayMs?: number;
  /** Stop delivering a message after this many attempts (default: no limit). */
  readonly maxDeliver?: number;
  /** Where a new durable consumer starts: the first message kept ('all', default) or the next one. */
  readonly deliver?: 'all' | 'new';
}

export interface StreamConsumer {
  readonly stream: string;
  readonly durable: string;
  /**
   * Stops delivery and waits for the running handler. Messages delivered to this consumer and
   * not acknowledged are given back, so a restarted consumer of the same name receives them again.
   */
  stop(): Promise<void>;
}

export interface Bus {
  /** 'memory' or 'nats'. */
  readonly kind: 'memory' | 'nats';
  /** Fire and forget: subscribers present now get it; a stream capturing the subject stores it. */
  publish(subject: string, data: Uint8Array): void;
  /** Calls `handler` for each message on subjects matched by `subject`, one at a time, in order. */
  subscribe(subject: string, handler: MessageHandler): Subscription;
  /** Resolves once everything published so far has reached the server (memory: at once). */
  flush(): Promise<void>;
  /** Creates the stream, or updates its subjects and limits when it exists. */
  ensureStream(config: StreamConfig): Promise<void>;
  /** Deletes the stream and its consumers; deleting a stream that does not exist is not an error. */
  deleteStream(name: string): Promise<void>;
  /**
   * Stores the message in the stream capturing `subject`; resolves once stored. A ZenithError
   * BUS_NO_STREAM when no stream captures the subject.
   */
  publishToStream(subject: string, data: Uint8Array, options?: { readonly messageId?: string }): Promise<PublishAck>;
  /** Starts (or resumes) the durable consumer `options.durable` and delivers to `handler`. */
  consume(options: ConsumerOptions, handler: StreamHandler): Promise<StreamConsumer>;
  deleteConsumer(stream: string, durable: string): Promise<void>;
  /** Stops subscriptions and consumers and closes the connection. */
  close(): Promise<void>;
}

/** Called when a subscriber's handler throws: the bus carries on with the next message. */
export type HandlerErrorListener = (error: unknown, subject: string) => void;

export interface BusOptions {
  readonly onHandlerError?: HandlerErrorListener;
}
