import { describe, expect, it } from 'vitest';
import { argumentsAsJson, checkRequest, parseRelease } from './queueRequest.ts';

describe('queue requests', () => {
  it('read the release modes of the API', () => {
    expect(parseRelease(undefined)).toEqual({ mode: 'now' });
    expect(parseRelease({ mode: 'now' })).toEqual({ mode: 'now' });
    expect(parseRelease({ mode: 'next-contact' })).toEqual({ mode: 'contact' });
    expect(parseRelease({ mode: 'at', time: '2026-11-25T21:03:00.250Z' })).toEqual({ mode: 'time', atMs: Date.UTC(2026, 10, 25, 21, 3, 0, 250) });
    expect(parseRelease({ mode: 'at', time: 1_800_000_000_000 })).toEqual({ mode: 'time', atMs: 1_800_000_000_000 });
  });

  it('name the field of a bad request', () => {
    const field = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return (e as { context: { field?: string } }).context.field;
      }
      return 'no error';
    };
    expect(field(() => parseRelease({ mode: 'later' as 'now' }))).toBe('release.mode');
    expect(field(() => parseRelease({ mode: 'at' }))).toBe('release.time');
    expect(field(() => parseRelease({ mode: 'at', time: '25/11/2026' }))).toBe('release.time');
    expect(field(() => parseRelease({ mode: 'at', time: Number.NaN }))).toBe('release.time');
    expect(field(() => checkRequest({ name: '', spacecraft: 'A' }))).toBe('name');
    expect(field(() => checkRequest({ name: 'X', spacecraft: '' }))).toBe('spacecraft');
    expect(field(() => checkRequest({ name: 'X', spacecraft: 'A', arguments: [] as unknown as Record<string, unknown> }))).toBe('arguments');
    expect(field(() => checkRequest({ name: 'X', spacecraft: 'A', id: 'a b' }))).toBe('id');
    expect(field(() => checkRequest({ name: 'X', spacecraft: 'A', origin: '' }))).toBe('origin');
    expect(checkRequest({ name: 'X', spacecraft: 'A', id: 'req-1', origin: 'bob' })).toEqual({ mode: 'now' });
  });

  it('keep arguments as JSON the archive can hold', () => {
    expect(argumentsAsJson({ n: 1, big: 2n ** 64n, raw: Uint8Array.of(0, 255), list: [Uint8Array.of(1)], nested: { s: 'x' } })).toEqual({
      n: 1,
      big: '18446744073709551616',
      raw: '00ff',
      list: ['01'],
      nested: { s: 'x' },
    });
  });
});
