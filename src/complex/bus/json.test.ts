import { describe, expect, it } from 'vitest';
import { ZenithError } from '../../core/errors/index.ts';
import { fromJson, toJson } from './index.ts';

describe('JSON payloads', () => {
  it('are UTF-8 JSON text', () => {
    expect(Array.from(toJson({ v: 'é' }))).toEqual([...Buffer.from('{"v":"é"}', 'utf8')]);
    expect(fromJson(Buffer.from('[1,"x",null]'))).toEqual([1, 'x', null]);
  });
  it('refuse what JSON cannot carry', () => {
    expect(() => toJson(undefined)).toThrow(TypeError);
    expect(() => toJson(10n)).toThrow(TypeError);
  });
  it('report bytes that are not JSON with the subject', () => {
    try {
      fromJson(Buffer.from('{"a":'), 'tm.param');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZenithError);
      expect((error as ZenithError).code).toBe('BUS_JSON');
      expect((error as ZenithError).context['subject']).toBe('tm.param');
      expect((error as ZenithError).message).toContain('{\\"a\\":');
    }
  });
});
