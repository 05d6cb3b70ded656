import { describe, expect, it } from 'vitest';
import { validateArgument } from './validateArgument.ts';

describe('validateArgument', () => {
  const duration = { name: 'duration', type: 'integer', units: 'ms', min: 10, max: 5000 };
  it('takes whole numbers within the range of the database and refuses others, saying what was expected', () => {
    expect(validateArgument(duration, ' 100 ')).toEqual({ ok: true, value: 100 });
    expect(validateArgument(duration, '5001')).toEqual({ ok: false, message: 'duration: expected 10 to 5000 ms, found 5001' });
    expect(validateArgument(duration, '1.5')).toEqual({ ok: false, message: 'duration: expected a whole number, found "1.5"' });
    expect(validateArgument(duration, '')).toEqual({ ok: false, message: 'duration: a value is needed' });
  });
  it('takes floats, choices, times and hex octets', () => {
    expect(validateArgument({ name: 'gain', type: 'float', max: 2 }, '1.5e0')).toEqual({ ok: true, value: 1.5 });
    expect(validateArgument({ name: 'gain', type: 'float', max: 2 }, '3')).toMatchObject({ ok: false, message: 'gain: expected at most 2, found 3' });
    const mode = { name: 'mode', type: 'enumerated', values: ['SAFE', 'NOMINAL'] };
    expect(validateArgument(mode, 'SAFE')).toEqual({ ok: true, value: 'SAFE' });
    expect(validateArgument(mode, 'safe')).toEqual({ ok: false, message: 'mode: expected one of SAFE, NOMINAL, found "safe"' });
    const time = { name: 'time', type: 'absoluteTime' };
    expect(validateArgument(time, '2026-11-25T21:00:00')).toEqual({ ok: true, value: '2026-11-25T21:00:00.000Z' });
    expect(validateArgument(time, 'tomorrow')).toMatchObject({ ok: false });
    expect(validateArgument({ name: 'request', type: 'binary' }, '1A2b')).toEqual({ ok: true, value: '1a2b' });
    expect(validateArgument({ name: 'request', type: 'binary' }, '1A2')).toMatchObject({ ok: false });
  });
});
