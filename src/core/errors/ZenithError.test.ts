import { describe, expect, it } from 'vitest';
import { ZenithError, formatLocation } from './index.ts';

describe('ZenithError', () => {
  it('describes the place, the code and the message', () => {
    const e = new ZenithError('TLE_CHECKSUM', 'checksum 7 expected, found 3', { file: 'a.tle', line: 12, column: 69 });
    expect(e.describe()).toBe('a.tle:12:69: [TLE_CHECKSUM] checksum 7 expected, found 3');
    expect(e.toJSON().context.line).toBe(12);
  });
  it('leaves out the parts of a location that are not set', () => {
    expect(formatLocation({ file: 'x.xml' })).toBe('x.xml: ');
    expect(formatLocation({})).toBe('');
  });
  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new ZenithError('X', 'outer', {}, { cause }).cause).toBe(cause);
  });
});
