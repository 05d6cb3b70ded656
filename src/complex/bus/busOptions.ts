// Checks and defaults of stream and consumer options, shared by both bus implementations so that
// a mistake fails the same way in memory as on NATS. Options come from code: misuse is a TypeError.
import { ZenithError } from '../../core/errors/index.ts';
import type { ConsumerOptions, StreamConfig } from './Bus.ts';
import { assertSubject, subjectsOverlap } from './subject.ts';

export const DEFAULT_ACK_WAIT_MS = 30_000;
export const DEFAULT_NAK_DELAY_MS = 1_000;
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** A consumer's options with every default filled in. */
export interface ResolvedConsumerOptions {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject: string | undefined;
  readonly ackWaitMs: number;
  readonly nakDelayMs: number;
  readonly maxDeliver: number | undefined;
  readonly deliver: 'all' | 'new';
}

/** TypeError unless `name` can name a stream or a durable consumer on both implementations. */
export function assertName(name: string, what: 'stream' | 'durable consumer'): void {
  if (!NAME_RE.test(name)) throw new TypeError(`a ${what} name is 1-64 letters, digits, _ or -, got ${JSON.stringify(name)}`);
}

function assertPositive(value: number | undefined, what: string, allowZero = false): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new RangeError(`${what} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${value}`);
  }
}

export function validateStreamConfig(config: StreamConfig): void {
  assertName(config.name, 'stream');
  if (config.subjects.length === 0) throw new TypeError(`stream ${config.name} needs at least one subject`);
  config.subjects.forEach((subject, i) => {
    assertSubject(subject, true);
    config.subjects.slice(0, i).forEach((other) => {
      if (subjectsOverlap(subject, other)) throw new TypeError(`stream ${config.name}: subjects ${other} and ${subject} overlap`);
    });
  });
  assertPositive(config.maxAgeMs, 'maxAgeMs');
  assertPositive(config.maxMessages, 'maxMessages');
  assertPositive(config.duplicateWindowMs, 'duplicateWindowMs');
}

export function resolveConsumerOptions(options: ConsumerOptions): ResolvedConsumerOptions {
  assertName(options.stream, 'stream');
  assertName(options.durable, 'durable consumer');
  if (options.filterSubject !== undefined) assertSubject(options.filterSubject, true);
  assertPositive(options.ackWaitMs, 'ackWaitMs');
  assertPositive(options.nakDelayMs, 'nakDelayMs', true);
  assertPositive(options.maxDeliver, 'maxDeliver');
  const deliver = options.deliver ?? 'all';
  return {
    stream: options.stream,
    durable: options.durable,
    filterSubject: options.filterSubject,
    ackWaitMs: options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
    nakDelayMs: options.nakDelayMs ?? DEFAULT_NAK_DELAY_MS,
    maxDeliver: options.maxDeliver,
    deliver,
  };
}

/** The error both buses give when a durable consumer is resumed with another filter subject. */
export function consumerConflict(stream: string, durable: string, had: string | undefined, asked: string | undefined): ZenithError {
  return new ZenithError(
    'BUS_CONSUMER_CONFLICT',
    `durable consumer ${durable} of stream ${stream} filters ${had ?? 'nothing'}, asked to filter ${asked ?? 'nothing'}; delete it first to change its filter`,
    { stream, durable },
  );
}

/** The default when a handler throws: say so on stderr and carry on with the next message. */
export function reportHandlerError(error: unknown, subject: string): void {
  console.error(`bus: a handler of ${subject} failed:`, error);
}
