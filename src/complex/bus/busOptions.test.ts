import { describe, expect, it } from 'vitest';
import { DEFAULT_ACK_WAIT_MS, resolveConsumerOptions, validateStreamConfig } from './index.ts';

describe('stream and consumer options', () => {
  it('fill in the defaults of a consumer', () => {
    expect(resolveConsumerOptions({ stream: 'TM', durable: 'archiver' })).toEqual({
      stream: 'TM',
      durable: 'archiver',
      filterSubject: undefined,
      ackWaitMs: DEFAULT_ACK_WAIT_MS,
      nakDelayMs: 1000,
      maxDeliver: undefined,
      deliver: 'all',
    });
  });
  it('refuse names, subjects and numbers that one of the buses could not take', () => {
    expect(() => resolveConsumerOptions({ stream: 'TM.x', durable: 'a' })).toThrow(TypeError);
    expect(() => resolveConsumerOptions({ stream: 'TM', durable: '' })).toThrow(TypeError);
    expect(() => resolveConsumerOptions({ stream: 'TM', durable: 'a', ackWaitMs: 1.5 })).toThrow(RangeError);
    expect(() => resolveConsumerOptions({ stream: 'TM', durable: 'a', maxDeliver: 0 })).toThrow(RangeError);
    expect(() => resolveConsumerOptions({ stream: 'TM', durable: 'a', filterSubject: 'a..b' })).toThrow(TypeError);
    expect(() => {
      validateStreamConfig({ name: 'TM', subjects: ['tm.>', 'tm.frame'] });
    }).toThrow(/overlap/);
    expect(() => {
      validateStreamConfig({ name: 'TM', subjects: ['tm.>'], maxMessages: -1 });
    }).toThrow(RangeError);
    expect(() => {
      validateStreamConfig({ name: 'TM', subjects: ['tm.>', 'tc.>'], maxAgeMs: 86_400_000 });
    }).not.toThrow();
  });
});
