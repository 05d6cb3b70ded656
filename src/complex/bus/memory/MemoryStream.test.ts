import { describe, expect, it } from 'vitest';
import { resolveConsumerOptions } from '../index.ts';
import { DurableState, MemoryStream } from './MemoryStream.ts';

const bytes = new Uint8Array([1]);

function setup(extra: { maxDeliver?: number; maxMessages?: number; maxAgeMs?: number } = {}): { stream: MemoryStream; state: DurableState } {
  const stream = new MemoryStream({ name: 'S', subjects: ['s.>'], ...(extra.maxMessages === undefined ? {} : { maxMessages: extra.maxMessages }), ...(extra.maxAgeMs === undefined ? {} : { maxAgeMs: extra.maxAgeMs }) });
  const options = resolveConsumerOptions({ stream: 'S', durable: 'd', ackWaitMs: 100, ...(extra.maxDeliver === undefined ? {} : { maxDeliver: extra.maxDeliver }) });
  return { stream, state: new DurableState(stream, options) };
}

describe('DurableState', () => {
  it('stops redelivering after maxDeliver attempts', () => {
    const { stream, state } = setup({ maxDeliver: 2 });
    stream.append('s.a', bytes, 0);
    expect(state.take(0)).toMatchObject({ message: { sequence: 1 }, deliveryCount: 1 });
    expect(state.take(50)).toEqual({ waitMs: 50 });
    expect(state.take(100)).toMatchObject({ message: { sequence: 1 }, deliveryCount: 2 });
    expect(state.take(10_000)).toEqual({ waitMs: Number.POSITIVE_INFINITY });
    expect(state.isPending(1)).toBe(false);
  });

  it('forgets pending messages the stream no longer keeps', () => {
    const { stream, state } = setup({ maxMessages: 2 });
    stream.append('s.a', bytes, 0);
    expect(state.take(0)).toMatchObject({ message: { sequence: 1 } });
    stream.append('s.a', bytes, 1);
    stream.append('s.a', bytes, 2);
    expect(stream.get(1)).toBeUndefined();
    expect(state.take(500)).toMatchObject({ message: { sequence: 2 }, deliveryCount: 1 });
    expect(state.isPending(1)).toBe(false);
  });

  it('drops messages older than maxAgeMs', () => {
    const { stream } = setup({ maxAgeMs: 1000 });
    stream.append('s.a', bytes, 0);
    stream.append('s.a', bytes, 1500);
    expect(stream.get(1)).toBeUndefined();
    expect(stream.get(2)?.timeMs).toBe(1500);
  });

  it('keeps duplicate ids only for the duplicate window', () => {
    const stream = new MemoryStream({ name: 'S', subjects: ['s.>'], duplicateWindowMs: 1000 });
    expect(stream.append('s.a', bytes, 0, 'x').duplicate).toBe(false);
    expect(stream.append('s.a', bytes, 999, 'x')).toEqual({ stream: 'S', sequence: 1, duplicate: true });
    expect(stream.append('s.a', bytes, 2000, 'x')).toEqual({ stream: 'S', sequence: 2, duplicate: false });
  });
});
