export type {
  Bus,
  BusMessage,
  BusOptions,
  ConsumerOptions,
  HandlerErrorListener,
  MessageHandler,
  PublishAck,
  StreamConfig,
  StreamConsumer,
  StreamHandler,
  StreamMessage,
  Subscription,
} from './Bus.ts';
export {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_NAK_DELAY_MS,
  assertName,
  consumerConflict,
  reportHandlerError,
  resolveConsumerOptions,
  validateStreamConfig,
} from './busOptions.ts';
export type { ResolvedConsumerOptions } from './busOptions.ts';
export { fromJson, toJson } from './json.ts';
export { openBus } from './openBus.ts';
export { assertSubject, isValidSubject, subjectMatches, subjectsOverlap } from './subject.ts';
